using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Rathaus.Platform.OrgChart;
using Rathaus.Tests.Infrastructure;
using static Rathaus.Tests.Platform.OrgChart.TestOrgChart;

namespace Rathaus.Tests.Platform.OrgChart.Positions;

public abstract class PositionTests(RathausApp app)
{
    [Fact]
    public async Task Administrator_creates_a_lead_position_with_roles_that_appears_in_its_unit()
    {
        var unit = await AddUnitAsync(app, "Sachgebiet Brückenbau");
        var mailbox = $"brueckenbau-{Suffix()}@{MailDomain}";
        using var admin = await app.LoggedInAsync(DemoAccounts.Admin);

        var form = await admin.GetPageAsync($"/intern/organisation/stelle?einheit={unit.Id}");
        Assert.Equal(Id(unit), form.QuerySelector<IHtmlSelectElement>("select[name='Input.OrgUnitId']")!.Value);
        form.QuerySelector<IHtmlInputElement>("#Input_Roles_Mailroom")!.IsChecked = true;
        var response = await admin.SubmitAsync(form, $"/intern/organisation/stelle?einheit={unit.Id}", new()
        {
            ["Input.Title"] = "Leitung Brückenbau",
            ["Input.Mailbox"] = mailbox,
            ["Input.IsLead"] = "true",
        });

        var page = await admin.FollowAsync(response);
        Assert.Contains("Die Stelle „Leitung Brückenbau“ wurde gespeichert.", page.QuerySelector("[role=status]")!.TextContent);
        await using (var db = app.Db())
        {
            var position = await db.Positions.SingleAsync(p => p.Mailbox == mailbox);
            Assert.Equal(unit.Id, position.OrgUnitId);
            Assert.True(position.IsLead);
            Assert.Equal(PositionRole.CaseWork | PositionRole.Mailroom, position.Roles);
        }

        var unitPage = await admin.GetPageAsync($"/intern/organisation/einheit/{unit.Id}");
        Assert.Contains("Leitung Brückenbau", unitPage.QuerySelector("main")!.TextContent);
        var row = Row(await admin.GetPageAsync($"/intern/organisation/stellen?einheit={unit.Id}"), "Leitung Brückenbau");
        Assert.Equal([unit.Code, "Leitung Brückenbau", mailbox, "ja", "Poststelle, Sachbearbeitung", "unbesetzt", "aktiv"], Cells(row));

        var created = Assert.Single(await AuditAsync(app, mailbox));
        Assert.Equal("Position.Created", created.Action);
        Assert.Null(created.Before);
        Assert.Equal(unit.Id, Json(created.After).GetProperty("OrgUnitId").GetInt32());
    }

    [Fact]
    public async Task Mailbox_of_another_position_is_refused_next_to_the_field_whatever_its_case_and_the_typed_values_stay()
    {
        var unit = await AddUnitAsync(app, "Sachgebiet Postfachprüfung");
        var existing = await AddPositionAsync(app, unit, "Sachbearbeitung Brücken");
        var typed = existing.Mailbox.ToUpperInvariant();
        using var admin = await app.LoggedInAsync(DemoAccounts.Admin);

        var page = await RefusedAsync(admin, "/intern/organisation/stelle", new()
        {
            ["Input.Title"] = "Zweite Stelle Brücken",
            ["Input.Mailbox"] = typed,
            ["Input.OrgUnitId"] = Id(unit),
        });

        Assert.Equal($"Die Postfach-Adresse „{typed}“ gehört schon zur Stelle „Sachbearbeitung Brücken“.", ErrorAt(page, "Input_Mailbox"));
        Assert.Equal("Zweite Stelle Brücken", page.QuerySelector("#Input_Title")!.GetAttribute("value"));
        Assert.Equal(typed, page.QuerySelector("#Input_Mailbox")!.GetAttribute("value"));
        Assert.Equal(Id(unit), page.QuerySelector<IHtmlSelectElement>("#Input_OrgUnitId")!.Value);
        await using var db = app.Db();
        Assert.False(await db.Positions.AnyAsync(p => p.Title == "Zweite Stelle Brücken"));
    }

    [Fact]
    public async Task Position_without_a_unit_is_refused_and_not_stored()
    {
        var mailbox = $"ohne-einheit-{Suffix()}@{MailDomain}";
        using var admin = await app.LoggedInAsync(DemoAccounts.Admin);

        var page = await RefusedAsync(admin, "/intern/organisation/stelle", new()
        {
            ["Input.Title"] = "Stelle ohne Einheit",
            ["Input.Mailbox"] = mailbox,
            ["Input.OrgUnitId"] = "",
        });

        Assert.Equal("Eine Stelle gehört immer zu einer Organisationseinheit. Bitte wählen Sie eine aus.", ErrorAt(page, "Input_OrgUnitId"));
        Assert.NotNull(page.QuerySelector(".kern-alert--danger a[href='#Input_OrgUnitId']"));
        await using var db = app.Db();
        Assert.False(await db.Positions.AnyAsync(p => p.Mailbox == mailbox));
    }

    [Fact]
    public async Task Unknown_or_deactivated_unit_and_a_malformed_mailbox_are_refused()
    {
        var closed = await AddUnitAsync(app, "Sachgebiet Aufgelöst", isActive: false);
        using var admin = await app.LoggedInAsync(DemoAccounts.Admin);

        var page = await RefusedAsync(admin, "/intern/organisation/stelle", new()
        {
            ["Input.Title"] = "Stelle in aufgelöster Einheit",
            ["Input.Mailbox"] = "kein-postfach",
            ["Input.OrgUnitId"] = Id(closed),
        });
        Assert.Equal("Die Organisationseinheit „Sachgebiet Aufgelöst“ ist deaktiviert und bekommt keine neuen Stellen.", ErrorAt(page, "Input_OrgUnitId"));
        Assert.Equal("Die Adresse des Funktionspostfachs ist keine gültige E-Mail-Adresse.", ErrorAt(page, "Input_Mailbox"));

        page = await RefusedAsync(admin, "/intern/organisation/stelle", new()
        {
            ["Input.Title"] = "Stelle in erfundener Einheit",
            ["Input.Mailbox"] = $"erfunden-{Suffix()}@{MailDomain}",
            ["Input.OrgUnitId"] = "987654",
        });
        Assert.Equal("Die gewählte Organisationseinheit gibt es nicht.", ErrorAt(page, "Input_OrgUnitId"));
    }

    [Fact]
    public async Task Moving_a_position_to_another_unit_is_audited_with_the_old_and_new_unit()
    {
        var from = await AddUnitAsync(app, "Sachgebiet Alt");
        var to = await AddUnitAsync(app, "Sachgebiet Neu");
        var position = await AddPositionAsync(app, from, "Sachbearbeitung Umzug");
        using var admin = await app.LoggedInAsync(DemoAccounts.Admin);

        var response = await admin.SubmitAsync($"/intern/organisation/stelle/{position.Id}", new() { ["Input.OrgUnitId"] = Id(to) });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using (var db = app.Db())
        {
            Assert.Equal(to.Id, (await db.Positions.SingleAsync(p => p.Id == position.Id)).OrgUnitId);
        }

        var moved = Assert.Single(await AuditAsync(app, position.Mailbox));
        Assert.Equal("Position.Moved", moved.Action);
        Assert.Equal("Demo-Administration", moved.StaffMemberName);
        Assert.Equal(from.Id, Json(moved.Before).GetProperty("OrgUnitId").GetInt32());
        Assert.Equal(to.Id, Json(moved.After).GetProperty("OrgUnitId").GetInt32());
        Assert.Contains("Sachbearbeitung Umzug", (await admin.GetPageAsync($"/intern/organisation/einheit/{to.Id}")).QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("Sachbearbeitung Umzug", (await admin.GetPageAsync($"/intern/organisation/einheit/{from.Id}")).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Unchecking_all_roles_and_the_lead_flag_is_stored_as_a_change()
    {
        var unit = await AddUnitAsync(app, "Sachgebiet Rollenprüfung");
        var position = await AddPositionAsync(app, unit, "Leitung Rollenprüfung", PositionRole.CaseWork | PositionRole.Administrator, isLead: true);
        using var admin = await app.LoggedInAsync(DemoAccounts.Admin);

        var form = await admin.GetPageAsync($"/intern/organisation/stelle/{position.Id}");
        Assert.True(form.QuerySelector<IHtmlInputElement>("#Input_IsLead")!.IsChecked);
        foreach (var box in form.QuerySelectorAll<IHtmlInputElement>("input[name='Input.Roles'], #Input_IsLead"))
        {
            box.IsChecked = false;
        }

        var response = await admin.SubmitAsync(form, $"/intern/organisation/stelle/{position.Id}", new() { ["Input.Title"] = "Stelle ohne Rollen" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Db();
        var stored = await db.Positions.SingleAsync(p => p.Id == position.Id);
        Assert.Equal(("Stelle ohne Rollen", PositionRole.None, false), (stored.Title, stored.Roles, stored.IsLead));
        var changed = Assert.Single(await AuditAsync(app, position.Mailbox));
        Assert.Equal("Position.Changed", changed.Action);
        Assert.Equal("Administrator, CaseWork", Json(changed.Before).GetProperty("Roles").GetString());
        Assert.Equal("None", Json(changed.After).GetProperty("Roles").GetString());
    }

    [Fact]
    public async Task Deactivated_position_is_marked_and_can_be_reactivated_both_audited()
    {
        var unit = await AddUnitAsync(app, "Sachgebiet Befristet");
        var position = await AddPositionAsync(app, unit, "Projektstelle Klimaanpassung");
        using var admin = await app.LoggedInAsync(DemoAccounts.Admin);
        var url = $"/intern/organisation/stelle/{position.Id}";

        var page = await admin.FollowAsync(await admin.SubmitAsync(url, new(), button: "Stelle deaktivieren"));
        Assert.Contains("Diese Stelle ist deaktiviert.", page.QuerySelector(".kern-alert--warning")!.TextContent);
        Assert.Equal("deaktiviert", Cells(Row(await admin.GetPageAsync($"/intern/organisation/stellen?einheit={unit.Id}"), "Projektstelle Klimaanpassung"))[^1]);

        page = await admin.FollowAsync(await admin.SubmitAsync(url, new(), button: "Stelle wieder aktivieren"));
        Assert.Null(page.QuerySelector(".kern-alert--warning"));
        await using (var db = app.Db())
        {
            Assert.True((await db.Positions.SingleAsync(p => p.Id == position.Id)).IsActive);
        }

        var audit = await AuditAsync(app, position.Mailbox);
        Assert.Equal(["Position.Deactivated", "Position.Reactivated"], audit.Select(e => e.Action));
        Assert.False(Json(audit[0].After).GetProperty("IsActive").GetBoolean());
        Assert.True(Json(audit[1].After).GetProperty("IsActive").GetBoolean());
    }

    [Fact]
    public async Task Position_list_filters_by_unit_and_by_text_in_title_or_mailbox()
    {
        var unit = await AddUnitAsync(app, "Sachgebiet Filter");
        await AddPositionAsync(app, unit, "Sachbearbeitung Friedhöfe");
        var other = await AddPositionAsync(app, unit, "Sachbearbeitung Märkte");
        using var admin = await app.LoggedInAsync(DemoAccounts.Admin);

        var all = await admin.GetPageAsync($"/intern/organisation/stellen?einheit={unit.Id}");
        Assert.Equal(2, all.QuerySelectorAll("tbody tr").Length);

        var byTitle = await admin.GetPageAsync($"/intern/organisation/stellen?einheit={unit.Id}&suche=FRIEDHÖFE");
        Assert.Equal(["Sachbearbeitung Friedhöfe"], byTitle.QuerySelectorAll("tbody tr td:nth-child(2)").Select(c => c.TextContent.Trim()));

        var byMailbox = await admin.GetPageAsync($"/intern/organisation/stellen?suche={Uri.EscapeDataString(other.Mailbox)}");
        Assert.Equal(["Sachbearbeitung Märkte"], byMailbox.QuerySelectorAll("tbody tr td:nth-child(2)").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task Case_worker_is_denied_the_position_pages()
    {
        using var client = await app.LoggedInAsync(DemoAccounts.CaseWorker);
        foreach (var url in new[] { "/intern/organisation/stellen", "/intern/organisation/stelle" })
        {
            await client.AssertAccessDeniedAsync(url);
        }
    }

    private static async Task<IDocument> RefusedAsync(PageClient client, string url, Dictionary<string, string?> values)
    {
        var response = await client.SubmitAsync(url, values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PageClient.PageOf(response);
    }

    /// <summary>The error shown inside the field's own block, not only in the summary.</summary>
    private static string? ErrorAt(IDocument page, string fieldId) =>
        page.QuerySelector($"#{fieldId}")!.Closest(".kern-form-input, .kern-form-check")!.QuerySelector(".kern-error")?.TextContent.Trim();

    private static IElement Row(IDocument page, string title) =>
        page.QuerySelectorAll("tbody tr").Single(r => r.QuerySelectorAll("td")[1].TextContent.Trim() == title);

    private static List<string> Cells(IElement row) => row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();

    private static string Id(OrgUnit unit) => unit.Id.ToString(CultureInfo.InvariantCulture);
}

[Collection(nameof(SqliteApp))]
public sealed class PositionTests_Sqlite(SqliteApp app) : PositionTests(app);

[Collection(nameof(PostgresApp))]
public sealed class PositionTests_PostgreSql(PostgresApp app) : PositionTests(app);
