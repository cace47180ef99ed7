using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Resolutions;
using Rathaus.Tests.Council.OParl;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Council.Resolutions;

/// <summary>Beschlusskontrolle: the office records a resolution, the responsible unit reports, the public reads it.</summary>
public abstract class ResolutionTrackingTests(RathausApp app)
{
    private const string Office = "m.kruse";      // Ratsbüro
    private const string OtherUnit = "n.bartels"; // Ordnungsangelegenheiten 3.1

    internal static async Task RecordAsync(PageClient office, int itemId, string resolution, int? unitId, string? target = null)
    {
        var response = await office.SubmitAsync($"/intern/rat/top/{itemId}", new()
        {
            ["Input.Result"] = "ungeändert beschlossen",
            ["Input.ResolutionText"] = resolution,
            ["Input.ResponsibleUnitId"] = unitId?.ToString() ?? "",
            ["Input.TargetDate"] = target ?? "",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, (await PageClient.PageOf(response)).QuerySelector("main")?.TextContent);
    }

    [Fact]
    public async Task The_office_records_a_resolution_the_unit_reports_progress_and_another_unit_gets_404()
    {
        await using var db = app.Db();
        var meeting = await ResolutionFixtures.HeldMeetingAsync(db, DateTime.UtcNow.AddDays(-20));
        var streets = await ResolutionFixtures.UnitIdAsync(db, "7.1");
        using var office = await app.LoggedInAsync(Office);

        // The agenda item form offers the org chart's units; recording the result with a resolution text creates the record.
        var form = await office.GetPageAsync($"/intern/rat/top/{meeting.PublicItemId}");
        Assert.Contains(form.QuerySelectorAll("#Input_ResponsibleUnitId option"), o => o.TextContent == "7.1 – Bereich Straßenunterhaltung");
        await RecordAsync(office, meeting.PublicItemId, "Der Ausschuss beschließt den Radweg.", streets, "2027-03-31");
        var tracking = await db.ResolutionTrackings.AsNoTracking().SingleAsync(r => r.AgendaItemId == meeting.PublicItemId);
        Assert.Equal((streets, ResolutionStatus.Open, new DateOnly(2027, 3, 31)), (tracking.OrgUnitId!.Value, tracking.Status, tracking.TargetDate!.Value));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Resolution.Created" && a.EntityKey == tracking.Id.ToString()));

        // Saving again does not create a second record.
        await RecordAsync(office, meeting.PublicItemId, "Der Ausschuss beschließt den Radweg.", streets, "2027-03-31");
        Assert.Equal(1, await db.ResolutionTrackings.CountAsync(r => r.AgendaItemId == meeting.PublicItemId));

        // The responsible unit finds it in its list (linked from the staff start page) and reports, signed with unit and position.
        using var worker = await app.LoggedInAsync(DemoAccounts.CaseWorker);
        Assert.NotNull((await worker.GetPageAsync("/intern")).QuerySelector("main a[href='/intern/beschluesse']"));
        Assert.Contains(meeting.PublicName, (await worker.GetPageAsync("/intern/beschluesse")).QuerySelector("#beschluesse")!.TextContent);
        var url = $"/intern/beschluesse/{tracking.Id}";
        var empty = await worker.SubmitAsync(url, new() { ["Report.Text"] = "" }, button: "Sachstand speichern");
        Assert.Contains("Bitte beschreiben Sie den Stand der Umsetzung.", PageClient.Errors(await PageClient.PageOf(empty)));
        var reported = await worker.SubmitAsync(url, new() { ["Report.Text"] = "Die Planung ist beauftragt." }, button: "Sachstand speichern");
        Assert.Equal(HttpStatusCode.Redirect, reported.StatusCode);
        var page = await worker.FollowAsync(reported);
        Assert.Contains("Der Sachstand ist gespeichert", page.QuerySelector("main")!.TextContent);
        Assert.Contains("Sachbearbeitung Straßenunterhaltung, Bereich Straßenunterhaltung", page.QuerySelector("#sachstand-liste")!.TextContent);
        await using (var fresh = app.Db())
        {
            var progress = await fresh.ResolutionProgress.SingleAsync(p => p.ResolutionTrackingId == tracking.Id);
            Assert.Equal(("Bereich Straßenunterhaltung", "Sachbearbeitung Straßenunterhaltung"), (progress.SignedByUnit, progress.SignedByPosition));
            Assert.Equal(ResolutionStatus.InProgress, (await fresh.ResolutionTrackings.SingleAsync(r => r.Id == tracking.Id)).Status);
        }

        // „erledigt durch“ needs an existing paper other than its own.
        var noReference = await worker.SubmitAsync(url, new() { ["State.Status"] = "Superseded", ["State.SettledByReference"] = "" }, button: "Stand speichern");
        Assert.Contains("Bitte geben Sie die Drucksachennummer an, durch die der Beschluss erledigt ist.", PageClient.Errors(await PageClient.PageOf(noReference)));
        var own = await worker.SubmitAsync(url, new() { ["State.Status"] = "Superseded", ["State.SettledByReference"] = meeting.PaperReference }, button: "Stand speichern");
        Assert.Contains("Ein Beschluss kann nicht durch seine eigene Vorlage erledigt sein.", PageClient.Errors(await PageClient.PageOf(own)));
        var done = await worker.SubmitAsync(url, new() { ["State.Status"] = "Implemented" }, button: "Stand speichern");
        Assert.Contains("Der Stand der Umsetzung ist jetzt „umgesetzt“.", (await worker.FollowAsync(done)).QuerySelector("main")!.TextContent);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Resolution.StatusChanged" && a.EntityKey == tracking.Id.ToString()));

        // Another unit neither lists it nor opens it.
        using var other = await app.LoggedInAsync(OtherUnit);
        Assert.DoesNotContain(meeting.PublicName, (await other.GetPageAsync("/intern/beschluesse?ansicht=alle")).QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_public_list_the_report_and_OParl_show_public_resolutions_only()
    {
        var started = DateTime.UtcNow.AddSeconds(-1);
        await using var db = app.Db();
        var meeting = await ResolutionFixtures.HeldMeetingAsync(db, DateTime.UtcNow.AddDays(-30));
        var streets = await ResolutionFixtures.UnitIdAsync(db, "7.1");
        using (var office = await app.LoggedInAsync(Office))
        {
            await RecordAsync(office, meeting.PublicItemId, "Der Ausschuss beschließt den Radweg an der Testallee.", streets, "2027-05-31");
            await RecordAsync(office, meeting.SecretItemId, "Vertraulicher Beschluss zum Ankauf.", streets, "2027-05-31");
        }

        Assert.True(await db.ResolutionTrackings.AnyAsync(r => r.AgendaItemId == meeting.SecretItemId)); // tracked internally all the same
        using (var worker = await app.LoggedInAsync(DemoAccounts.CaseWorker))
        {
            var open = await db.ResolutionTrackings.SingleAsync(r => r.AgendaItemId == meeting.PublicItemId);
            await worker.SubmitAsync($"/intern/beschluesse/{open.Id}", new() { ["Report.Text"] = "Die Ausschreibung läuft." }, button: "Sachstand speichern");
            Assert.Contains(meeting.SecretName, (await worker.GetPageAsync("/intern/beschluesse")).QuerySelector("#beschluesse")!.TextContent); // staff see both
        }

        using var citizen = app.Client();
        var list = (await citizen.GetPageAsync($"/rat/beschluesse?gremium={meeting.OrganizationId}&stand=inProgress")).QuerySelector("main")!.TextContent;
        Assert.Contains(meeting.PublicName, list);
        Assert.Contains("Bereich Straßenunterhaltung", list);
        Assert.DoesNotContain(meeting.SecretName, list);
        Assert.DoesNotContain(meeting.SecretName, (await citizen.GetPageAsync($"/rat/beschluesse?einheit={streets}&stand=open")).QuerySelector("main")!.TextContent);
        Assert.DoesNotContain(meeting.PublicName, (await citizen.GetPageAsync($"/rat/beschluesse?gremium={meeting.OrganizationId}&stand=implemented")).QuerySelector("main")!.TextContent);

        var meetingPage = (await citizen.GetPageAsync($"/rat/sitzungen/{meeting.MeetingId}")).QuerySelector($"#top-{meeting.PublicItemId}")!.TextContent;
        Assert.Contains("Umsetzung: in Umsetzung", meetingPage);

        var report = (await citizen.GetPageAsync($"/rat/beschluesse/bericht?gremium={meeting.OrganizationId}")).QuerySelector("main")!.TextContent;
        Assert.Contains(meeting.PublicName, report);
        Assert.Contains("Die Ausschreibung läuft.", report);
        Assert.DoesNotContain(meeting.SecretName, report);
        Assert.DoesNotContain("Vertraulicher Beschluss", report);

        // OParl: the extension on the agenda item and the paper, valid against the official schemas; the standard fields stay.
        var item = JsonNode.Parse(await citizen.Http.GetStringAsync($"/oparl/v1.1/agendaItem/{meeting.PublicItemId}"))!.AsObject();
        OParlSchemas.AssertValid("AgendaItem", item);
        Assert.Equal("Der Ausschuss beschließt den Radweg an der Testallee.", item["resolutionText"]!.GetValue<string>());
        var implementation = item["rathaus:implementation"]!.AsObject();
        Assert.Equal("inProgress", implementation["status"]!.GetValue<string>());
        Assert.Equal("Bereich Straßenunterhaltung", implementation["responsibleUnit"]!.GetValue<string>());
        Assert.Equal("2027-05-31", implementation["targetDate"]!.GetValue<string>());
        Assert.Equal("Die Ausschreibung läuft.", implementation["progress"]![0]!["text"]!.GetValue<string>());
        var paper = JsonNode.Parse(await citizen.Http.GetStringAsync($"/oparl/v1.1/paper/{meeting.PaperId}"))!.AsObject();
        OParlSchemas.AssertValid("Paper", paper);
        Assert.EndsWith($"/oparl/v1.1/agendaItem/{meeting.PublicItemId}", paper["rathaus:implementation"]![0]!["agendaItem"]!.GetValue<string>());
        var meetingJson = await citizen.Http.GetStringAsync($"/oparl/v1.1/meeting/{meeting.MeetingId}");
        OParlSchemas.AssertValid("Meeting", JsonNode.Parse(meetingJson)!);
        Assert.Contains("rathaus:implementation", meetingJson);
        Assert.DoesNotContain("Vertraulicher Beschluss", meetingJson);
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.Http.GetAsync($"/oparl/v1.1/agendaItem/{meeting.SecretItemId}")).StatusCode);
        var bodyId = await db.CouncilBodies.Select(b => b.Id).FirstAsync();
        var items = await citizen.Http.GetStringAsync($"/oparl/v1.1/body/{bodyId}/agendaItem?limit=100&modified_since={Uri.EscapeDataString(started.ToString("yyyy-MM-ddTHH:mm:ssZ"))}");
        Assert.Contains(meeting.PublicName, items); // a progress report moves the item's modified
        Assert.DoesNotContain(meeting.SecretName, items);

        // The extension is documented in the application.
        var documentation = (await citizen.GetPageAsync("/oparl/erweiterungen")).QuerySelector("main")!.TextContent;
        Assert.Contains("rathaus:implementation", documentation);
        Assert.Contains("inProgress", documentation);
    }
}

[Collection(nameof(SqliteApp))]
public sealed class ResolutionTrackingTests_Sqlite(SqliteApp app) : ResolutionTrackingTests(app);

[Collection(nameof(PostgresApp))]
public sealed class ResolutionTrackingTests_Postgres(PostgresApp app) : ResolutionTrackingTests(app);
