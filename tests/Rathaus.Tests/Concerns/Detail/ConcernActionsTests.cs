using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Model;
using Rathaus.Data;
using Rathaus.Platform.OrgChart;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Concerns.Detail;

public abstract class ConcernActionsTests(RathausApp app)
{
    private const string CaseWorker = "l.hoppe";      // Sachbearbeitung Straßenunterhaltung, unit 7.1
    private const string OtherUnitWorker = "n.bartels"; // Sachbearbeitung Ordnungsangelegenheiten, unit 3.1
    private const string Conflict = "Das Anliegen wurde inzwischen von jemand anderem geändert. Bitte prüfen Sie den aktuellen Stand.";

    [Fact]
    public async Task Taking_over_assigns_the_case_workers_position_and_starts_the_work()
    {
        var concern = await SubmitAsync("Schlagloch Bardowicker Straße");
        using var client = await app.LoggedInAsync(CaseWorker);

        var response = await PostAsync(client, concern, "uebernehmen");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/intern/anliegen/" + concern.ReferenceNumber, response.Headers.Location!.OriginalString);
        await using var db = app.Db();
        var position = await PositionOfAsync(db, CaseWorker);
        var stored = await db.Concerns.Include(c => c.Entries).SingleAsync(c => c.Id == concern.Id);
        Assert.Equal(position.Id, stored.AssignedPositionId);
        Assert.Equal(ConcernStatus.InProgress, stored.Status);
        var assignment = Assert.Single(stored.Entries, e => e.Kind == EntryKind.Assignment);
        Assert.False(assignment.IsPublic);
        Assert.Equal(position.Id, assignment.PositionId);
        Assert.Equal(position.Id, assignment.ToPositionId);
        Assert.Equal(await StaffIdAsync(db, CaseWorker), assignment.StaffMemberId);
        Assert.Contains(stored.Entries, e => e.Kind == EntryKind.StatusChange && e.IsPublic && e.NewStatus == ConcernStatus.InProgress);
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "Concern.TakenOver" && a.EntityKey == concern.ReferenceNumber);
        Assert.Contains("Received", audit.Before);
        Assert.Contains("InProgress", audit.After);
    }

    [Fact]
    public async Task Assigning_to_a_position_of_the_unit_is_stored_and_a_position_of_another_unit_is_refused()
    {
        var concern = await SubmitAsync("Gullydeckel klappert");
        using var client = await app.LoggedInAsync("t.bruns");
        await using var db = app.Db();
        var worker = await PositionOfAsync(db, CaseWorker);
        var foreign = await PositionOfAsync(db, OtherUnitWorker);

        await PostAsync(client, concern, "zuweisen", new() { ["PositionId"] = foreign.Id.ToString() });
        Assert.Null((await FindAsync(concern)).AssignedPositionId);
        await PostAsync(client, concern, "zuweisen", new() { ["PositionId"] = worker.Id.ToString() });

        Assert.Equal(worker.Id, (await FindAsync(concern)).AssignedPositionId);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "Concern.Assigned" && a.EntityKey == concern.ReferenceNumber));
    }

    [Fact]
    public async Task A_reply_is_public_signed_by_unit_and_position_and_mailed_to_the_citizen()
    {
        var concern = await SubmitAsync("Loch im Radweg", "buerger@example.org");
        using var client = await app.LoggedInAsync(CaseWorker);
        await PostAsync(client, concern, "uebernehmen");

        await PostAsync(client, concern, "antworten", new() { ["Text"] = "Wir bessern das Loch diese Woche aus." });

        await using var db = app.Db();
        var stored = await db.Concerns.Include(c => c.Entries).SingleAsync(c => c.Id == concern.Id);
        Assert.NotNull(stored.FirstReplyAt);
        Assert.Equal(ConcernStatus.InProgress, stored.Status);
        var reply = Assert.Single(stored.Entries, e => e.Kind == EntryKind.Reply);
        Assert.True(reply.IsPublic);
        Assert.Equal("Wir bessern das Loch diese Woche aus.", reply.Text);
        Assert.Equal("Bereich Straßenunterhaltung", reply.SignedByUnit);
        Assert.Equal("Sachbearbeitung Straßenunterhaltung", reply.SignedByPosition);
        var mail = await db.OutboxMessages.SingleAsync(m => m.ConcernId == concern.Id && m.Kind == "Concern.Reply");
        Assert.Equal("buerger@example.org", mail.To);
        Assert.Contains($"[Vorgang {concern.ReferenceNumber}]", mail.Subject);
        Assert.Contains("Wir bessern das Loch diese Woche aus.", mail.TextBody);
        Assert.Contains("Im Auftrag", mail.TextBody);
        Assert.Contains("/anliegen/" + concern.TrackingToken, mail.TextBody);
        Assert.DoesNotContain("Hoppe", mail.TextBody);
        Assert.Equal((await PositionOfAsync(db, CaseWorker)).Mailbox, mail.ReplyTo);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Concern.Replied" && a.EntityKey == concern.ReferenceNumber));
    }

    [Fact]
    public async Task A_reply_that_closes_the_concern_resolves_it_and_an_empty_reply_is_refused()
    {
        var concern = await SubmitAsync("Bordstein lose");
        using var client = await app.LoggedInAsync(CaseWorker);

        await PostAsync(client, concern, "antworten", new() { ["Text"] = "  " });
        Assert.Contains("Bitte schreiben Sie die Antwort", await RefusalAsync(client));
        Assert.Null((await FindAsync(concern)).FirstReplyAt);

        await PostAsync(client, concern, "antworten", new() { ["Text"] = "Erledigt, der Bordstein sitzt wieder fest.", ["Close"] = "true" });

        var stored = await FindAsync(concern);
        Assert.Equal(ConcernStatus.Resolved, stored.Status);
        Assert.NotNull(stored.ClosedAt);
        Assert.NotNull(stored.FirstReplyAt);
    }

    [Fact]
    public async Task A_question_waits_for_the_citizen_and_is_mailed()
    {
        var concern = await SubmitAsync("Straße abgesackt", "fragen@example.org");
        using var client = await app.LoggedInAsync(CaseWorker);

        await PostAsync(client, concern, "rueckfrage", new() { ["Text"] = "Vor welcher Hausnummer genau?" });

        await using var db = app.Db();
        var stored = await db.Concerns.Include(c => c.Entries).SingleAsync(c => c.Id == concern.Id);
        Assert.Equal(ConcernStatus.WaitingForCitizen, stored.Status);
        var question = Assert.Single(stored.Entries, e => e.Kind == EntryKind.Question);
        Assert.True(question.IsPublic);
        Assert.Equal("Sachbearbeitung Straßenunterhaltung", question.SignedByPosition);
        var mail = await db.OutboxMessages.SingleAsync(m => m.ConcernId == concern.Id && m.Kind == "Concern.Question");
        Assert.Contains($"[Vorgang {concern.ReferenceNumber}]", mail.Subject);
        Assert.Contains("Vor welcher Hausnummer genau?", mail.TextBody);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Concern.QuestionAsked" && a.EntityKey == concern.ReferenceNumber));
    }

    [Fact]
    public async Task A_note_stays_internal_and_sends_no_mail()
    {
        var concern = await SubmitAsync("Schlagloch am Sande", "vermerk@example.org");
        using var client = await app.LoggedInAsync(CaseWorker);

        await PostAsync(client, concern, "vermerk", new() { ["Text"] = "Bauhof informiert." });

        await using var db = app.Db();
        var note = await db.ConcernEntries.SingleAsync(e => e.ConcernId == concern.Id && e.Kind == EntryKind.Note);
        Assert.False(note.IsPublic);
        Assert.Equal("Bauhof informiert.", note.Text);
        Assert.Null(note.SignedByUnit);
        Assert.Equal("Concern.Acknowledgement", Assert.Single(await db.OutboxMessages.Where(m => m.ConcernId == concern.Id).Select(m => m.Kind).ToListAsync()));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Concern.NoteAdded" && a.EntityKey == concern.ReferenceNumber));
    }

    [Fact]
    public async Task Forwarding_moves_the_concern_to_the_other_unit_which_sees_the_reason_and_the_previous_unit_loses_it()
    {
        var concern = await SubmitAsync("Eigentlich Falschparker");
        using var client = await app.LoggedInAsync(CaseWorker);
        await PostAsync(client, concern, "uebernehmen");
        await using var db = app.Db();
        var ordnung = await db.OrgUnits.SingleAsync(u => u.Code == "3.1");

        await PostAsync(client, concern, "weiterleiten", new() { ["UnitId"] = ordnung.Id.ToString() });
        Assert.Contains("Bitte geben Sie einen Grund", await RefusalAsync(client));
        await PostAsync(client, concern, "weiterleiten", new() { ["UnitId"] = ordnung.Id.ToString(), ["Reason"] = "Parkverstoß, nicht Straßenschaden." });

        var stored = await FindAsync(concern);
        Assert.Equal(ordnung.Id, stored.OrgUnitId);
        Assert.Null(stored.AssignedPositionId);
        var forward = await db.ConcernEntries.SingleAsync(e => e.ConcernId == concern.Id && e.Kind == EntryKind.Forward);
        Assert.Equal("Parkverstoß, nicht Straßenschaden.", forward.Text);
        Assert.Equal(ordnung.Id, forward.ToOrgUnitId);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Concern.Forwarded" && a.EntityKey == concern.ReferenceNumber));
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, concern, "vermerk", new() { ["Text"] = "Noch da?" })).StatusCode);
        using var receiving = await app.LoggedInAsync(OtherUnitWorker);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(receiving, concern, "uebernehmen")).StatusCode);
        Assert.Equal((await PositionOfAsync(db, OtherUnitWorker)).Id, (await FindAsync(concern)).AssignedPositionId);
    }

    [Fact]
    public async Task Changing_the_status_to_resolved_closes_the_concern_and_reopening_clears_the_close()
    {
        var concern = await SubmitAsync("Absenkung Fahrbahn", "status@example.org");
        using var client = await app.LoggedInAsync(CaseWorker);

        await PostAsync(client, concern, "status", new() { ["Status"] = "Resolved", ["Comment"] = "Die Fahrbahn wurde repariert." });

        await using var db = app.Db();
        var closed = await FindAsync(concern);
        Assert.Equal(ConcernStatus.Resolved, closed.Status);
        Assert.NotNull(closed.ClosedAt);
        var change = await db.ConcernEntries.SingleAsync(e => e.ConcernId == concern.Id && e.Kind == EntryKind.StatusChange);
        Assert.True(change.IsPublic);
        Assert.Equal(ConcernStatus.Resolved, change.NewStatus);
        Assert.Equal("Die Fahrbahn wurde repariert.", change.Text);
        var mail = await db.OutboxMessages.SingleAsync(m => m.ConcernId == concern.Id && m.Kind == "Concern.StatusChanged");
        Assert.Contains("Erledigt", mail.TextBody);

        await PostAsync(client, concern, "status", new() { ["Status"] = "Rejected" });
        Assert.Contains("Dieser Statuswechsel ist nicht möglich", await RefusalAsync(client));
        await PostAsync(client, concern, "status", new() { ["Status"] = "InProgress" });

        var reopened = await FindAsync(concern);
        Assert.Equal(ConcernStatus.InProgress, reopened.Status);
        Assert.Null(reopened.ClosedAt);
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "Concern.StatusChanged" && a.EntityKey == concern.ReferenceNumber));
    }

    [Fact]
    public async Task A_follow_up_date_in_the_past_is_refused_and_a_future_one_is_stored()
    {
        var concern = await SubmitAsync("Schlagloch Wiedervorlage");
        using var client = await app.LoggedInAsync(CaseWorker);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        await PostAsync(client, concern, "wiedervorlage", new() { ["FollowUpOn"] = today.AddDays(-1).ToString("yyyy-MM-dd") });
        Assert.Contains("nicht in der Vergangenheit", await RefusalAsync(client));
        Assert.Null((await FindAsync(concern)).FollowUpOn);

        await PostAsync(client, concern, "wiedervorlage", new() { ["FollowUpOn"] = today.AddDays(14).ToString("yyyy-MM-dd") });

        Assert.Equal(today.AddDays(14), (await FindAsync(concern)).FollowUpOn);
        await using var db = app.Db();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "Concern.FollowUpSet" && a.EntityKey == concern.ReferenceNumber));
    }

    [Fact]
    public async Task Merging_a_duplicate_resolves_it_notes_it_on_the_other_concern_and_informs_both_citizens()
    {
        var duplicate = await SubmitAsync("Schlagloch Ecke Lindenstraße (doppelt)", "zweite@example.org");
        var original = await SubmitAsync("Schlagloch Ecke Lindenstraße", "erste@example.org");
        using var client = await app.LoggedInAsync(CaseWorker);

        await PostAsync(client, duplicate, "zusammenfuehren", new() { ["Target"] = original.ReferenceNumber });

        await using var db = app.Db();
        var merged = await FindAsync(duplicate);
        Assert.Equal(original.Id, merged.MergedIntoId);
        Assert.Equal(ConcernStatus.Resolved, merged.Status);
        Assert.NotNull(merged.ClosedAt);
        Assert.True((await db.ConcernEntries.SingleAsync(e => e.ConcernId == duplicate.Id && e.Kind == EntryKind.Merge)).IsPublic);
        var note = await db.ConcernEntries.SingleAsync(e => e.ConcernId == original.Id && e.Kind == EntryKind.Note);
        Assert.False(note.IsPublic);
        Assert.Contains(duplicate.ReferenceNumber, note.Text);
        var mails = await db.OutboxMessages.Where(m => m.Kind == "Concern.Merged" && (m.ConcernId == duplicate.Id || m.ConcernId == original.Id)).ToListAsync();
        Assert.Equal(["erste@example.org", "zweite@example.org"], mails.Select(m => m.To).Order());
        Assert.All(mails, m => Assert.Contains("[Vorgang ", m.Subject));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Concern.Merged" && a.EntityKey == duplicate.ReferenceNumber));
    }

    [Fact]
    public async Task Merging_into_a_concern_the_user_cannot_see_is_refused()
    {
        var concern = await SubmitAsync("Schlagloch Dublette?");
        var foreign = await SubmitAsync("Lärm nachts", category: "laerm");
        using var client = await app.LoggedInAsync(CaseWorker);

        await PostAsync(client, concern, "zusammenfuehren", new() { ["Target"] = foreign.ReferenceNumber });

        Assert.Contains("Bitte geben Sie die Vorgangsnummer eines anderen Anliegens an", await RefusalAsync(client));
        Assert.Null((await FindAsync(concern)).MergedIntoId);
    }

    [Fact]
    public async Task A_stale_version_gives_the_conflict_message_and_changes_nothing()
    {
        var concern = await SubmitAsync("Schlagloch Konflikt", "konflikt@example.org");
        using var client = await app.LoggedInAsync(CaseWorker);
        var seen = (await FindAsync(concern)).Version;
        await PostAsync(client, concern, "vermerk", new() { ["Text"] = "Erster Vermerk." }, seen);

        var response = await PostAsync(client, concern, "antworten", new() { ["Text"] = "Veraltete Antwort.", ["Close"] = "true" }, seen);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(Conflict, await RefusalAsync(client));
        await using var db = app.Db();
        var stored = await FindAsync(concern);
        Assert.Equal(ConcernStatus.Received, stored.Status);
        Assert.Null(stored.FirstReplyAt);
        Assert.False(await db.ConcernEntries.AnyAsync(e => e.ConcernId == concern.Id && e.Kind == EntryKind.Reply));
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.ConcernId == concern.Id && m.Kind == "Concern.Reply"));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "Concern.Replied" && a.EntityKey == concern.ReferenceNumber));
    }

    [Fact]
    public async Task Staff_of_another_unit_get_not_found_on_every_action_and_change_nothing()
    {
        var concern = await SubmitAsync("Schlagloch fremde Einheit");
        using var client = await app.LoggedInAsync(OtherUnitWorker);
        var before = await FindAsync(concern);

        foreach (var handler in new[] { "uebernehmen", "zuweisen", "weiterleiten", "antworten", "rueckfrage", "vermerk", "status", "wiedervorlage", "zusammenfuehren" })
        {
            var response = await PostAsync(client, concern, handler, new() { ["Text"] = "x", ["Reason"] = "x", ["Status"] = "Resolved" });
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{handler} answered {(int)response.StatusCode}");
        }

        Assert.Equal(before.Version, (await FindAsync(concern)).Version);
        await using var db = app.Db();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.EntityKey == concern.ReferenceNumber && a.Action != "Concern.Submitted"));
    }

    private async Task<SubmittedConcern> SubmitAsync(string description, string? email = null, string category = "schlagloch")
    {
        await using var db = app.Db(); // skips the test when the provider is not available
        var categoryId = await db.Categories.Where(c => c.Code == category).Select(c => c.Id).SingleAsync();
        using var scope = app.Services.CreateScope();
        var intake = scope.ServiceProvider.GetRequiredService<ConcernIntake>();
        return await intake.SubmitAsync(
            new ConcernSubmission(Guid.NewGuid(), ConcernKind.DefectReport, categoryId, description + " " + Guid.NewGuid(), null, null, null, email, null, "de", Channel.Web, []),
            token => "http://localhost/anliegen/" + token,
            CancellationToken.None);
    }

    /// <summary>Posts to an action URL as the detail page's form would, with the version the page showed.</summary>
    private async Task<HttpResponseMessage> PostAsync(PageClient client, SubmittedConcern concern, string handler, Dictionary<string, string>? values = null, int? version = null)
    {
        // Any page of the staff area carries an antiforgery token: the logout form in the header.
        var page = await client.GetPageAsync("/intern");
        var token = page.QuerySelector("form[action='/abmelden'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var fields = new Dictionary<string, string>(values ?? [])
        {
            ["__RequestVerificationToken"] = token,
            ["Version"] = (version ?? (await FindAsync(concern)).Version).ToString(),
        };
        return await client.Http.PostAsync($"/intern/anliegen/{concern.ReferenceNumber}/aktion/{handler}", new FormUrlEncodedContent(fields));
    }

    /// <summary>The refusal or conflict message the next staff page shows (kept in TempData over the redirect).</summary>
    private static async Task<string> RefusalAsync(PageClient client) =>
        (await client.GetPageAsync("/intern")).QuerySelector("main .kern-alert--danger")?.TextContent ?? "";

    private async Task<Concern> FindAsync(SubmittedConcern concern)
    {
        await using var db = app.Db();
        return await db.Concerns.AsNoTracking().SingleAsync(c => c.Id == concern.Id);
    }

    private static Task<Position> PositionOfAsync(RathausDb db, string userName) =>
        db.StaffMembers.Where(s => s.UserName == userName).SelectMany(s => s.Positions).FirstAsync();

    private static Task<Guid> StaffIdAsync(RathausDb db, string userName) =>
        db.StaffMembers.Where(s => s.UserName == userName).Select(s => s.Id).SingleAsync();
}

[Collection(nameof(SqliteApp))]
public sealed class ConcernActionsTests_Sqlite(SqliteApp app) : ConcernActionsTests(app);

[Collection(nameof(PostgresApp))]
public sealed class ConcernActionsTests_Postgres(PostgresApp app) : ConcernActionsTests(app);
