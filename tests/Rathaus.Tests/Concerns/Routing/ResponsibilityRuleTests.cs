using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Concerns.Routing;
using Rathaus.Tests.Infrastructure;
using Rathaus.Tests.Platform.OrgChart;

namespace Rathaus.Tests.Concerns.Routing;

public abstract class ResponsibilityRuleTests(RathausApp app)
{
    private const string List = "/intern/zustaendigkeiten";
    private const string TriageMarker = "geht an die zentrale Anliegenstelle (Bürgerbüro)";

    private static string NewCode() => "test-" + TestOrgChart.Suffix();

    private async Task<int> CategoryId(string code)
    {
        await using var db = app.Db();
        return await db.Categories.Where(c => c.Code == code).Select(c => c.Id).SingleAsync();
    }

    private async Task<int> RuleId(string categoryCode, string? district)
    {
        await using var db = app.Db();
        return await db.ResponsibilityRules.Where(r => r.Category!.Code == categoryCode && r.District == district).Select(r => r.Id).SingleAsync();
    }

    private async Task<int> UnitId(string code)
    {
        await using var db = app.Db();
        return await db.OrgUnits.Where(u => u.Code == code).Select(u => u.Id).SingleAsync();
    }

    /// <summary>A new topic in the demo group "Straßen und Verkehr", created through the form.</summary>
    private async Task<int> CreateTopicAsync(PageClient client, string code, string name = "Brücke beschädigt")
    {
        var response = await client.SubmitAsync("/intern/zustaendigkeiten/kategorie", new()
        {
            ["Input.Code"] = code,
            ["Input.Name"] = name,
            ["Input.ParentId"] = (await CategoryId("strasse-verkehr")).ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await CategoryId(code);
    }

    private static Task<HttpResponseMessage> SubmitRuleAsync(PageClient client, int categoryId, string? district, int unitId, string url = "/intern/zustaendigkeiten/regel") =>
        client.SubmitAsync(url, new()
        {
            ["Input.CategoryId"] = categoryId.ToString(),
            ["Input.District"] = district ?? "",
            ["Input.OrgUnitId"] = unitId.ToString(),
        });

    private static async Task<int> RouteAsync(RathausApp app, int? categoryId, string? district)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ConcernRouting>().ResponsibleUnitAsync(categoryId, district, TestContext.Current.CancellationToken);
    }

    private static IElement Row(IDocument page, string categoryCode) =>
        page.QuerySelector($"tr[data-category='{categoryCode}']") ?? throw new Xunit.Sdk.XunitException($"No row for {categoryCode}");

    private static string Text(IElement element) => string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task Rule_list_shows_the_demo_rules_and_marks_topics_without_rule_as_going_to_triage()
    {
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);

        var page = await client.GetPageAsync(List);

        var pothole = Row(page, "schlagloch");
        Assert.Contains("Schlagloch oder Straßenschaden", pothole.TextContent);
        Assert.StartsWith("7.1 –", pothole.QuerySelector(".city-rule a")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain(TriageMarker, pothole.TextContent);
        var other = Row(page, "sonstiges");
        Assert.Contains("Sonstiges", other.TextContent);
        Assert.Contains(TriageMarker, other.QuerySelector(".city-rule")!.TextContent);
        // Groups are headings, not rows of their own.
        Assert.Contains(page.QuerySelectorAll("th[scope=colgroup]"), th => th.TextContent.Contains("Straßen und Verkehr", StringComparison.Ordinal));
        Assert.Null(page.QuerySelector("tr[data-category='strasse-verkehr']"));
    }

    [Fact]
    public async Task A_district_rule_overrides_the_city_wide_rule_for_that_district_only()
    {
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var code = NewCode();
        var category = await CreateTopicAsync(client, code, "Brücke beschädigt");
        var cityUnit = await TestOrgChart.AddUnitAsync(app, "Sachgebiet Brücken");
        var districtUnit = await TestOrgChart.AddUnitAsync(app, "Stadtteilbüro Kaltenmoor");

        var city = await client.FollowAsync(await SubmitRuleAsync(client, category, "", cityUnit.Id));
        Assert.Contains("„Brücke beschädigt“ gehen jetzt an", city.QuerySelector("[role=status]")!.TextContent);
        var response = await SubmitRuleAsync(client, category, "  Kaltenmoor ", districtUnit.Id);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        Assert.Equal(districtUnit.Id, await RouteAsync(app, category, "Kaltenmoor"));
        Assert.Equal(cityUnit.Id, await RouteAsync(app, category, "Oedeme"));
        Assert.Equal(cityUnit.Id, await RouteAsync(app, category, null));

        var row = Row(await client.GetPageAsync(List), code);
        Assert.Contains(cityUnit.Code, row.QuerySelector(".city-rule")!.TextContent);
        Assert.DoesNotContain(TriageMarker, row.TextContent);
        Assert.Contains($"Kaltenmoor → {districtUnit.Code} – Stadtteilbüro Kaltenmoor", Text(row.QuerySelector(".district-rules")!));

        var created = Assert.Single(await TestOrgChart.AuditAsync(app, code), e => e.Action == "Category.Created");
        Assert.Null(created.Before);
        Assert.Equal("strasse-verkehr", TestOrgChart.Json(created.After).GetProperty("ParentCode").GetString());
        var rule = Assert.Single(await TestOrgChart.AuditAsync(app, $"{code} / Kaltenmoor"));
        Assert.Equal("ResponsibilityRule.Created", rule.Action);
        var after = TestOrgChart.Json(rule.After);
        Assert.Equal(code, after.GetProperty("CategoryCode").GetString());
        Assert.Equal("Kaltenmoor", after.GetProperty("District").GetString());
        Assert.Equal(districtUnit.Code, after.GetProperty("UnitCode").GetString());
    }

    [Fact]
    public async Task A_second_rule_for_the_same_topic_and_district_is_refused_next_to_the_district()
    {
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var code = NewCode();
        var category = await CreateTopicAsync(client, code, "Brückengeländer");
        var unit = await UnitId("7.1");
        await SubmitRuleAsync(client, category, null, unit);
        await SubmitRuleAsync(client, category, "Kaltenmoor", unit);

        var city = await PageClient.PageOf(await SubmitRuleAsync(client, category, " ", await UnitId("7.2")));
        Assert.Contains("Für „Brückengeländer“ gibt es schon eine Zuständigkeit in der ganzen Stadt. Ändern Sie diese, statt eine zweite anzulegen.", PageClient.Errors(city));
        Assert.Equal("true", city.QuerySelector("input[name='Input.District']")!.GetAttribute("aria-invalid"));

        var district = await PageClient.PageOf(await SubmitRuleAsync(client, category, "kaltenmoor", unit));
        Assert.Contains("Für „Brückengeländer“ gibt es im Stadtteil kaltenmoor schon eine Zuständigkeit. Ändern Sie diese, statt eine zweite anzulegen.", PageClient.Errors(district));
        Assert.Equal("kaltenmoor", district.QuerySelector("input[name='Input.District']")!.GetAttribute("value"));

        await using var db = app.Db();
        Assert.Equal(2, await db.ResponsibilityRules.CountAsync(r => r.CategoryId == category));
    }

    [Fact]
    public async Task A_rule_for_a_group_of_topics_is_refused()
    {
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var group = await CategoryId("strasse-verkehr");

        var page = await PageClient.PageOf(await SubmitRuleAsync(client, group, "Kaltenmoor", await UnitId("7.1")));

        Assert.Contains("Zuständigkeiten gelten für einzelne Themen, nicht für Themengruppen.", PageClient.Errors(page));
        await using var db = app.Db();
        Assert.False(await db.ResponsibilityRules.AnyAsync(r => r.CategoryId == group));
    }

    [Fact]
    public async Task A_deactivated_unit_cannot_become_responsible()
    {
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var code = NewCode();
        var category = await CreateTopicAsync(client, code);
        var closed = await TestOrgChart.AddUnitAsync(app, "Sachgebiet Aufgelöst", isActive: false);

        var page = await PageClient.PageOf(await SubmitRuleAsync(client, category, null, closed.Id));

        Assert.Contains($"Die Organisationseinheit „{closed.Code} Sachgebiet Aufgelöst“ ist deaktiviert und kann keine Anliegen bekommen.", PageClient.Errors(page));
        Assert.DoesNotContain(page.QuerySelectorAll("select[name='Input.OrgUnitId'] option"), o => o.GetAttribute("value") == closed.Id.ToString());
        await using var db = app.Db();
        Assert.False(await db.ResponsibilityRules.AnyAsync(r => r.CategoryId == category));
    }

    [Fact]
    public async Task Codes_that_are_no_valid_service_codes_or_already_taken_are_refused()
    {
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);

        var invalid = await PageClient.PageOf(await client.SubmitAsync("/intern/zustaendigkeiten/kategorie", new()
        {
            ["Input.Code"] = "Straßen Schaden",
            ["Input.Name"] = "Ungültiges Kürzel",
        }));
        Assert.Contains("Das Kürzel darf nur Kleinbuchstaben (a–z ohne Umlaute), Ziffern und Bindestriche enthalten.", PageClient.Errors(invalid));
        Assert.Equal("Straßen Schaden", invalid.QuerySelector("input[name='Input.Code']")!.GetAttribute("value"));

        var taken = await PageClient.PageOf(await client.SubmitAsync("/intern/zustaendigkeiten/kategorie", new()
        {
            ["Input.Code"] = "schlagloch",
            ["Input.Name"] = "Doppeltes Kürzel",
        }));
        Assert.Contains("Das Kürzel „schlagloch“ ist schon vergeben.", PageClient.Errors(taken));

        await using var db = app.Db();
        Assert.False(await db.Categories.AnyAsync(c => c.Name == "Ungültiges Kürzel" || c.Name == "Doppeltes Kürzel"));
    }

    [Fact]
    public async Task The_tree_keeps_two_levels()
    {
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var topic = NewCode();
        await CreateTopicAsync(client, topic, "Thema in einer Gruppe");

        // A topic cannot become the group of another topic.
        var deeper = await PageClient.PageOf(await client.SubmitAsync("/intern/zustaendigkeiten/kategorie", new()
        {
            ["Input.Code"] = NewCode(),
            ["Input.Name"] = "Zu tief",
            ["Input.ParentId"] = (await CategoryId(topic)).ToString(),
        }));
        Assert.Contains("„Thema in einer Gruppe“ ist selbst ein Thema in einer Gruppe. Themen können nur in Themengruppen der obersten Ebene liegen.", PageClient.Errors(deeper));

        // A group with topics cannot move into another group.
        var group = await CategoryId("ordnung");
        var moved = await PageClient.PageOf(await client.SubmitAsync($"/intern/zustaendigkeiten/kategorie/{group}", new()
        {
            ["Input.ParentId"] = (await CategoryId("verwaltung")).ToString(),
        }));
        Assert.Contains("Diese Themengruppe enthält Themen und kann daher nicht selbst in eine Gruppe verschoben werden.", PageClient.Errors(moved));

        // A topic of the top level with rules of its own cannot become a group.
        var standalone = NewCode();
        await client.SubmitAsync("/intern/zustaendigkeiten/kategorie", new() { ["Input.Code"] = standalone, ["Input.Name"] = "Eigenständiges Thema" });
        await SubmitRuleAsync(client, await CategoryId(standalone), null, await UnitId("7.1"));
        var grouped = await PageClient.PageOf(await client.SubmitAsync("/intern/zustaendigkeiten/kategorie", new()
        {
            ["Input.Code"] = NewCode(),
            ["Input.Name"] = "Unter einem Thema mit Zuständigkeit",
            ["Input.ParentId"] = (await CategoryId(standalone)).ToString(),
        }));
        Assert.Contains("„Eigenständiges Thema“ hat eigene Zuständigkeiten und kann deshalb keine Themengruppe werden. Entfernen Sie zuerst diese Zuständigkeiten.", PageClient.Errors(grouped));

        await using var db = app.Db();
        Assert.Null((await db.Categories.SingleAsync(c => c.Id == group)).ParentId);
        Assert.False(await db.Categories.AnyAsync(c => c.Name == "Zu tief" || c.Name == "Unter einem Thema mit Zuständigkeit"));
    }

    [Fact]
    public async Task Changing_a_rule_is_audited_with_before_and_after()
    {
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var code = NewCode();
        var category = await CreateTopicAsync(client, code);
        await SubmitRuleAsync(client, category, null, await UnitId("7.1"));
        var rule = await RuleId(code, null);

        var response = await SubmitRuleAsync(client, category, null, await UnitId("7.2"), $"/intern/zustaendigkeiten/regel/{rule}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(await UnitId("7.2"), await RouteAsync(app, category, "Kaltenmoor"));
        var changed = Assert.Single(await TestOrgChart.AuditAsync(app, code), e => e.Action == "ResponsibilityRule.Changed");
        Assert.Equal("7.1", TestOrgChart.Json(changed.Before).GetProperty("UnitCode").GetString());
        Assert.Equal("7.2", TestOrgChart.Json(changed.After).GetProperty("UnitCode").GetString());
        Assert.Equal(code, TestOrgChart.Json(changed.After).GetProperty("CategoryCode").GetString());
        Assert.Equal("Demo-Administration", changed.StaffMemberName);
    }

    [Fact]
    public async Task Removing_the_only_rule_sends_the_topic_to_triage_again()
    {
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var code = NewCode();
        var category = await CreateTopicAsync(client, code);
        await SubmitRuleAsync(client, category, null, await UnitId("7.1"));
        Assert.Equal(await UnitId("7.1"), await RouteAsync(app, category, null));
        var rule = await RuleId(code, null);

        var list = await client.FollowAsync(await client.SubmitAsync($"/intern/zustaendigkeiten/regel/{rule}", new(), button: "Zuständigkeit entfernen"));

        Assert.Contains(TriageMarker, Row(list, code).QuerySelector(".city-rule")!.TextContent);
        Assert.Equal(await UnitId("33.1"), await RouteAsync(app, category, null));
        await using (var db = app.Db())
        {
            Assert.False(await db.ResponsibilityRules.AnyAsync(r => r.Id == rule));
        }

        var removed = Assert.Single(await TestOrgChart.AuditAsync(app, code), e => e.Action == "ResponsibilityRule.Removed");
        Assert.Equal("7.1", TestOrgChart.Json(removed.Before).GetProperty("UnitCode").GetString());
        Assert.Null(removed.After);
    }

    [Fact]
    public async Task Deactivating_and_reactivating_a_topic_is_shown_and_audited()
    {
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var code = NewCode();
        var category = await CreateTopicAsync(client, code);

        var list = await client.FollowAsync(await client.SubmitAsync($"/intern/zustaendigkeiten/kategorie/{category}", new(), button: "Thema deaktivieren"));
        Assert.Contains("deaktiviert", Row(list, code).QuerySelector(".kern-badge")!.TextContent);
        await client.SubmitAsync($"/intern/zustaendigkeiten/kategorie/{category}", new(), button: "Thema wieder aktivieren");

        await using var db = app.Db();
        Assert.True((await db.Categories.SingleAsync(c => c.Id == category)).IsActive);
        var entries = await TestOrgChart.AuditAsync(app, code);
        var deactivated = Assert.Single(entries, e => e.Action == "Category.Deactivated");
        Assert.True(TestOrgChart.Json(deactivated.Before).GetProperty("IsActive").GetBoolean());
        Assert.False(TestOrgChart.Json(deactivated.After).GetProperty("IsActive").GetBoolean());
        Assert.Single(entries, e => e.Action == "Category.Reactivated");
    }

    [Fact]
    public async Task Administrators_find_the_page_in_the_menu_and_on_the_start_page()
    {
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);

        var home = await client.GetPageAsync("/intern");

        Assert.NotNull(home.QuerySelector("header nav a[href='/intern/zustaendigkeiten']"));
        Assert.NotNull(home.QuerySelector("main a[href='/intern/zustaendigkeiten']"));
    }

    [Fact]
    public async Task Case_workers_get_access_denied()
    {
        using var client = await app.LoggedInAsync(DemoAccounts.CaseWorker);
        var rule = await RuleId("schlagloch", null);

        await client.AssertAccessDeniedAsync(List);
        await client.AssertAccessDeniedAsync($"/intern/zustaendigkeiten/kategorie/{await CategoryId("schlagloch")}");
        await client.AssertAccessDeniedAsync($"/intern/zustaendigkeiten/regel/{rule}");
        Assert.Null((await client.GetPageAsync("/intern")).QuerySelector("a[href='/intern/zustaendigkeiten']"));
    }
}

[Collection(nameof(SqliteApp))]
public sealed class ResponsibilityRuleTests_Sqlite(SqliteApp app) : ResponsibilityRuleTests(app);

[Collection(nameof(PostgresApp))]
public sealed class ResponsibilityRuleTests_PostgreSql(PostgresApp app) : ResponsibilityRuleTests(app);
