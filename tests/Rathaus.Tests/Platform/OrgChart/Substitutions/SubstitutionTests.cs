using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Platform;
using Rathaus.Platform.OrgChart;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Platform.OrgChart.Substitutions;

public abstract class SubstitutionTests(RathausApp app)
{
    private static readonly DateOnly Today = TimeProvider.System.Today();

    [Fact]
    public async Task A_new_substitution_is_listed_as_active_today_with_German_dates_and_audited()
    {
        var (absent, substitute, _) = await ArrangeAsync();
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var response = await client.SubmitAsync("/intern/organisation/vertretung", new()
        {
            ["Input.PositionId"] = Id(absent),
            ["Input.SubstitutePositionId"] = Id(substitute),
            ["Input.From"] = Iso(Today.AddDays(-2)),
            ["Input.Until"] = Iso(Today.AddDays(5)),
            ["Input.Reason"] = "Urlaub",
        });

        var list = await client.FollowAsync(response);
        Assert.Contains($"Die Vertretung für „{absent.Title}“ wurde gespeichert.", list.QuerySelector("[role=status]")!.TextContent);
        var row = Row(list, absent);
        Assert.Contains(substitute.Title, Cells(row)[1]);
        Assert.Contains(absent.OrgUnit!.Code, Cells(row)[0]);
        Assert.Equal(Today.AddDays(-2).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture), Cells(row)[2]);
        Assert.Equal(Today.AddDays(5).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture), Cells(row)[3]);
        Assert.Equal("Urlaub", Cells(row)[4]);
        Assert.Equal("aktiv", Cells(row)[5]);

        await using var db = app.Db();
        var stored = await db.Substitutions.SingleAsync(s => s.PositionId == absent.Id);
        Assert.Equal((substitute.Id, Today.AddDays(-2), Today.AddDays(5)), (stored.SubstitutePositionId, stored.From, stored.Until));
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == "Substitution.Created" && e.EntityKey == absent.Mailbox);
        Assert.Null(entry.Before);
        Assert.Contains("Urlaub", entry.After);
    }

    [Fact]
    public async Task An_open_ended_planned_substitution_shows_open_and_planned()
    {
        var (absent, substitute, _) = await ArrangeAsync();
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var list = await client.FollowAsync(await client.SubmitAsync("/intern/organisation/vertretung", new()
        {
            ["Input.PositionId"] = Id(absent),
            ["Input.SubstitutePositionId"] = Id(substitute),
            ["Input.From"] = Iso(Today.AddDays(3)),
        }));

        var cells = Cells(Row(list, absent));
        Assert.Equal("offen", cells[3]);
        Assert.Equal("geplant", cells[5]);
    }

    [Fact]
    public async Task A_position_cannot_substitute_itself()
    {
        var (absent, _, _) = await ArrangeAsync();
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var page = await RefusedAsync(client, new()
        {
            ["Input.PositionId"] = Id(absent),
            ["Input.SubstitutePositionId"] = Id(absent),
            ["Input.From"] = Iso(Today),
        });

        Assert.Equal("Eine Stelle kann sich nicht selbst vertreten.", ErrorAt(page, "SubstitutePositionId"));
        Assert.Single(PageClient.Errors(page));
        Assert.Equal(Id(absent), page.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#Input_PositionId")!.Value);
        await AssertNothingStoredFor(absent);
    }

    [Fact]
    public async Task A_substitution_ending_before_it_starts_is_refused_at_the_end_date()
    {
        var (absent, substitute, _) = await ArrangeAsync();
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var page = await RefusedAsync(client, new()
        {
            ["Input.PositionId"] = Id(absent),
            ["Input.SubstitutePositionId"] = Id(substitute),
            ["Input.From"] = Iso(Today.AddDays(10)),
            ["Input.Until"] = Iso(Today.AddDays(9)),
            ["Input.Reason"] = "Kur",
        });

        Assert.Equal("Das Ende der Vertretung liegt vor ihrem Beginn.", ErrorAt(page, "Until"));
        Assert.Single(PageClient.Errors(page));
        Assert.Equal(Iso(Today.AddDays(9)), page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Until")!.Value);
        Assert.Equal("Kur", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Reason")!.Value);
        await AssertNothingStoredFor(absent);
    }

    [Fact]
    public async Task A_second_substitution_for_the_same_position_in_an_open_ended_period_is_refused_at_the_start_date()
    {
        var (absent, substitute, _) = await ArrangeAsync();
        await StoreAsync(absent, substitute, Today, until: null);
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var page = await RefusedAsync(client, new()
        {
            ["Input.PositionId"] = Id(absent),
            ["Input.SubstitutePositionId"] = Id(substitute),
            ["Input.From"] = Iso(Today.AddDays(30)),
            ["Input.Until"] = Iso(Today.AddDays(32)),
        });

        Assert.Equal("Für diese Stelle gibt es im gewählten Zeitraum schon eine Vertretung.", ErrorAt(page, "From"));
        await using var db = app.Db();
        Assert.Equal(1, await db.Substitutions.CountAsync(s => s.PositionId == absent.Id));
    }

    [Fact]
    public async Task A_deactivated_position_cannot_be_chosen()
    {
        var (absent, substitute, _) = await ArrangeAsync();
        await using (var db = app.Db())
        {
            await db.Positions.Where(p => p.Id == substitute.Id).ExecuteUpdateAsync(p => p.SetProperty(x => x.IsActive, false));
        }

        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var page = await RefusedAsync(client, new()
        {
            ["Input.PositionId"] = Id(absent),
            ["Input.SubstitutePositionId"] = Id(substitute),
            ["Input.From"] = Iso(Today),
        });

        Assert.Equal($"Die Stelle „{substitute.Title}“ ist deaktiviert und kann nicht gewählt werden.", ErrorAt(page, "SubstitutePositionId"));
        await AssertNothingStoredFor(absent);
    }

    [Fact]
    public async Task The_substitutes_holder_acts_for_the_absent_position_while_it_runs_and_no_longer_once_it_is_ended()
    {
        var (absent, substitute, holder) = await ArrangeAsync();
        var substitution = await StoreAsync(absent, substitute, Today.AddDays(-3), until: null);
        Assert.Equal([absent.Id, substitute.Id], (await ActingPositionIdsAsync(holder)).Order());

        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var list = await client.FollowAsync(await client.SubmitAsync($"/intern/organisation/vertretung/{substitution.Id}", new(), button: "Vertretung beenden"));

        var yesterday = Today.AddDays(-1);
        Assert.Contains($"Die Vertretung für „{absent.Title}“ endet am {yesterday:dd.MM.yyyy}.", list.QuerySelector("[role=status]")!.TextContent);
        Assert.DoesNotContain(list.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains(absent.Title, StringComparison.Ordinal));
        Assert.Equal([substitute.Id], await ActingPositionIdsAsync(holder));

        var all = await client.GetPageAsync("/intern/organisation/vertretungen?alle=1");
        Assert.Equal("beendet", Cells(Row(all, absent))[5]);

        await using var db = app.Db();
        Assert.Equal(yesterday, (await db.Substitutions.SingleAsync(s => s.Id == substitution.Id)).Until);
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == "Substitution.Ended" && e.EntityKey == absent.Mailbox);
        Assert.DoesNotContain("Until", entry.Before);
        Assert.Contains(yesterday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), entry.After);
    }

    [Fact]
    public async Task A_planned_substitution_is_removed_instead_of_ended_and_the_audit_log_keeps_it()
    {
        var (absent, substitute, holder) = await ArrangeAsync();
        var substitution = await StoreAsync(absent, substitute, Today.AddDays(7), Today.AddDays(14));
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var page = await client.GetPageAsync($"/intern/organisation/vertretung/{substitution.Id}");
        Assert.DoesNotContain("Vertretung beenden", page.QuerySelector("main")!.TextContent);

        var list = await client.FollowAsync(await client.SubmitAsync(page, $"/intern/organisation/vertretung/{substitution.Id}", new(), button: "Vertretung entfernen"));

        Assert.Contains($"Die geplante Vertretung für „{absent.Title}“ wurde entfernt.", list.QuerySelector("[role=status]")!.TextContent);
        await AssertNothingStoredFor(absent);
        await using var db = app.Db();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == "Substitution.Removed" && e.EntityKey == absent.Mailbox);
        Assert.Contains(Today.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), entry.Before);
        Assert.Null(entry.After);
        Assert.Equal([substitute.Id], await ActingPositionIdsAsync(holder));
    }

    [Fact]
    public async Task Editing_a_substitution_keeps_it_from_overlapping_itself_and_is_audited()
    {
        var (absent, substitute, _) = await ArrangeAsync();
        var substitution = await StoreAsync(absent, substitute, Today, Today.AddDays(5));
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var response = await client.SubmitAsync($"/intern/organisation/vertretung/{substitution.Id}", new()
        {
            ["Input.Until"] = Iso(Today.AddDays(8)),
            ["Input.Reason"] = "Urlaub verlängert",
        }, button: "Speichern");

        await client.FollowAsync(response);
        await using var db = app.Db();
        var stored = await db.Substitutions.SingleAsync(s => s.PositionId == absent.Id);
        Assert.Equal((Today.AddDays(8), "Urlaub verlängert"), (stored.Until, stored.Reason));
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == "Substitution.Changed" && e.EntityKey == absent.Mailbox);
        Assert.Contains(Iso(Today.AddDays(5)), entry.Before);
        Assert.Contains(Iso(Today.AddDays(8)), entry.After);
    }

    [Fact]
    public async Task Past_substitutions_appear_only_behind_the_show_all_link()
    {
        var (absent, substitute, _) = await ArrangeAsync();
        await StoreAsync(absent, substitute, Today.AddDays(-20), Today.AddDays(-10));
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);

        var current = await client.GetPageAsync("/intern/organisation/vertretungen");
        Assert.DoesNotContain(absent.Title, current.QuerySelector("main")!.TextContent);
        var link = current.QuerySelectorAll("main a").Single(a => a.TextContent == "Auch vergangene Vertretungen zeigen");

        var all = await client.GetPageAsync(link.GetAttribute("href")!);
        Assert.Equal("beendet", Cells(Row(all, absent))[5]);
    }

    /// <summary>A unit of its own with an absent position and a substitute position held by a staff member.</summary>
    private async Task<(Position Absent, Position Substitute, StaffMember Holder)> ArrangeAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var unit = new OrgUnit { Code = "V-" + suffix, Name = "Vertretungstest " + suffix, Kind = OrgUnitKind.Team };
        var absent = new Position { Title = "Abwesende Stelle " + suffix, Mailbox = $"abwesend-{suffix}@test.example", OrgUnit = unit };
        var substitute = new Position { Title = "Vertretende Stelle " + suffix, Mailbox = $"vertretung-{suffix}@test.example", OrgUnit = unit };
        var holder = new StaffMember
        {
            Id = Guid.NewGuid(),
            UserName = "v." + suffix,
            NormalizedUserName = ("v." + suffix).ToUpperInvariant(), // as Identity stores it; the org chart export matches on it
            SecurityStamp = Guid.NewGuid().ToString("N"),
            DisplayName = "Vera " + suffix,
            Positions = [substitute],
        };
        await using var db = app.Db();
        db.AddRange(unit, absent, substitute, holder);
        await db.SaveChangesAsync();
        return (absent, substitute, holder);
    }

    private async Task<Substitution> StoreAsync(Position absent, Position substitute, DateOnly from, DateOnly? until)
    {
        var substitution = new Substitution { PositionId = absent.Id, SubstitutePositionId = substitute.Id, From = from, Until = until };
        await using var db = app.Db();
        db.Substitutions.Add(substitution);
        await db.SaveChangesAsync();
        return substitution;
    }

    private async Task<IReadOnlySet<int>> ActingPositionIdsAsync(StaffMember holder)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OrgChartService>().ActingPositionIdsAsync(holder.Id);
    }

    private static async Task<IDocument> RefusedAsync(PageClient client, Dictionary<string, string?> values)
    {
        var response = await client.SubmitAsync("/intern/organisation/vertretung", values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PageClient.PageOf(response);
    }

    private async Task AssertNothingStoredFor(Position absent)
    {
        await using var db = app.Db();
        Assert.False(await db.Substitutions.AnyAsync(s => s.PositionId == absent.Id));
    }

    private static string Id(Position position) => position.Id.ToString(CultureInfo.InvariantCulture);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static IElement Row(IDocument page, Position absent) =>
        page.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("td")!.TextContent.Contains(absent.Title, StringComparison.Ordinal));

    private static List<string> Cells(IElement row) => row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();

    private static string? ErrorAt(IDocument page, string field) =>
        page.GetElementById("Input_" + field)?.Closest(".kern-form-input")?.QuerySelector(".kern-error")?.TextContent.Trim();
}

[Collection(nameof(SqliteApp))]
public sealed class SubstitutionTests_Sqlite(SqliteApp app) : SubstitutionTests(app);

[Collection(nameof(PostgresApp))]
public sealed class SubstitutionTests_PostgreSql(PostgresApp app) : SubstitutionTests(app);
