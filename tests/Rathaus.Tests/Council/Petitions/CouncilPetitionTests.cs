using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Model;
using Rathaus.Council.Model;
using Rathaus.Council.Petitions;
using Rathaus.Tests.Concerns.Submit;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Council.Petitions;

/// <summary>Anregungen und Beschwerden an den Rat (§ 34 NKomVG), from the citizen's form to the outcome in their mail.</summary>
public abstract class CouncilPetitionTests(RathausApp app)
{
    private const string Office = "m.kruse"; // Ratsbüro

    private static string Unique(string text) => $"{text} {Guid.NewGuid():N}";

    /// <summary>A committee meeting of its own, far ahead, so that putting items on it disturbs no other test.</summary>
    private async Task<Meeting> FutureMeetingAsync()
    {
        await using var db = app.Db();
        var committee = await db.CouncilOrganizations.FirstAsync(o => o.Kind == OrganizationKind.Committee);
        var location = await db.CouncilLocations.FirstAsync();
        var start = DateTime.UtcNow.Date.AddDays(200).AddHours(16);
        var meeting = new Meeting { Name = Unique("Sitzung für Anregungen"), Start = start, End = start.AddHours(2), Location = location, State = MeetingState.Planned, Organizations = [committee] };
        meeting.Stamp(DateTime.UtcNow);
        db.CouncilMeetings.Add(meeting);
        await db.SaveChangesAsync();
        return meeting;
    }

    private static string PathOf(string link) => Uri.TryCreate(link, UriKind.Absolute, out var uri) ? uri.PathAndQuery : link;

    [Fact]
    public async Task A_suggestion_from_the_form_goes_to_the_council_office_onto_an_agenda_and_the_citizen_learns_the_outcome()
    {
        using var citizen = app.Client();
        var description = Unique("Bitte mehr Sitzbänke am Kurpark aufstellen.");
        var email = $"anregung-{Guid.NewGuid():N}@example.org";
        var values = await ConcernForm.PotholeAsync(app, description);
        values["Input.ToCouncil"] = "true";
        values["Input.ContactEmail"] = email;

        // A question cannot be addressed to the council; the form says why and stores nothing.
        values["Input.Kind"] = "Question";
        var refused = await ConcernForm.SubmitAsync(citizen, values);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Nur Anregungen und Beschwerden können an den Rat gerichtet werden.", PageClient.Errors(await PageClient.PageOf(refused)));
        await using var db = app.Db();
        Assert.False(await db.Concerns.AnyAsync(c => c.Description == description));

        values["Input.Kind"] = "Suggestion";
        var sent = await ConcernForm.SubmitAsync(citizen, values);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var (reference, link) = ConcernForm.Confirmation(await citizen.FollowAsync(sent));
        var concern = await db.Concerns.AsNoTracking().Include(c => c.OrgUnit).SingleAsync(c => c.ReferenceNumber == reference);
        Assert.Equal("OB-RB", concern.OrgUnit!.Code); // the council office, not the street works the topic would route to
        var petition = await db.CouncilPetitions.AsNoTracking().SingleAsync(p => p.ConcernId == concern.Id);
        Assert.Equal(PetitionStatus.Received, petition.Status);

        // The council office finds it and puts it on a committee meeting's agenda.
        var meeting = await FutureMeetingAsync();
        using var office = await app.LoggedInAsync(Office);
        Assert.Contains(reference!, (await office.GetPageAsync("/intern/rat/anregungen")).QuerySelector("#anregungen")!.TextContent);
        var url = $"/intern/rat/anregungen/{petition.Id}";
        var page = await office.GetPageAsync(url);
        Assert.Contains(page.QuerySelectorAll("#Schedule_MeetingId option"), o => o.GetAttribute("value") == meeting.Id.ToString());
        var noMeeting = await office.SubmitAsync(url, new() { ["Schedule.MeetingId"] = "" }, button: "Auf die Tagesordnung setzen");
        Assert.Contains("Bitte wählen Sie die Sitzung, in der die Anregung oder Beschwerde beraten wird.", PageClient.Errors(await PageClient.PageOf(noMeeting)));
        var scheduled = await office.SubmitAsync(url, new() { ["Schedule.MeetingId"] = meeting.Id.ToString(), ["Schedule.Title"] = "Anregung: Sitzbänke am Kurpark" }, button: "Auf die Tagesordnung setzen");
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        Assert.Contains("steht als Ö 1 auf der Tagesordnung", (await office.FollowAsync(scheduled)).QuerySelector("main")!.TextContent);
        await using (var fresh = app.Db())
        {
            var item = await fresh.AgendaItems.SingleAsync(a => a.MeetingId == meeting.Id);
            Assert.Equal(("Anregung: Sitzbänke am Kurpark", true), (item.Name, item.Public));
            Assert.Equal(item.Id, (await fresh.CouncilPetitions.SingleAsync(p => p.Id == petition.Id)).AgendaItemId);
        }

        Assert.Contains("Anregung: Sitzbänke am Kurpark", (await citizen.GetPageAsync($"/rat/sitzungen/{meeting.Id}")).QuerySelector("main")!.TextContent);
        var tracking = (await citizen.GetPageAsync(PathOf(link!))).QuerySelector("main")!.TextContent;
        Assert.Contains("steht auf der Tagesordnung", tracking);
        Assert.Contains(meeting.Name, tracking);

        // After the meeting: the outcome goes to the tracking page and by mail, signed by the office (not the person).
        var outcome = "Der Ausschuss hat Ihre Anregung aufgenommen: Im Frühjahr werden sechs Bänke aufgestellt.";
        var told = await office.SubmitAsync(url, new() { ["Outcome.Text"] = outcome }, button: "Ergebnis mitteilen");
        Assert.Equal(HttpStatusCode.Redirect, told.StatusCode);
        tracking = (await citizen.GetPageAsync(PathOf(link!))).QuerySelector("main")!.TextContent;
        Assert.Contains(outcome, tracking);
        Assert.Contains("Sachbearbeitung Ratsangelegenheiten", tracking);
        Assert.DoesNotContain("Malte Kruse", tracking);
        await using (var fresh = app.Db())
        {
            Assert.Equal(ConcernStatus.Resolved, (await fresh.Concerns.SingleAsync(c => c.Id == concern.Id)).Status);
            Assert.Equal(PetitionStatus.Decided, (await fresh.CouncilPetitions.SingleAsync(p => p.Id == petition.Id)).Status);
            var mail = await fresh.OutboxMessages.SingleAsync(m => m.ConcernId == concern.Id && m.Kind == "Concern.Reply");
            Assert.Equal(email, mail.To);
            Assert.Contains(outcome, mail.TextBody);
        }

        var decided = await office.GetPageAsync(url);
        Assert.Null(decided.QuerySelector("#ergebnis")); // told once: the form is gone
        Assert.Contains(outcome, decided.QuerySelector("#anregung")!.TextContent);
    }

    [Fact]
    public async Task The_council_office_converts_a_complaint_forwarded_to_it()
    {
        await using var db = app.Db();
        var categoryId = await db.Categories.Where(c => c.Code == "schlagloch").Select(c => c.Id).SingleAsync();
        SubmittedConcern submitted;
        using (var scope = app.Services.CreateScope())
        {
            submitted = await scope.ServiceProvider.GetRequiredService<ConcernIntake>().SubmitAsync(
                new ConcernSubmission(Guid.NewGuid(), ConcernKind.Complaint, categoryId, Unique("Beschwerde über die Baustellenampel"), null, null, null, null, null, "de", Channel.Web, []),
                token => "/anliegen/" + token, CancellationToken.None);
        }

        // Not yet in the office's inbox: it cannot be converted.
        using var office = await app.LoggedInAsync(Office);
        var refused = await office.SubmitAsync("/intern/rat/anregungen", new() { ["Convert.ReferenceNumber"] = submitted.ReferenceNumber });
        Assert.Contains("Ein Anliegen mit dieser Vorgangsnummer gibt es in Ihrem Posteingang nicht. Lassen Sie es zuerst an das Ratsbüro weiterleiten.",
            PageClient.Errors(await PageClient.PageOf(refused)));

        // The street works forward it to the council office.
        using (var worker = await app.LoggedInAsync(DemoAccounts.CaseWorker))
        {
            var detail = await worker.GetPageAsync($"/intern/anliegen/{submitted.ReferenceNumber}");
            var unit = detail.QuerySelectorAll("#weiterleiten-einheit option").First(o => o.TextContent.Contains("Ratsbüro")).GetAttribute("value");
            await worker.SubmitAsync(detail, $"/intern/anliegen/{submitted.ReferenceNumber}/aktion/weiterleiten", new() { ["UnitId"] = unit, ["Reason"] = "Bürger möchte das im Rat behandelt wissen" }, button: "Weiterleiten");
        }

        // The office converts it from the concern's page.
        var concernPage = await office.GetPageAsync($"/intern/anliegen/{submitted.ReferenceNumber}");
        var converted = await office.SubmitAsync(concernPage, "/intern/rat/anregungen", [], button: "An den Rat richten");
        Assert.Equal(HttpStatusCode.Redirect, converted.StatusCode);
        Assert.Contains("ist jetzt eine Anregung oder Beschwerde an den Rat", (await office.FollowAsync(converted)).QuerySelector("main")!.TextContent);
        var petition = await db.CouncilPetitions.AsNoTracking().Include(p => p.Concern).SingleAsync(p => p.ConcernId == submitted.Id);
        Assert.Equal(PetitionStatus.Received, petition.Status);
        Assert.Equal(ConcernStatus.InProgress, petition.Concern!.Status);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Concern.ConvertedToPetition" && a.EntityKey == submitted.ReferenceNumber));

        using var citizen = app.Client();
        Assert.Contains("als Beschwerde nach § 34 NKomVG an den Rat gerichtet", (await citizen.GetPageAsync("/anliegen/" + submitted.TrackingToken)).QuerySelector("main")!.TextContent);

        var twice = await office.SubmitAsync("/intern/rat/anregungen", new() { ["Convert.ReferenceNumber"] = submitted.ReferenceNumber });
        Assert.Contains("Dieses Anliegen ist bereits an den Rat gerichtet.", PageClient.Errors(await PageClient.PageOf(twice)));
    }
}

[Collection(nameof(SqliteApp))]
public sealed class CouncilPetitionTests_Sqlite(SqliteApp app) : CouncilPetitionTests(app);

[Collection(nameof(PostgresApp))]
public sealed class CouncilPetitionTests_Postgres(PostgresApp app) : CouncilPetitionTests(app);
