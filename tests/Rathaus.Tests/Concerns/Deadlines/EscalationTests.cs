using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Deadlines;
using Rathaus.Concerns.Model;
using Rathaus.Platform.Calendar;

namespace Rathaus.Tests.Concerns.Deadlines;

/// <summary>Overdue concerns go up the Dienstweg step by step, each step stored, audited, visible and mailed.</summary>
public abstract class EscalationTests(DeadlineApp app)
{
    [Fact]
    public async Task An_overdue_pothole_goes_to_the_section_lead_then_the_division_lead_then_the_Dezernat_and_no_further()
    {
        app.Clock.UtcNow = new DateTime(2027, 5, 3, 8, 0, 0, DateTimeKind.Utc); // Monday
        var concern = await app.SubmitAsync("schlagloch", "Eskalation " + Guid.NewGuid().ToString("N"));
        var (section, division, department) = (await app.PositionIdAsync("strassen.leitung"), await app.PositionIdAsync("fb7.leitung"), await app.PositionIdAsync("dezernat4"));

        // Before the first-reply deadline nothing happens.
        app.Clock.UtcNow = new DateTime(2027, 5, 6, 8, 0, 0, DateTimeKind.Utc);
        await CheckAsync();
        Assert.Equal(0, (await ConcernAsync(concern.Id)).EscalationLevel);

        // Thursday 6.5. is Christi Himmelfahrt: the first reply (3 working days) was due at the end of Friday 7.5.
        app.Clock.UtcNow = new DateTime(2027, 5, 8, 6, 0, 0, DateTimeKind.Utc);
        await CheckAsync();
        var first = await ConcernAsync(concern.Id);
        Assert.Equal(1, first.EscalationLevel);
        Assert.Equal(WorkingDays.DeadlineUtc(app.Clock.UtcNow, 3), first.NextEscalationAt); // end of Wednesday 12.5.
        Assert.Equal(new DateTime(2027, 5, 12, 22, 0, 0, DateTimeKind.Utc), first.NextEscalationAt);
        Assert.Equal([section], await StepsAsync(concern.Id));
        Assert.Single(await MailsAsync("strassen.leitung", concern.Reference));

        // A second check on the same level changes nothing and mails nobody again.
        app.Clock.UtcNow = new DateTime(2027, 5, 12, 8, 0, 0, DateTimeKind.Utc);
        await CheckAsync();
        Assert.Equal(1, (await ConcernAsync(concern.Id)).EscalationLevel);
        Assert.Single(await MailsAsync("strassen.leitung", concern.Reference));

        app.Clock.UtcNow = new DateTime(2027, 5, 13, 6, 0, 0, DateTimeKind.Utc);
        await CheckAsync();
        Assert.Equal(2, (await ConcernAsync(concern.Id)).EscalationLevel);
        Assert.Equal([section, division], await StepsAsync(concern.Id));
        Assert.Single(await MailsAsync("fb7.leitung", concern.Reference));

        app.Clock.UtcNow = (await ConcernAsync(concern.Id)).NextEscalationAt!.Value.AddHours(1);
        await CheckAsync();
        var top = await ConcernAsync(concern.Id);
        Assert.Equal(3, top.EscalationLevel);
        Assert.Null(top.NextEscalationAt);
        Assert.Equal([section, division, department], await StepsAsync(concern.Id));
        Assert.Single(await MailsAsync("dezernat4", concern.Reference));

        // The Dezernat is the last step: never the mayor.
        app.Clock.UtcNow = app.Clock.UtcNow.AddDays(30);
        await CheckAsync();
        Assert.Equal(3, (await ConcernAsync(concern.Id)).EscalationLevel);
        Assert.Empty(await MailsAsync("oberbuergermeisterin", concern.Reference));

        await using var db = app.Db();
        var audited = await db.AuditEntries.Where(a => a.Action == "Concern.Escalated" && a.EntityKey == concern.Reference).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(3, audited.Count);
        Assert.Equal($"{{\"EscalationLevel\":3,\"ToPositionId\":{department}}}", audited[2].After);
        Assert.Equal("{\"EscalationLevel\":2}", audited[2].Before);

        using var caseWorker = await app.LoggedInAsync("l.hoppe");
        var page = (await caseWorker.GetPageAsync("/intern/anliegen/" + concern.Reference)).QuerySelector("main")!.TextContent;
        Assert.Contains("Frist überschritten, gemeldet an: Leitung Straßenunterhaltung", page);
        Assert.Contains("Frist überschritten, gemeldet an: Dezernentin / Dezernent IV", page);
    }

    [Fact]
    public async Task A_concern_answered_in_time_or_waiting_for_the_citizen_does_not_escalate()
    {
        app.Clock.UtcNow = new DateTime(2027, 6, 7, 8, 0, 0, DateTimeKind.Utc); // Monday
        var answered = await app.SubmitAsync("schlagloch", "Beantwortet " + Guid.NewGuid().ToString("N"));
        var waiting = await app.SubmitAsync("schlagloch", "Rückfrage " + Guid.NewGuid().ToString("N"));
        var silent = await app.SubmitAsync("schlagloch", "Ohne Antwort " + Guid.NewGuid().ToString("N"));
        await using (var db = app.Db())
        {
            await db.Concerns.Where(c => c.Id == answered.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.FirstReplyAt, app.Clock.UtcNow.AddHours(2)));
            await db.Concerns.Where(c => c.Id == waiting.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ConcernStatus.WaitingForCitizen));
        }

        app.Clock.UtcNow = new DateTime(2027, 6, 11, 8, 0, 0, DateTimeKind.Utc); // Friday, first replies were due Thursday
        await CheckAsync();

        Assert.Equal(0, (await ConcernAsync(answered.Id)).EscalationLevel);
        Assert.Equal(0, (await ConcernAsync(waiting.Id)).EscalationLevel);
        Assert.Equal(1, (await ConcernAsync(silent.Id)).EscalationLevel);
    }

    [Fact]
    public async Task Each_lead_gets_one_digest_of_the_overdue_concerns_in_their_subtree()
    {
        app.Clock.UtcNow = new DateTime(2027, 7, 5, 8, 0, 0, DateTimeKind.Utc);
        var street = await app.SubmitAsync("schlagloch", "Digest Straße " + Guid.NewGuid().ToString("N"));
        var light = await app.SubmitAsync("strassenbeleuchtung", "Digest Laterne " + Guid.NewGuid().ToString("N"));

        app.Clock.UtcNow = new DateTime(2027, 8, 10, 5, 0, 0, DateTimeKind.Utc); // 20 working days later and more
        await app.RunAsync<OverdueDigest>(digest => digest.RunAsync());

        await using var db = app.Db();
        var digests = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "Concern.OverdueDigest" && m.CreatedAt == app.Clock.UtcNow).ToListAsync();
        Assert.Equal(digests.Count, digests.Select(m => m.To).Distinct().Count()); // one mail per lead position

        var division = Assert.Single(digests, m => m.To.StartsWith("fb7.leitung@"));
        Assert.Contains(street.Reference, division.TextBody);
        Assert.Contains(light.Reference, division.TextBody);
        var section = Assert.Single(digests, m => m.To.StartsWith("strassen.leitung@"));
        Assert.Contains(street.Reference, section.TextBody);
        Assert.DoesNotContain(light.Reference, section.TextBody); // 7.2 is not below 7.1
        Assert.Contains(digests, m => m.To.StartsWith("dezernat4@") && m.TextBody.Contains(light.Reference));
        Assert.DoesNotContain(digests, m => m.To.StartsWith("fb3.leitung@") && m.TextBody.Contains(street.Reference));
        Assert.Contains($"https://rathaus.example/intern/anliegen/{street.Reference}", division.HtmlBody);
    }

    private Task<int> CheckAsync() => app.RunAsync<DeadlineCheck>(check => check.RunAsync());

    private async Task<Concern> ConcernAsync(long id)
    {
        await using var db = app.Db();
        return await db.Concerns.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    private async Task<List<int>> StepsAsync(long id)
    {
        await using var db = app.Db();
        return await db.ConcernEntries.Where(e => e.ConcernId == id && e.Kind == EntryKind.Escalation && !e.IsPublic)
            .OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => e.ToPositionId!.Value).ToListAsync();
    }

    private async Task<List<string>> MailsAsync(string mailboxName, string reference)
    {
        await using var db = app.Db();
        return await db.OutboxMessages.Where(m => m.Kind == "Concern.Escalated" && m.To.StartsWith(mailboxName + "@") && m.TextBody.Contains(reference))
            .Select(m => m.Subject).ToListAsync();
    }
}

[Collection(nameof(SqliteDeadlineApp))]
public sealed class EscalationTests_Sqlite(SqliteDeadlineApp app) : EscalationTests(app);

[Collection(nameof(PostgresDeadlineApp))]
public sealed class EscalationTests_PostgreSql(PostgresDeadlineApp app) : EscalationTests(app);
