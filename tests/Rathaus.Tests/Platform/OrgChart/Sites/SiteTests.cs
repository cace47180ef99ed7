using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Rathaus.Platform.OrgChart;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Platform.OrgChart.Sites;

public abstract class SiteTests(RathausApp app)
{
    private const string WrongPostalCode = "Die Postleitzahl muss aus genau fünf Ziffern bestehen, zum Beispiel 21335.";

    [Fact]
    public async Task A_new_site_is_stored_listed_with_its_address_and_audited()
    {
        var code = Code();
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var response = await client.SubmitAsync("/intern/organisation/standort", new()
        {
            ["Input.Code"] = code,
            ["Input.Name"] = $"Bürgerbüro Ochtmissen {code}",
            ["Input.Street"] = "Dorfstraße 4",
            ["Input.PostalCode"] = "21339",
            ["Input.City"] = "Lüneburg",
            ["Input.OpeningHours"] = "Di 9:00–12:00",
        });

        var list = await client.FollowAsync(response);
        Assert.Contains($"Der Standort „Bürgerbüro Ochtmissen {code}“ wurde gespeichert.", list.QuerySelector("[role=status]")!.TextContent);
        var row = Row(list, code);
        Assert.Contains("Dorfstraße 4, 21339 Lüneburg", row.TextContent);
        Assert.Contains("Di 9:00–12:00", row.TextContent);
        Assert.Contains("aktiv", row.TextContent);

        await using var db = app.Db();
        var site = await db.Sites.SingleAsync(s => s.Code == code);
        Assert.Equal("21339", site.PostalCode);
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == "Site.Created" && e.EntityKey == code);
        Assert.Null(entry.Before);
        Assert.Contains("Dorfstraße 4", entry.After);
        Assert.Equal("Demo-Administration", entry.StaffMemberName);
    }

    [Fact]
    public async Task A_new_site_with_a_four_digit_postal_code_is_refused_next_to_the_field_and_keeps_what_was_typed()
    {
        var code = Code();
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var response = await client.SubmitAsync("/intern/organisation/standort", new()
        {
            ["Input.Code"] = code,
            ["Input.Name"] = "Außenstelle Hagen",
            ["Input.Street"] = "Hagener Straße 1",
            ["Input.PostalCode"] = "2133",
            ["Input.City"] = "Lüneburg",
            ["Input.OpeningHours"] = "Mo 8:00–12:00",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageClient.PageOf(response);
        Assert.Equal(WrongPostalCode, ErrorAt(page, "PostalCode"));
        Assert.Single(PageClient.Errors(page));
        Assert.Equal("2133", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_PostalCode")!.Value);
        Assert.Equal("Außenstelle Hagen", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Name")!.Value);
        Assert.Equal("Mo 8:00–12:00", page.QuerySelector<AngleSharp.Html.Dom.IHtmlTextAreaElement>("#Input_OpeningHours")!.Value);

        await using var db = app.Db();
        Assert.False(await db.Sites.AnyAsync(s => s.Code == code));
    }

    [Fact]
    public async Task Editing_a_site_with_letters_in_the_postal_code_is_refused_and_changes_nothing()
    {
        var site = await CreateSiteAsync();
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var response = await client.SubmitAsync($"/intern/organisation/standort/{site.Id}", new()
        {
            ["Input.Street"] = "Neue Straße 9",
            ["Input.PostalCode"] = "2133a",
        });

        var page = await PageClient.PageOf(response);
        Assert.Equal(WrongPostalCode, ErrorAt(page, "PostalCode"));
        Assert.Equal("2133a", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_PostalCode")!.Value);
        Assert.Equal("Neue Straße 9", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Street")!.Value);

        await using var db = app.Db();
        var stored = await db.Sites.SingleAsync(s => s.Id == site.Id);
        Assert.Equal(("Am Sande 1", "21335"), (stored.Street, stored.PostalCode));
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == "Site.Changed" && e.EntityKey == site.Code));
    }

    [Fact]
    public async Task Editing_a_site_is_audited_with_before_and_after()
    {
        var site = await CreateSiteAsync();
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var response = await client.SubmitAsync($"/intern/organisation/standort/{site.Id}", new() { ["Input.Street"] = "Am Sande 2" });
        await client.FollowAsync(response);

        await using var db = app.Db();
        Assert.Equal("Am Sande 2", (await db.Sites.SingleAsync(s => s.Id == site.Id)).Street);
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == "Site.Changed" && e.EntityKey == site.Code);
        Assert.Contains("Am Sande 1", entry.Before);
        Assert.Contains("Am Sande 2", entry.After);
    }

    [Fact]
    public async Task A_code_another_site_has_is_refused_next_to_the_code()
    {
        var site = await CreateSiteAsync();
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var response = await client.SubmitAsync("/intern/organisation/standort", new()
        {
            ["Input.Code"] = site.Code,
            ["Input.Name"] = "Doppelt",
            ["Input.Street"] = "Am Sande 3",
            ["Input.PostalCode"] = "21335",
            ["Input.City"] = "Lüneburg",
        });

        Assert.Equal($"Das Kürzel „{site.Code}“ hat schon ein anderer Standort.", ErrorAt(await PageClient.PageOf(response), "Code"));
    }

    [Fact]
    public async Task A_site_cannot_be_deactivated_while_active_units_sit_there()
    {
        var site = await CreateSiteAsync();
        await using (var db = app.Db())
        {
            db.OrgUnits.AddRange(Unit(site, active: true), Unit(site, active: true), Unit(site, active: false));
            await db.SaveChangesAsync();
        }

        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        Assert.Equal("2", Row(await client.GetPageAsync("/intern/organisation/standorte"), site.Code).QuerySelector("td.kern-table__cell--numeric")!.TextContent.Trim());

        var response = await client.SubmitAsync($"/intern/organisation/standort/{site.Id}", new(), button: "Standort deaktivieren");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageClient.PageOf(response);
        Assert.Contains($"Der Standort „{site.Name}“ kann nicht deaktiviert werden, weil dort noch 2 aktive Organisationseinheiten sitzen.", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(site.Code, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Code")!.Value);
        await using var check = app.Db();
        Assert.True((await check.Sites.SingleAsync(s => s.Id == site.Id)).IsActive);
        Assert.False(await check.AuditEntries.AnyAsync(e => e.Action == "Site.Deactivated" && e.EntityKey == site.Code));
    }

    [Fact]
    public async Task A_site_without_active_units_is_deactivated_and_reactivated_with_audit_entries()
    {
        var site = await CreateSiteAsync();
        await using (var db = app.Db())
        {
            db.OrgUnits.Add(Unit(site, active: false));
            await db.SaveChangesAsync();
        }

        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var list = await client.FollowAsync(await client.SubmitAsync($"/intern/organisation/standort/{site.Id}", new(), button: "Standort deaktivieren"));
        Assert.Contains("deaktiviert", Row(list, site.Code).TextContent);
        Assert.DoesNotContain(site.Name, (await client.GetPageAsync("/")).Body!.TextContent);

        await client.FollowAsync(await client.SubmitAsync($"/intern/organisation/standort/{site.Id}", new(), button: "Standort wieder aktivieren"));

        await using var check = app.Db();
        Assert.True((await check.Sites.SingleAsync(s => s.Id == site.Id)).IsActive);
        var actions = await check.AuditEntries.Where(e => e.EntityType == "Site" && e.EntityKey == site.Code).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
        Assert.Equal(["Site.Deactivated", "Site.Reactivated"], actions);
    }

    private static string Code() => "T" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private async Task<Site> CreateSiteAsync()
    {
        var code = Code();
        var site = new Site { Code = code, Name = $"Außenstelle {code}", Street = "Am Sande 1", PostalCode = "21335", City = "Lüneburg" };
        await using var db = app.Db();
        db.Sites.Add(site);
        await db.SaveChangesAsync();
        return site;
    }

    private static OrgUnit Unit(Site site, bool active) =>
        new() { Code = Code(), Name = "Testeinheit", Kind = OrgUnitKind.Team, SiteId = site.Id, IsActive = active };

    private static IElement Row(IDocument page, string code) =>
        page.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("td")!.TextContent.Trim() == code);

    private static string? ErrorAt(IDocument page, string field) =>
        page.GetElementById("Input_" + field)?.Closest(".kern-form-input")?.QuerySelector(".kern-error")?.TextContent.Trim();
}

[Collection(nameof(SqliteApp))]
public sealed class SiteTests_Sqlite(SqliteApp app) : SiteTests(app);

[Collection(nameof(PostgresApp))]
public sealed class SiteTests_PostgreSql(PostgresApp app) : SiteTests(app);
