using System.Net;
using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Model;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Council;

public abstract class CouncilOfficeTests(RathausApp app)
{
    private const string Office = "m.kruse"; // Ratsbüro

    [Fact]
    public async Task The_council_office_creates_a_meeting_adds_public_and_non_public_items_and_only_the_public_ones_are_published()
    {
        await using var db = app.Db();
        var committee = await db.CouncilOrganizations.FirstAsync(o => o.Kind == OrganizationKind.Committee);
        var location = await db.CouncilLocations.FirstAsync(l => l.Room == "Traubensaal");
        var paper = await db.Papers.OrderBy(p => p.Id).FirstAsync();
        using var office = await app.LoggedInAsync(Office);
        var name = "Sondersitzung Hafenausbau " + Guid.NewGuid().ToString("N")[..8];

        // The end before the start is refused with a German message, and nothing is stored.
        var refused = await office.SubmitAsync("/intern/rat/sitzung", new()
        {
            ["Input.Name"] = name,
            ["Input.OrganizationId"] = committee.Id.ToString(),
            ["Input.Date"] = "2027-02-11",
            ["Input.StartTime"] = "18:00",
            ["Input.EndTime"] = "17:00",
            ["Input.LocationId"] = location.Id.ToString(),
            ["Input.State"] = "Planned",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Die Sitzung muss nach ihrem Beginn enden.", (await PageClient.PageOf(refused)).QuerySelector("main")!.TextContent);
        Assert.False(await db.CouncilMeetings.AnyAsync(m => m.Name == name));

        var created = await office.SubmitAsync("/intern/rat/sitzung", new()
        {
            ["Input.Name"] = name,
            ["Input.OrganizationId"] = committee.Id.ToString(),
            ["Input.Date"] = "2027-02-11",
            ["Input.StartTime"] = "17:00",
            ["Input.EndTime"] = "19:30",
            ["Input.LocationId"] = location.Id.ToString(),
            ["Input.State"] = "Invited",
        });
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, (await PageClient.PageOf(created)).QuerySelector("main")?.TextContent);
        var editUrl = created.Headers.Location!.OriginalString;
        var page = await office.FollowAsync(created);
        Assert.Contains("Die Sitzung ist gespeichert.", page.QuerySelector("main")!.TextContent);
        var meeting = await db.CouncilMeetings.Include(m => m.Organizations).SingleAsync(m => m.Name == name);
        Assert.Equal(new DateTime(2027, 2, 11, 16, 0, 0, DateTimeKind.Utc), meeting.Start); // 17:00 in Lüneburg, winter time
        Assert.Equal(committee.Id, Assert.Single(meeting.Organizations).Id);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Meeting.Created" && a.EntityKey == meeting.Id.ToString()));

        // An unknown paper reference is refused; a known one links the paper.
        var unknown = await office.SubmitAsync(editUrl, new() { ["Item.Number"] = "Ö 2", ["Item.Name"] = "Hafen", ["Item.PaperReference"] = "1999/9999" }, button: "Tagesordnungspunkt hinzufügen");
        Assert.Contains("Eine Vorlage mit dieser Drucksachennummer gibt es nicht.", (await PageClient.PageOf(unknown)).QuerySelector("main")!.TextContent);

        var added = await office.SubmitAsync(editUrl, new()
        {
            ["Item.Number"] = "Ö 2",
            ["Item.Name"] = "Ausbau des Hafens " + name,
            ["Item.PaperReference"] = paper.Reference,
            ["Item.Result"] = "ungeändert beschlossen",
            ["Item.ResolutionText"] = "Der Ausschuss beschließt den Ausbau.",
        }, button: "Tagesordnungspunkt hinzufügen");
        Assert.Contains("Der Tagesordnungspunkt Ö 2 ist angelegt.", (await office.FollowAsync(added)).QuerySelector("main")!.TextContent);
        var secretName = "Grundstücksverkauf vertraulich " + name;
        await office.SubmitAsync(editUrl, new() { ["Item.Number"] = "N 1", ["Item.Name"] = secretName, ["Item.Public"] = "false" }, button: "Tagesordnungspunkt hinzufügen");

        var items = await db.AgendaItems.Include(a => a.Consultation).Where(a => a.MeetingId == meeting.Id).OrderBy(a => a.Order).ToListAsync();
        Assert.Equal(2, items.Count);
        Assert.Equal(paper.Id, items[0].Consultation!.PaperId);
        Assert.False(items[1].Public);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "AgendaItem.Created" && a.EntityKey == items[1].Id.ToString()));

        using var citizen = app.Client();
        var publicPage = (await citizen.GetPageAsync($"/rat/sitzungen/{meeting.Id}")).QuerySelector("main")!.TextContent;
        Assert.Contains("Ausbau des Hafens " + name, publicPage);
        Assert.Contains("ungeändert beschlossen", publicPage);
        Assert.DoesNotContain(secretName, publicPage);
        var paperPage = (await citizen.GetPageAsync($"/rat/vorlagen/{paper.Id}")).QuerySelector("main")!.TextContent;
        Assert.Contains(committee.Name, paperPage);
        var oparl = await citizen.Http.GetStringAsync($"/oparl/v1.1/meeting/{meeting.Id}");
        Assert.Contains("Ausbau des Hafens", oparl);
        Assert.DoesNotContain(secretName, oparl);
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.Http.GetAsync($"/oparl/v1.1/agendaItem/{items[1].Id}")).StatusCode);

        // The result is recorded afterwards on the item's own form: the public page shows it, the audit keeps both.
        var recorded = await office.SubmitAsync($"/intern/rat/top/{items[0].Id}", new() { ["Input.Result"] = "geändert beschlossen", ["Input.ResolutionText"] = "Der Ausschuss beschließt den Ausbau in zwei Abschnitten." });
        Assert.Contains("Der Tagesordnungspunkt Ö 2 ist gespeichert.", (await office.FollowAsync(recorded)).QuerySelector("main")!.TextContent);
        Assert.Contains("in zwei Abschnitten", (await citizen.GetPageAsync($"/rat/sitzungen/{meeting.Id}")).QuerySelector("main")!.TextContent);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "AgendaItem.Changed" && a.EntityKey == items[0].Id.ToString()));
        var emptyName = await office.SubmitAsync($"/intern/rat/top/{items[0].Id}", new() { ["Input.Name"] = "" });
        Assert.Contains("Bitte geben Sie den Gegenstand des Tagesordnungspunkts an.", (await PageClient.PageOf(emptyName)).QuerySelector("main")!.TextContent);

        // Moving the meeting raises its calendar sequence and is audited with before and after.
        var sequence = meeting.Sequence;
        var moved = await office.SubmitAsync(editUrl, new() { ["Input.StartTime"] = "18:00", ["Input.EndTime"] = "20:00" }, button: "Sitzung speichern");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        await using var fresh = app.Db();
        Assert.Equal(sequence + 1, (await fresh.CouncilMeetings.SingleAsync(m => m.Id == meeting.Id)).Sequence);
        Assert.True(await fresh.AuditEntries.AnyAsync(a => a.Action == "Meeting.Changed" && a.EntityKey == meeting.Id.ToString()));
    }

    [Fact]
    public async Task Staff_without_the_council_office_role_cannot_open_the_office_pages()
    {
        using var worker = await app.LoggedInAsync(DemoAccounts.CaseWorker);
        await worker.AssertAccessDeniedAsync("/intern/rat");
        await worker.AssertAccessDeniedAsync("/intern/rat/sitzung");
        using var office = await app.LoggedInAsync(Office);
        Assert.Contains("Ratsbüro", (await office.GetPageAsync("/intern/rat")).QuerySelector("h1")!.TextContent);
    }
}

[Collection(nameof(SqliteApp))]
public sealed class CouncilOfficeTests_Sqlite(SqliteApp app) : CouncilOfficeTests(app);

[Collection(nameof(PostgresApp))]
public sealed class CouncilOfficeTests_Postgres(PostgresApp app) : CouncilOfficeTests(app);
