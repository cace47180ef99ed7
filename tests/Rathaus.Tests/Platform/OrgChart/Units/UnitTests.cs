using System.Net;
using Microsoft.EntityFrameworkCore;
using Rathaus.Platform.OrgChart;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Platform.OrgChart.Units;

public abstract class UnitTests(RathausApp app)
{
    private static string NewCode() => "T" + Guid.NewGuid().ToString("N")[..8];

    private async Task<int> UnitId(string code)
    {
        await using var db = app.Db();
        return await db.OrgUnits.Where(u => u.Code == code).Select(u => u.Id).SingleAsync();
    }

    private async Task<PageClient> CreateUnitAsync(string code, string name, string parentCode)
    {
        var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var response = await client.SubmitAsync("/intern/organisation/einheit", new()
        {
            ["Input.Code"] = code,
            ["Input.Name"] = name,
            ["Input.Kind"] = nameof(OrgUnitKind.Team),
            ["Input.ParentId"] = (await UnitId(parentCode)).ToString(),
        });
        var tree = await client.FollowAsync(response);
        Assert.Contains($"„{name}“ wurde gespeichert", tree.QuerySelector("[role=status]")!.TextContent);
        return client;
    }

    [Fact]
    public async Task Administrator_creates_a_unit_that_appears_in_the_tree_under_its_parent()
    {
        var code = NewCode();
        using var client = await CreateUnitAsync(code, "Sachgebiet Brücken", "7");

        var tree = await client.GetPageAsync("/intern/organisation");
        var parentItem = tree.QuerySelectorAll(".org-tree li").First(li => li.QuerySelector("a")!.TextContent.StartsWith("7 –", StringComparison.Ordinal));
        Assert.Contains($"{code} – Sachgebiet Brücken", parentItem.QuerySelector("ul")!.TextContent);
    }

    [Fact]
    public async Task Renaming_and_moving_a_unit_is_stored_and_audited_with_before_and_after()
    {
        var code = NewCode();
        using var client = await CreateUnitAsync(code, "Sachgebiet Radverkehr", "7");
        var id = await UnitId(code);

        var response = await client.SubmitAsync($"/intern/organisation/einheit/{id}", new()
        {
            ["Input.Name"] = "Sachgebiet Radverkehr und Mobilität",
            ["Input.ParentId"] = (await UnitId("3.2")).ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await using var db = app.Db();
        var unit = await db.OrgUnits.Include(u => u.Parent).SingleAsync(u => u.Id == id);
        Assert.Equal("Sachgebiet Radverkehr und Mobilität", unit.Name);
        Assert.Equal("3.2", unit.Parent!.Code);
        var moved = await db.AuditEntries.SingleAsync(e => e.EntityKey == code && e.Action == "OrgUnit.Moved");
        Assert.Equal("Demo-Administration", moved.StaffMemberName);
        Assert.Equal("Systemadministration Fachverfahren", moved.PositionTitle);
        Assert.Contains("Sachgebiet Radverkehr\"", moved.Before);
        Assert.Contains("\"ParentCode\":\"7\"", moved.Before);
        Assert.Contains("\"ParentCode\":\"3.2\"", moved.After);
        Assert.Contains($"\"ParentId\":{unit.ParentId}", moved.After);
    }

    [Fact]
    public async Task Moving_a_unit_under_its_own_child_is_refused_and_nothing_changes()
    {
        var parent = NewCode();
        var child = NewCode();
        using var client = await CreateUnitAsync(parent, "Bereich Test oben", "7");
        await CreateUnitAsync(child, "Sachgebiet Test unten", parent);
        var parentId = await UnitId(parent);

        // The form hides descendants from the drop-down; a crafted request must still be refused by the server.
        var response = await client.SubmitAsync($"/intern/organisation/einheit/{parentId}", new()
        {
            ["Input.ParentId"] = (await UnitId(child)).ToString(),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageClient.PageOf(response);
        Assert.Contains("Eine Einheit kann nicht unter sich selbst oder eine ihrer Untereinheiten verschoben werden.", PageClient.Errors(page));
        Assert.Equal("Bereich Test oben", page.QuerySelector("input[name='Input.Name']")!.GetAttribute("value"));
        await using var db = app.Db();
        Assert.Equal("7", (await db.OrgUnits.Include(u => u.Parent).SingleAsync(u => u.Id == parentId)).Parent!.Code);
    }

    [Fact]
    public async Task Empty_and_duplicate_fields_are_refused_next_to_the_field_keeping_what_was_typed()
    {
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var response = await client.SubmitAsync("/intern/organisation/einheit", new()
        {
            ["Input.Code"] = "7.1",
            ["Input.Name"] = "",
            ["Input.Kind"] = "",
        });

        var page = await PageClient.PageOf(response);
        var errors = PageClient.Errors(page);
        Assert.Contains("Das Kürzel „7.1“ ist schon vergeben.", errors);
        Assert.Contains("Bitte geben Sie einen Namen an.", errors);
        Assert.Contains("Bitte wählen Sie die Art der Einheit.", errors);
        Assert.Equal("7.1", page.QuerySelector("input[name='Input.Code']")!.GetAttribute("value"));
        Assert.Equal("true", page.QuerySelector("input[name='Input.Name']")!.GetAttribute("aria-invalid"));
        Assert.NotNull(page.QuerySelector(".kern-alert--danger a[href='#Input_Name']"));
    }

    [Fact]
    public async Task Validation_messages_follow_the_chosen_language()
    {
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        await client.Http.GetAsync("/sprache/en?zurueck=%2F");

        var response = await client.SubmitAsync("/intern/organisation/einheit", new() { ["Input.Code"] = NewCode(), ["Input.Name"] = "", ["Input.Kind"] = "" });

        var errors = PageClient.Errors(await PageClient.PageOf(response));
        Assert.Contains("Please enter a name.", errors);
        Assert.Contains("Please select the type of unit.", errors);
    }

    [Fact]
    public async Task Deactivated_unit_stays_in_the_tree_marked_and_can_be_reactivated()
    {
        var code = NewCode();
        using var client = await CreateUnitAsync(code, "Sachgebiet Auslaufend", "8");
        var id = await UnitId(code);

        var response = await client.SubmitAsync($"/intern/organisation/einheit/{id}", new(), button: "Einheit deaktivieren");
        var tree = await client.FollowAsync(response);
        var item = tree.QuerySelectorAll(".org-tree li").Single(li => li.QuerySelector("a")!.TextContent.StartsWith(code, StringComparison.Ordinal));
        Assert.Contains("deaktiviert", item.QuerySelector(".kern-badge")!.TextContent);

        await client.SubmitAsync($"/intern/organisation/einheit/{id}", new(), button: "Einheit wieder aktivieren");
        await using var db = app.Db();
        Assert.True((await db.OrgUnits.SingleAsync(u => u.Id == id)).IsActive);
        var actions = await db.AuditEntries.Where(e => e.EntityKey == code).Select(e => e.Action).ToListAsync();
        Assert.Contains("OrgUnit.Deactivated", actions);
        Assert.Contains("OrgUnit.Reactivated", actions);
    }

    [Fact]
    public async Task Unknown_unit_answers_404()
    {
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/intern/organisation/einheit/999999")).StatusCode);
    }

    [Fact]
    public async Task Posting_without_the_antiforgery_token_is_refused()
    {
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var response = await client.Http.PostAsync("/intern/organisation/einheit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Code"] = NewCode(),
            ["Input.Name"] = "Ohne Token",
            ["Input.Kind"] = "Team",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

[Collection(nameof(SqliteApp))]
public sealed class UnitTests_Sqlite(SqliteApp app) : UnitTests(app);

[Collection(nameof(PostgresApp))]
public sealed class UnitTests_PostgreSql(PostgresApp app) : UnitTests(app);
