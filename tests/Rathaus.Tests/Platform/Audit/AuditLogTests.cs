using System.Net;
using Microsoft.EntityFrameworkCore;
using Rathaus.Platform.Audit;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Platform.Audit;

public abstract class AuditLogTests(RathausApp app)
{
    private async Task<AuditEntry> AnyEntryAsync()
    {
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var code = "A" + Guid.NewGuid().ToString("N")[..8];
        await client.SubmitAsync("/intern/organisation/einheit", new() { ["Input.Code"] = code, ["Input.Name"] = "Audit-Probe", ["Input.Kind"] = "Team" });
        await using var db = app.Db();
        return await db.AuditEntries.AsNoTracking().SingleAsync(e => e.EntityKey == code);
    }

    [Fact]
    public async Task Database_refuses_to_change_or_delete_audit_entries()
    {
        var entry = await AnyEntryAsync();
        await using var db = app.Db();

        // Raw SQL bypasses the application: the triggers in the migrations must stop it.
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Action\" = 'forged' WHERE \"Id\" = {entry.Id}"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {entry.Id}"));
        Assert.Equal("OrgUnit.Created", (await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == entry.Id)).Action);
    }

    [Fact]
    public async Task Application_refuses_to_save_a_changed_audit_entry()
    {
        var entry = await AnyEntryAsync();
        await using var db = app.Db();
        var tracked = await db.AuditEntries.SingleAsync(e => e.Id == entry.Id);
        tracked.Action = "forged";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Audit_page_lists_changes_with_person_position_and_what_changed_and_filters_by_object()
    {
        var entry = await AnyEntryAsync();
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);

        var page = await client.GetPageAsync($"/intern/protokoll?Filter.Objekt={entry.EntityKey}");
        var rows = page.QuerySelectorAll("tbody tr");
        var row = Assert.Single(rows);
        Assert.Contains("Demo-Administration", row.TextContent);
        Assert.Contains("Systemadministration Fachverfahren", row.TextContent);
        Assert.Contains("OrgUnit.Created", row.TextContent);
        Assert.Contains("Name: – → Audit-Probe", System.Text.RegularExpressions.Regex.Replace(row.TextContent, @"\s+", " "));
        Assert.Matches(@"\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}", row.QuerySelector("td")!.TextContent);
    }

    [Fact]
    public async Task Audit_page_filters_by_action_and_date()
    {
        await AnyEntryAsync();
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);

        var tomorrow = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd");
        var none = await client.GetPageAsync($"/intern/protokoll?Filter.Von={tomorrow}");
        Assert.Empty(none.QuerySelectorAll("tbody tr"));
        Assert.Contains("0 Einträge gefunden", none.QuerySelector("[role=status]")!.TextContent);

        var created = await client.GetPageAsync("/intern/protokoll?Filter.Aktion=OrgUnit.Created");
        Assert.NotEmpty(created.QuerySelectorAll("tbody tr"));
        Assert.All(created.QuerySelectorAll("tbody tr"), r => Assert.Contains("OrgUnit.Created", r.TextContent));
    }

    [Fact]
    public async Task Case_worker_cannot_read_the_audit_log()
    {
        using var client = await app.LoggedInAsync(DemoAccounts.CaseWorker);
        await client.AssertAccessDeniedAsync("/intern/protokoll");
    }
}

[Collection(nameof(SqliteApp))]
public sealed class AuditLogTests_Sqlite(SqliteApp app) : AuditLogTests(app);

[Collection(nameof(PostgresApp))]
public sealed class AuditLogTests_PostgreSql(PostgresApp app) : AuditLogTests(app);
