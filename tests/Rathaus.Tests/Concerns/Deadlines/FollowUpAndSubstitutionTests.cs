using System.Net;
using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Deadlines;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Concerns.Deadlines;

/// <summary>Wiedervorlage and Vertretung: what comes back when, who is told, who sees what while someone is away.</summary>
public abstract class FollowUpAndSubstitutionTests(DeadlineApp app)
{
    [Fact]
    public async Task A_follow_up_due_today_comes_to_the_top_of_the_inbox_and_the_position_is_told_once()
    {
        var marker = Guid.NewGuid().ToString("N");
        app.Clock.UtcNow = new DateTime(2027, 9, 6, 8, 0, 0, DateTimeKind.Utc); // Monday
        var older = await app.SubmitAsync("schlagloch", "Wiedervorlage älter " + marker);
        app.Clock.UtcNow = app.Clock.UtcNow.AddMinutes(5);
        var newer = await app.SubmitAsync("schlagloch", "Wiedervorlage neuer " + marker);
        await AssignAsync("strassen", older.Id, newer.Id);

        using (var caseWorker = await app.LoggedInAsync("l.hoppe"))
        {
            var detail = await caseWorker.GetPageAsync("/intern/anliegen/" + older.Reference);
            var saved = await caseWorker.SubmitAsync(detail, $"/intern/anliegen/{older.Reference}/aktion/wiedervorlage",
                new() { ["FollowUpOn"] = "2027-09-08" }, button: "Wiedervorlage speichern");
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal([newer.Reference, older.Reference], await InboxAsync(caseWorker, marker));
        }

        // Wednesday morning: the follow-up is due.
        app.Clock.UtcNow = new DateTime(2027, 9, 8, 4, 30, 0, DateTimeKind.Utc);
        await app.RunAsync<FollowUpReminders>(job => job.RunAsync());
        await app.RunAsync<FollowUpReminders>(job => job.RunAsync());

        var mails = await MailsAsync(older.Reference);
        var mail = Assert.Single(mails);
        Assert.StartsWith("strassen@", mail.To);
        Assert.Equal($"Wiedervorlage heute: Vorgang {older.Reference}", mail.Subject);
        Assert.Empty(await MailsAsync(newer.Reference));

        using var again = await app.LoggedInAsync("l.hoppe");
        Assert.Equal([older.Reference, newer.Reference], await InboxAsync(again, marker));
        var page = await again.GetPageAsync($"/intern/anliegen?ansicht=meine&suche={marker}");
        Assert.Contains("Wiedervorlage", page.QuerySelectorAll("main table tbody tr")[0].TextContent);
        Assert.DoesNotContain("Wiedervorlage", page.QuerySelectorAll("main table tbody tr")[1].TextContent);
    }

    [Fact]
    public async Task An_out_of_office_period_lets_the_substitute_see_and_receive_the_positions_work_until_it_ends()
    {
        var marker = Guid.NewGuid().ToString("N");
        app.Clock.UtcNow = new DateTime(2027, 10, 4, 8, 0, 0, DateTimeKind.Utc); // Monday
        var beleuchtung = await app.PositionIdAsync("beleuchtung");
        using (var absent = await app.LoggedInAsync("l.hoppe"))
        {
            var saved = await absent.SubmitAsync("/intern/konto/abwesenheit", new()
            {
                ["Input.SubstitutePositionId"] = beleuchtung.ToString(),
                ["Input.From"] = "2027-10-11",
                ["Input.Until"] = "2027-10-15",
                ["Input.Reason"] = "Urlaub",
            }, button: "Abwesenheit speichern");
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Contains("Ihre Abwesenheit vom 11.10.2027 bis 15.10.2027 ist eingetragen. Vertretung: Sachbearbeitung Straßenbeleuchtung.",
                (await absent.FollowAsync(saved)).QuerySelector("main")!.TextContent);

            var overlapping = await absent.SubmitAsync("/intern/konto/abwesenheit", new()
            {
                ["Input.SubstitutePositionId"] = beleuchtung.ToString(),
                ["Input.From"] = "2027-10-14",
                ["Input.Until"] = "2027-10-20",
            }, button: "Abwesenheit speichern");
            Assert.Contains("Für diese Stelle gibt es im gewählten Zeitraum schon eine Vertretung.", PageClient.Errors(await PageClient.PageOf(overlapping)));

            var past = await absent.SubmitAsync("/intern/konto/abwesenheit", new()
            {
                ["Input.SubstitutePositionId"] = beleuchtung.ToString(),
                ["Input.From"] = "2027-10-01",
                ["Input.Until"] = "2027-10-02",
            }, button: "Abwesenheit speichern");
            Assert.Contains("Der erste Tag der Abwesenheit darf nicht in der Vergangenheit liegen.", PageClient.Errors(await PageClient.PageOf(past)));
        }

        await using (var db = app.Db())
        {
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Substitution.Created" && a.EntityKey.StartsWith("strassen@") && a.StaffMemberName == "Lars Hoppe"));
        }

        var concern = await app.SubmitAsync("schlagloch", "Während der Abwesenheit " + marker);
        await AssignAsync("strassen", concern.Id);
        await using (var db = app.Db())
        {
            await db.Concerns.Where(c => c.Id == concern.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.FollowUpOn, new DateOnly(2027, 10, 12)));
        }

        using (var substitute = await app.LoggedInAsync("r.jacobs"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await substitute.Http.GetAsync("/intern/anliegen/" + concern.Reference)).StatusCode);
        }

        app.Clock.UtcNow = new DateTime(2027, 10, 12, 4, 30, 0, DateTimeKind.Utc);
        using (var substitute = await app.LoggedInAsync("r.jacobs"))
        {
            Assert.Equal(HttpStatusCode.OK, (await substitute.Http.GetAsync("/intern/anliegen/" + concern.Reference)).StatusCode);
            var view = await substitute.GetPageAsync($"/intern/anliegen?ansicht=vertretung&suche={marker}");
            Assert.Equal([concern.Reference], view.QuerySelectorAll("main table tbody tr td:first-child a").Select(a => a.TextContent.Trim()));
        }

        await app.RunAsync<FollowUpReminders>(job => job.RunAsync());
        var mails = await MailsAsync(concern.Reference);
        Assert.Equal(["beleuchtung@", "strassen@"], mails.Select(m => m.To[..(m.To.IndexOf('@') + 1)]).Order(StringComparer.Ordinal));
        Assert.Contains("die Sie zurzeit vertreten", mails.Single(m => m.To.StartsWith("beleuchtung@")).TextBody);

        // After the last day everything stays with the position, not with the substitute.
        app.Clock.UtcNow = new DateTime(2027, 10, 15, 23, 30, 0, DateTimeKind.Utc); // Saturday 01:30 in Lüneburg
        using (var substitute = await app.LoggedInAsync("r.jacobs"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await substitute.Http.GetAsync("/intern/anliegen/" + concern.Reference)).StatusCode);
        }

        using var back = await app.LoggedInAsync("l.hoppe");
        Assert.Equal(HttpStatusCode.OK, (await back.Http.GetAsync("/intern/anliegen/" + concern.Reference)).StatusCode);
        await using (var db = app.Db())
        {
            Assert.Equal(await app.PositionIdAsync("strassen"), await db.Concerns.Where(c => c.Id == concern.Id).Select(c => c.AssignedPositionId).SingleAsync());
        }
    }

    [Fact]
    public async Task An_absent_holder_ends_a_running_absence_early_and_removes_a_planned_one_but_never_someone_elses()
    {
        app.Clock.UtcNow = new DateTime(2028, 1, 10, 8, 0, 0, DateTimeKind.Utc); // Monday
        var strassen2 = await app.PositionIdAsync("strassen2");
        var beleuchtung = await app.PositionIdAsync("beleuchtung");
        using var absent = await app.LoggedInAsync("f.winkler");
        foreach (var (from, until) in new[] { ("2028-01-03", "2028-01-21"), ("2028-02-07", "2028-02-11") })
        {
            await using var db = app.Db();
            db.Substitutions.Add(new() { PositionId = strassen2, SubstitutePositionId = beleuchtung, From = DateOnly.Parse(from), Until = DateOnly.Parse(until) });
            await db.SaveChangesAsync();
        }

        var page = await absent.GetPageAsync("/intern/konto/abwesenheit");
        Assert.Equal(["Abwesenheit beenden", "Abwesenheit entfernen"], page.QuerySelectorAll("main li button").Select(b => b.TextContent.Trim()));
        var forms = page.QuerySelectorAll("main li form").Select(f => f.GetAttribute("action")!).ToList();

        using (var other = await app.LoggedInAsync("l.hoppe"))
        {
            var foreign = await other.SubmitAsync(await other.GetPageAsync("/intern/konto/abwesenheit"), forms[0], [], button: "Abwesenheit speichern");
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }

        var ended = await absent.SubmitAsync(page, forms[0], [], button: "Abwesenheit beenden");
        Assert.Contains("Die Vertretung endet am 09.01.2028.", (await absent.FollowAsync(ended)).QuerySelector("main")!.TextContent);
        page = await absent.GetPageAsync("/intern/konto/abwesenheit");
        var removed = await absent.SubmitAsync(page, page.QuerySelectorAll("main li form").Single().GetAttribute("action")!, [], button: "Abwesenheit entfernen");
        Assert.Contains("Die geplante Abwesenheit wurde entfernt.", (await absent.FollowAsync(removed)).QuerySelector("main")!.TextContent);

        await using var check = app.Db();
        var left = await check.Substitutions.AsNoTracking().Where(s => s.PositionId == strassen2).ToListAsync();
        Assert.Equal(new DateOnly(2028, 1, 9), Assert.Single(left).Until);
    }

    private async Task AssignAsync(string mailboxName, params long[] ids)
    {
        var position = await app.PositionIdAsync(mailboxName);
        await using var db = app.Db();
        await db.Concerns.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.AssignedPositionId, position));
    }

    private async Task<List<Rathaus.Mail.Outbox.OutboxMessage>> MailsAsync(string reference)
    {
        await using var db = app.Db();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "Concern.FollowUp" && m.TextBody.Contains(reference)).ToListAsync();
    }

    private static async Task<List<string>> InboxAsync(PageClient client, string marker)
    {
        var page = await client.GetPageAsync($"/intern/anliegen?ansicht=meine&suche={marker}");
        return page.QuerySelectorAll("main table tbody tr td:first-child a").Select(a => a.TextContent.Trim()).ToList();
    }
}

[Collection(nameof(SqliteDeadlineApp))]
public sealed class FollowUpAndSubstitutionTests_Sqlite(SqliteDeadlineApp app) : FollowUpAndSubstitutionTests(app);

[Collection(nameof(PostgresDeadlineApp))]
public sealed class FollowUpAndSubstitutionTests_PostgreSql(PostgresDeadlineApp app) : FollowUpAndSubstitutionTests(app);
