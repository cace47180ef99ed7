using System.Net;
using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Deadlines;
using Rathaus.Concerns.Model;
using Rathaus.Platform.Calendar;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Concerns.Deadlines;

/// <summary>Deadlines per category in working days, as the administration sets them and case workers see them.</summary>
public abstract class DeadlineTests(DeadlineApp app)
{
    [Fact]
    public async Task A_topics_deadlines_count_working_days_over_Christmas_and_the_inbox_says_when_they_pass()
    {
        var code = "frist-" + Guid.NewGuid().ToString("N")[..8];
        using (var admin = await app.LoggedInAsync(DemoAccounts.Admin))
        {
            var refused = await admin.SubmitAsync("/intern/zustaendigkeiten/kategorie", new()
            {
                ["Input.Code"] = code,
                ["Input.Name"] = "Fristen " + code,
                ["Input.FirstReplyDays"] = "5",
                ["Input.FinalAnswerDays"] = "2",
            });
            Assert.Contains("Die Frist für die abschließende Antwort darf nicht kürzer sein als die für die erste Antwort (5 Arbeitstage).",
                PageClient.Errors(await PageClient.PageOf(refused)));

            var saved = await admin.SubmitAsync("/intern/zustaendigkeiten/kategorie", new()
            {
                ["Input.Code"] = code,
                ["Input.Name"] = "Fristen " + code,
                ["Input.FirstReplyDays"] = "2",
                ["Input.FinalAnswerDays"] = "5",
            });
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        // Thursday, 24 December 2026, 10:00 in Lüneburg: both Christmas days, the weekend and Neujahr do not count.
        app.Clock.UtcNow = new DateTime(2026, 12, 24, 9, 0, 0, DateTimeKind.Utc);
        var concern = await app.SubmitAsync(code, "Fristen über Weihnachten");

        await using (var db = app.Db())
        {
            var stored = await db.Concerns.SingleAsync(c => c.Id == concern.Id);
            Assert.Equal(new DateTime(2026, 12, 29, 23, 0, 0, DateTimeKind.Utc), stored.FirstReplyDueAt); // end of Tuesday 29.12.
            Assert.Equal(new DateTime(2027, 1, 4, 23, 0, 0, DateTimeKind.Utc), stored.DueAt);           // end of Monday 4.1.
        }

        Assert.Equal("04.01.2027", (await RowAsync(concern.Reference))[7]);

        app.Clock.UtcNow = new DateTime(2026, 12, 28, 8, 0, 0, DateTimeKind.Utc); // first reply due tomorrow
        Assert.Equal("04.01.2027 Bald fällig", (await RowAsync(concern.Reference))[7]);

        app.Clock.UtcNow = new DateTime(2026, 12, 30, 8, 0, 0, DateTimeKind.Utc);
        Assert.Contains("Erste Antwort überfällig", (await RowAsync(concern.Reference))[7]);
        Assert.Contains(concern.Reference, await ReferencesAsync("&frist=ueberfaellig"));

        app.Clock.UtcNow = new DateTime(2027, 1, 5, 8, 0, 0, DateTimeKind.Utc);
        var cell = (await RowAsync(concern.Reference))[7];
        Assert.Contains("Überfällig", cell);
        Assert.DoesNotContain("Bald fällig", cell);
    }

    [Fact]
    public async Task A_topic_without_its_own_periods_uses_the_defaults_of_3_and_20_working_days()
    {
        app.Clock.UtcNow = new DateTime(2027, 3, 25, 9, 0, 0, DateTimeKind.Utc); // Thursday before Easter 2027
        var concern = await app.SubmitAsync("schlagloch", "Schlagloch vor Ostern");

        await using var db = app.Db();
        var stored = await db.Concerns.SingleAsync(c => c.Id == concern.Id);
        Assert.Equal(new DateTime(2027, 4, 1, 22, 0, 0, DateTimeKind.Utc), stored.FirstReplyDueAt); // Tue 30.3. – Thu 1.4.
        Assert.Equal(WorkingDays.DeadlineUtc(app.Clock.UtcNow, 20), stored.DueAt);
        Assert.Equal(new DateTime(2027, 4, 26, 22, 0, 0, DateTimeKind.Utc), stored.DueAt);
    }

    [Fact]
    public async Task Changing_the_topic_counts_the_deadlines_anew_and_forwarding_gives_the_new_unit_time_to_act()
    {
        app.Clock.UtcNow = new DateTime(2027, 2, 1, 9, 0, 0, DateTimeKind.Utc); // Monday
        var concern = await app.SubmitAsync("schlagloch", "Thema ändern " + Guid.NewGuid().ToString("N"));
        await using (var db = app.Db())
        {
            var other = await db.Categories.FirstAsync(c => c.Code == "gehweg");
            other.FinalAnswerDays = 10;
            await db.SaveChangesAsync();
        }

        using var client = await app.LoggedInAsync("l.hoppe");
        var detail = await client.GetPageAsync("/intern/anliegen/" + concern.Reference);
        var gehweg = detail.QuerySelectorAll("#thema-neu option").Single(o => o.TextContent.Contains("Geh- oder Radweg")).GetAttribute("value");
        await client.SubmitAsync(detail, $"/intern/anliegen/{concern.Reference}/aktion/thema", new() { ["CategoryId"] = gehweg }, button: "Thema ändern");

        await using (var db = app.Db())
        {
            var stored = await db.Concerns.SingleAsync(c => c.Id == concern.Id);
            Assert.Equal(new DateTime(2027, 2, 15, 23, 0, 0, DateTimeKind.Utc), stored.DueAt); // ten working days after Monday 1.2.
        }

        // Much later, long overdue and escalated: the receiving unit still gets three working days.
        app.Clock.UtcNow = new DateTime(2027, 3, 1, 9, 0, 0, DateTimeKind.Utc);
        await app.RunAsync<DeadlineCheck>(check => check.RunAsync());
        using var lead = await app.LoggedInAsync("t.bruns");
        detail = await lead.GetPageAsync("/intern/anliegen/" + concern.Reference);
        var unit = detail.QuerySelectorAll("#weiterleiten-einheit option").First(o => o.TextContent.Contains("Straßenbeleuchtung")).GetAttribute("value");
        await lead.SubmitAsync(detail, $"/intern/anliegen/{concern.Reference}/aktion/weiterleiten", new() { ["UnitId"] = unit, ["Reason"] = "Laterne, nicht Straße" }, button: "Weiterleiten");

        await using (var db = app.Db())
        {
            var stored = await db.Concerns.SingleAsync(c => c.Id == concern.Id);
            Assert.Equal(new DateTime(2027, 3, 4, 23, 0, 0, DateTimeKind.Utc), stored.DueAt);
            Assert.Equal(0, stored.EscalationLevel);
        }
    }

    private async Task<List<string>> ReferencesAsync(string more)
    {
        using var client = await app.LoggedInAsync("y.demir");
        var page = await client.GetPageAsync("/intern/anliegen?ansicht=alle" + more);
        return page.QuerySelectorAll("main table tbody tr td:first-child a").Select(a => a.TextContent.Trim()).ToList();
    }

    /// <summary>The cells of the concern's row in the central office's inbox, as text.</summary>
    private async Task<List<string>> RowAsync(string reference)
    {
        using var client = await app.LoggedInAsync("y.demir");
        var page = await client.GetPageAsync("/intern/anliegen?ansicht=alle&suche=" + reference);
        var row = page.QuerySelectorAll("main table tbody tr").Single();
        return row.QuerySelectorAll("td").Select(td => string.Join(' ', td.TextContent.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))).ToList();
    }
}

[Collection(nameof(SqliteDeadlineApp))]
public sealed class DeadlineTests_Sqlite(SqliteDeadlineApp app) : DeadlineTests(app);

[Collection(nameof(PostgresDeadlineApp))]
public sealed class DeadlineTests_PostgreSql(PostgresDeadlineApp app) : DeadlineTests(app);
