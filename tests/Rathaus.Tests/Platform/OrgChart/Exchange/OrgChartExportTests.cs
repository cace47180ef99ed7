using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Platform.OrgChart.Exchange;

public abstract class OrgChartExportTests(RathausApp app)
{
    private static readonly string Today = DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<(HttpResponseMessage Response, byte[] Content)> DownloadAsync(string format)
    {
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var page = await client.GetPageAsync(ExchangeFiles.ExchangePage);
        var link = page.QuerySelectorAll("main a[download]").Single(a => a.GetAttribute("href")!.EndsWith("/" + format, StringComparison.Ordinal));
        var response = await client.Http.GetAsync(link.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Csv_export_is_one_excel_file_with_the_demo_units_positions_and_staff()
    {
        var (response, content) = await DownloadAsync("csv");

        Assert.Equal($"organigramm-{Today}.csv", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), content[..3]);
        var text = Encoding.UTF8.GetString(content[3..]);
        Assert.StartsWith(ExchangeFiles.CsvHeader + "\r\n", text, StringComparison.Ordinal);

        using var csv = CsvReader.Create(content, new CsvReaderOptions { Separator = ';' });
        var rows = new List<Dictionary<string, string?>>();
        while (csv.Read())
        {
            rows.Add(csv.Current.ToDictionary());
        }

        var unit = rows.Single(r => r["Satzart"] == "Einheit" && r["Kuerzel"] == "7.1");
        Assert.Equal(("Bereich Straßenunterhaltung", "Section", "7", "TR", "ja"), (unit["Name"], unit["Art"], unit["Uebergeordnet"], unit["Standort"], unit["Aktiv"]));
        Assert.Equal("", unit["Postfach"]);

        var position = rows.Single(r => r["Satzart"] == "Stelle" && r["Postfach"] == "strassen@rathaus-lueneburg.example");
        Assert.Equal(("Sachbearbeitung Straßenunterhaltung", "7.1", "nein", "CaseWork"), (position["Name"], position["Einheit"], position["Leitung"], position["Rollen"]));

        var staff = rows.Single(r => r["Satzart"] == "Beschaeftigte" && r["Benutzername"] == "l.hoppe");
        Assert.Equal(("Lars Hoppe", "l.hoppe@rathaus-lueneburg.example", "strassen@rathaus-lueneburg.example"), (staff["Name"], staff["EMail"], staff["Stellen"]));

        var substitution = rows.Single(r => r["Satzart"] == "Vertretung" && r["Stelle"] == "fb7.leitung@rathaus-lueneburg.example");
        Assert.Equal("strassen.leitung@rathaus-lueneburg.example", substitution["Vertretung"]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", substitution["Von"]);

        Assert.Contains(rows, r => r["Satzart"] == "Standort" && r["Kuerzel"] == "RH" && r["Strasse"] == "Am Ochsenmarkt 1");
    }

    [Fact]
    public async Task Json_export_has_camel_case_fields_enum_names_and_plain_dates()
    {
        var (response, content) = await DownloadAsync("json");

        Assert.Equal($"organigramm-{Today}.json", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(content);
        var root = json.RootElement;
        Assert.Equal("rathaus-orgchart", root.GetProperty("format").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.True(root.GetProperty("exportedAt").TryGetDateTime(out _));

        var unit = root.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("code").GetString() == "7.1");
        Assert.Equal("Division", root.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("code").GetString() == "7").GetProperty("kind").GetString());
        Assert.Equal(("Section", "7", "TR", true), (unit.GetProperty("kind").GetString(), unit.GetProperty("parent").GetString(), unit.GetProperty("site").GetString(), unit.GetProperty("active").GetBoolean()));

        var position = root.GetProperty("positions").EnumerateArray().Single(p => p.GetProperty("mailbox").GetString() == "ratsbuero@rathaus-lueneburg.example");
        Assert.Equal(["CaseWork", "CouncilOffice"], position.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Order());
        Assert.Equal("OB-RB", position.GetProperty("unit").GetString());

        var staff = root.GetProperty("staff").EnumerateArray().Single(s => s.GetProperty("userName").GetString() == "l.hoppe");
        Assert.Equal(["strassen@rathaus-lueneburg.example"], staff.GetProperty("positions").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("Lars Hoppe", staff.GetProperty("displayName").GetString());

        var substitution = root.GetProperty("substitutions").EnumerateArray().Single(s => s.GetProperty("position").GetString() == "fb9.leitung@rathaus-lueneburg.example");
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", substitution.GetProperty("from").GetString());
        Assert.Equal(JsonValueKind.Null, substitution.GetProperty("until").ValueKind);
    }

    [Fact]
    public async Task Export_leaves_out_passwords_and_is_audited()
    {
        string[] secrets;
        await using (var db = app.Db())
        {
            secrets = await db.StaffMembers.Where(s => s.PasswordHash != null).Select(s => s.PasswordHash!).Distinct().ToArrayAsync();
        }

        var (response, content) = await DownloadAsync("json");
        var text = Encoding.UTF8.GetString(content);

        Assert.NotEmpty(secrets);
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        Assert.DoesNotContain("password", text, StringComparison.OrdinalIgnoreCase);
        var fileName = response.Content.Headers.ContentDisposition!.FileName!.Trim('"');
        var entries = await TestOrgChart.AuditAsync(app, fileName);
        Assert.Contains(entries, e => e.Action == "OrgChart.Exported" && e.StaffMemberName == "Demo-Administration");
    }

    [Fact]
    public async Task Case_workers_can_neither_export_nor_import()
    {
        using var client = await app.LoggedInAsync(DemoAccounts.CaseWorker);
        foreach (var url in new[] { ExchangeFiles.ExchangePage, ExchangeFiles.ExchangePage + "/csv", ExchangeFiles.ExchangePage + "/json" })
        {
            await client.AssertAccessDeniedAsync(url);
        }

        var upload = await client.Http.PostAsync(ExchangeFiles.ExchangePage, new MultipartFormDataContent { { new ByteArrayContent(ExchangeFiles.Csv()), "Upload", "x.csv" } });
        PageClient.AssertAccessDenied(upload);
    }
}

[Collection(nameof(SqliteApp))]
public sealed class OrgChartExportTests_Sqlite(SqliteApp app) : OrgChartExportTests(app);

[Collection(nameof(PostgresApp))]
public sealed class OrgChartExportTests_PostgreSql(PostgresApp app) : OrgChartExportTests(app);
