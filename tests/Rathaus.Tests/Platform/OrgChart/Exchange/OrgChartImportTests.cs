using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Platform.OrgChart;
using Rathaus.Platform.OrgChart.Exchange;
using Rathaus.Tests.Infrastructure;
using static Rathaus.Tests.Platform.OrgChart.Exchange.ExchangeFiles;

namespace Rathaus.Tests.Platform.OrgChart.Exchange;

public abstract class OrgChartImportTests(RathausApp app)
{
    private async Task<ExportedFile> ExportAsync(ExchangeFormat format)
    {
        Assert.SkipWhen(app.SkipReason is not null, app.SkipReason ?? "");
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OrgChartExport>().ExportAsync(format);
    }

    [Theory]
    [InlineData(ExchangeFormat.Csv)]
    [InlineData(ExchangeFormat.Json)]
    public async Task Importing_an_unchanged_export_changes_nothing(ExchangeFormat format)
    {
        var export = await ExportAsync(format);

        var result = await ImportAsync(app, export.FileName, export.Content);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.All(result.Counts, c => Assert.Equal((c.Kind, 0, 0), (c.Kind, c.Created, c.Changed)));
        var units = result.Counts.Single(c => c.Kind == "units");
        Assert.True(units.Unchanged >= 24, $"{units.Unchanged} units unchanged");
        Assert.True(result.Counts.Single(c => c.Kind == "substitutions").Unchanged >= 4);
        await using var db = app.Db();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.EntityKey == "7.1" && e.Action.StartsWith("OrgUnit.")));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "OrgChart.Imported" && e.EntityKey == export.FileName));
    }

    [Fact]
    public async Task Csv_upload_adds_a_unit_under_7_with_a_position_and_a_staff_member_holding_it()
    {
        var id = TestOrgChart.Suffix();
        var (code, mailbox, userName) = ($"7.9-{id}", Mailbox("bruecken-" + id), "b." + id);
        var file = Csv(
            Row("Beschaeftigte", ("Benutzername", userName), ("Name", "Bettina Brückner"), ("EMail", $"{userName}@{TestOrgChart.MailDomain}"), ("Stellen", mailbox)),
            Row("Stelle", ("Postfach", mailbox), ("Name", "Sachbearbeitung Brücken; Tunnel"), ("Einheit", code), ("Leitung", "ja"), ("Rollen", "CaseWork, Mailroom")),
            Row("Einheit", ("Kuerzel", code), ("Name", "Sachgebiet Brücken"), ("Art", "Team"), ("Uebergeordnet", "7"), ("Standort", "TR")));
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);

        var response = await UploadAsync(client, $"neu-{id}.csv", file);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageClient.PageOf(response);
        Assert.Contains($"„neu-{id}.csv“ wurde importiert", page.QuerySelector("[role=status]")!.TextContent);
        var summary = page.QuerySelectorAll("main table tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray());
        Assert.Equal(["1", "0"], summary["Organisationseinheiten"][..2]);
        Assert.Equal(["1", "0"], summary["Stellen"][..2]);
        Assert.Equal(["1", "0"], summary["Beschäftigte"][..2]);

        await using var db = app.Db();
        var unit = await db.OrgUnits.Include(u => u.Parent).Include(u => u.Site).SingleAsync(u => u.Code == code);
        Assert.Equal(("7", "TR", OrgUnitKind.Team, true), (unit.Parent!.Code, unit.Site!.Code, unit.Kind, unit.IsActive));
        var position = await db.Positions.Include(p => p.Holders).SingleAsync(p => p.Mailbox == mailbox);
        Assert.Equal((unit.Id, "Sachbearbeitung Brücken; Tunnel", true, PositionRole.CaseWork | PositionRole.Mailroom), (position.OrgUnitId, position.Title, position.IsLead, position.Roles));
        var staff = Assert.Single(position.Holders);
        Assert.Equal((userName, "Bettina Brückner", true), (staff.UserName, staff.DisplayName, staff.IsActive));
        Assert.Null(staff.PasswordHash); // cannot log in until an administrator sets a password
        Assert.Equal(userName.ToUpperInvariant(), staff.NormalizedUserName);

        Assert.Contains(await TestOrgChart.AuditAsync(app, code), e => e.Action == "OrgUnit.Created" && e.After!.Contains("\"ParentCode\":\"7\"", StringComparison.Ordinal));
        Assert.Contains(await TestOrgChart.AuditAsync(app, mailbox), e => e.Action == "Position.Created" && e.StaffMemberName == "Demo-Administration");
        Assert.Contains(await TestOrgChart.AuditAsync(app, userName), e => e.Action == "StaffMember.Created" && e.After!.Contains(mailbox, StringComparison.Ordinal));
        var imported = Assert.Single(await TestOrgChart.AuditAsync(app, $"neu-{id}.csv"));
        Assert.Equal("OrgChart.Imported", imported.Action);
    }

    [Fact]
    public async Task A_second_import_updates_and_deactivates_but_never_deletes()
    {
        var id = TestOrgChart.Suffix();
        var (code, mailbox, userName) = ($"U-{id}", Mailbox("p-" + id), "s." + id);
        var first = await ImportAsync(app, $"erst-{id}.csv", Csv(
            Unit(code, "7"),
            Position(mailbox, code),
            Row("Beschaeftigte", ("Benutzername", userName), ("Name", "Sven Sommer"), ("Stellen", mailbox))));
        Assert.True(first.Succeeded, string.Join("\n", first.Problems));

        var json = $$"""
            {
              "format": "rathaus-orgchart", "version": 1,
              "units": [ { "code": "{{code}}", "name": "Sachgebiet Test (aufgelöst)", "kind": "Team", "parent": "7", "site": null, "active": false } ],
              "staff": [ { "userName": "{{userName.ToUpperInvariant()}}", "displayName": "Sven Sommer", "email": null, "positions": [], "active": true } ]
            }
            """;
        var second = await ImportAsync(app, $"zweit-{id}.json", json);

        Assert.True(second.Succeeded, string.Join("\n", second.Problems));
        Assert.Equal((0, 1, 0), Counts(second, "units"));
        Assert.Equal((0, 1, 0), Counts(second, "staff"));
        Assert.Equal((0, 0, 0), Counts(second, "positions"));
        await using var db = app.Db();
        var unit = await db.OrgUnits.SingleAsync(u => u.Code == code);
        Assert.Equal(("Sachgebiet Test (aufgelöst)", false), (unit.Name, unit.IsActive));
        Assert.True(await db.Positions.AnyAsync(p => p.Mailbox == mailbox), "a position missing from the file stays");
        var staff = await db.StaffMembers.Include(s => s.Positions).SingleAsync(s => s.NormalizedUserName == userName.ToUpperInvariant());
        Assert.Empty(staff.Positions);
        var deactivated = (await TestOrgChart.AuditAsync(app, code)).Last();
        Assert.Equal("OrgUnit.Deactivated", deactivated.Action);
        Assert.Contains("Sachgebiet Test\"", deactivated.Before, StringComparison.Ordinal);
        Assert.Contains("(aufgelöst)", deactivated.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_staff_member_stored_without_a_normalized_user_name_is_updated_not_duplicated()
    {
        var userName = "n." + TestOrgChart.Suffix();
        await using (var arrange = app.Db())
        {
            arrange.StaffMembers.Add(new StaffMember { Id = Guid.NewGuid(), UserName = userName, DisplayName = "Nora Neu", SecurityStamp = "x" });
            await arrange.SaveChangesAsync();
        }

        var result = await ImportAsync(app, $"ohne-{userName}.csv", Csv(Row("Beschaeftigte", ("Benutzername", userName), ("Name", "Nora Neumann"))));

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal((0, 1), (Counts(result, "staff").Created, Counts(result, "staff").Changed));
        await using var db = app.Db();
        var staff = await db.StaffMembers.SingleAsync(s => s.UserName == userName);
        Assert.Equal(("Nora Neumann", userName.ToUpperInvariant()), (staff.DisplayName, staff.NormalizedUserName));
    }

    [Fact]
    public async Task An_upload_with_errors_shows_every_error_with_row_and_field_and_stores_nothing()
    {
        var id = TestOrgChart.Suffix();
        var file = Csv(
            Site($"S-{id}"),
            Unit($"U-{id}", "7", site: $"S-{id}"),
            Position(Mailbox("p-" + id), ""),
            Substitution(Mailbox("p-" + id), Mailbox("p-" + id), "2027-03-01"));
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);

        var response = await UploadAsync(client, $"fehler-{id}.csv", file);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageClient.PageOf(response);
        Assert.Contains("wurde nicht importiert. Es wurde nichts geändert.", page.QuerySelector("[role=alert]")!.TextContent);
        var table = page.QuerySelector("table#importfehler")!;
        Assert.Equal(["Zeile", "Feld", "Meldung"], table.QuerySelectorAll("thead th").Select(h => h.TextContent.Trim()));
        var rows = table.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Contains(rows, r => r[0] == "4" && r[1] == "Einheit" && r[2].Contains("Organisationseinheit der Stelle", StringComparison.Ordinal));
        Assert.Contains(rows, r => r[0] == "5" && r[1] == "Vertretung" && r[2] == "Eine Stelle kann sich nicht selbst vertreten.");

        await using var db = app.Db();
        Assert.False(await db.Sites.AnyAsync(s => s.Code == $"S-{id}"));
        Assert.False(await db.OrgUnits.AnyAsync(u => u.Code == $"U-{id}"));
        Assert.Empty(await TestOrgChart.AuditAsync(app, $"fehler-{id}.csv"));
    }

    [Fact]
    public async Task Uploading_without_a_file_asks_for_one()
    {
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var page = await client.GetPageAsync(ExchangePage);
        var token = page.QuerySelector("main form[enctype='multipart/form-data'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await client.Http.PostAsync(ExchangePage, new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } });

        Assert.Contains("Bitte wählen Sie eine CSV- oder JSON-Datei aus.", PageClient.Errors(await PageClient.PageOf(response)));
    }

    [Fact]
    public async Task Json_rows_are_named_by_section_and_index()
    {
        var id = TestOrgChart.Suffix();
        var json = $$"""
            { "format": "rathaus-orgchart", "version": 1,
              "units": [
                { "code": "A-{{id}}", "name": "A", "kind": "Team", "parent": "7" },
                { "code": "B-{{id}}", "name": "B", "kind": "Referat", "parent": "Z-{{id}}", "colour": "blau" } ] }
            """;

        var result = await ImportAsync(app, $"abschnitt-{id}.json", Encoding.UTF8.GetBytes(json));

        Assert.Contains("„Referat“", ProblemAt(result, "units[1]", "kind").Message, StringComparison.Ordinal);
        Assert.Contains("„Z-", ProblemAt(result, "units[1]", "parent").Message, StringComparison.Ordinal);
        ProblemAt(result, "units[1]", "colour");
        Assert.Equal(3, result.Problems.Count);
        await using var db = app.Db();
        Assert.False(await db.OrgUnits.AnyAsync(u => u.Code == $"A-{id}"));
    }

    private static (int Created, int Changed, int Unchanged) Counts(ImportResult result, string kind)
    {
        var count = result.Counts.Single(c => c.Kind == kind);
        return (count.Created, count.Changed, count.Unchanged);
    }
}

[Collection(nameof(SqliteApp))]
public sealed class OrgChartImportTests_Sqlite(SqliteApp app) : OrgChartImportTests(app);

[Collection(nameof(PostgresApp))]
public sealed class OrgChartImportTests_PostgreSql(PostgresApp app) : OrgChartImportTests(app);
