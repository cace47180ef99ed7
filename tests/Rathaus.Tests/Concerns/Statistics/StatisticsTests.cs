using System.Net;
using System.Text;
using System.Text.Json;
using Rathaus.Concerns.Model;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Concerns.Statistics;

public abstract class StatisticsTests(RathausApp app)
{
    private const string Altstadt = "Altstadt-Statistik";
    private const string Kaltenmoor = "Kaltenmoor-Statistik";

    /// <summary>
    /// Six concerns of 2021: three answered with a deadline (two in time), one withdrawn, one merged into another,
    /// one in a district of its own. Replies after 2.5, 4 and 1 days; closed after 10.5, 20 and 1 days.
    /// </summary>
    private async Task<string> Seed2021Async()
    {
        var secret = "geheim-" + Guid.NewGuid().ToString("N");
        var first = await PastConcerns.SubmitAsync(app, new(ConcernKind.Question, "schlagloch", Altstadt, Channel.Web, new(2021, 3, 10, 8, 0, 0), 2.5, 10.5, 5), secret + "-a");
        await PastConcerns.SubmitAsync(app, new(ConcernKind.Complaint, "schlagloch", Altstadt, Channel.Email, new(2021, 3, 20, 8, 0, 0), 4, 20, 3), secret + "-b");
        await PastConcerns.SubmitAsync(app, new(ConcernKind.DefectReport, "strassenbeleuchtung", Altstadt, Channel.Web, new(2021, 5, 1, 8, 0, 0), 1, null, 5), secret + "-c");
        await PastConcerns.SubmitAsync(app, new(ConcernKind.Praise, null, Kaltenmoor, Channel.Web, new(2021, 5, 2, 8, 0, 0)), secret + "-d");
        await PastConcerns.SubmitAsync(app, new(ConcernKind.DefectReport, "schlagloch", null, Channel.Phone, new(2021, 12, 31, 23, 0, 0), 0.1, 0.1, 0.05), secret + "-e", mergedInto: first);
        await PastConcerns.SubmitAsync(app, new(ConcernKind.Suggestion, "sonstiges", null, Channel.Web, new(2021, 7, 7, 8, 0, 0), null, 1, null, ConcernStatus.Withdrawn), secret + "-f");
        return secret;
    }

    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private static readonly Dictionary<RathausApp, string> Seeded = [];

    private async Task<string> SeededAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (!Seeded.TryGetValue(app, out var secret))
            {
                Seeded[app] = secret = await Seed2021Async();
            }

            return secret;
        }
        finally
        {
            Seeding.Release();
        }
    }

    private static string Cell(AngleSharp.Html.Dom.IHtmlDocument page, string table, string rowHeader) =>
        page.QuerySelectorAll($"#tabelle-{table} tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == rowHeader)
            .QuerySelector("td")!.TextContent.Trim();

    [Fact]
    public async Task The_page_shows_the_years_counts_timings_and_deadline_share_in_German_number_format_without_logging_in()
    {
        var secret = await SeededAsync();
        using var client = app.Client();

        var response = await client.Http.GetAsync("/statistik?jahr=2021");
        var html = await response.Content.ReadAsStringAsync();
        var page = PageClient.Parse(html);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("6", page.QuerySelector("#anliegen-gesamt")!.TextContent.Trim());
        Assert.Contains("66,7 %", page.QuerySelector("#anteil-in-frist")!.TextContent);
        Assert.Equal("2,5 Tage", page.QuerySelector("#median-antwort")!.TextContent.Trim());
        Assert.Equal("10,5 Tage", page.QuerySelector("#median-abschluss")!.TextContent.Trim());
        Assert.Equal("4", Cell(page, "kategorie", "Straßen und Verkehr"));
        Assert.Equal("1", Cell(page, "kategorie", "ohne Thema"));
        Assert.Equal("2", Cell(page, "art", "Mängelmeldung"));
        Assert.Equal("4", Cell(page, "kanal", "Webformular"));
        Assert.Equal("3", Cell(page, "stadtteil", Altstadt));
        Assert.Equal("< 3", Cell(page, "stadtteil", Kaltenmoor));
        Assert.Equal("2", Cell(page, "stadtteil", "ohne Angabe"));
        Assert.Equal("2", Cell(page, "monat", "März"));
        Assert.Equal("0", Cell(page, "monat", "Februar"));
        Assert.Equal("1", Cell(page, "monat", "Dezember"));
        Assert.All(page.QuerySelectorAll("table"), t => Assert.NotNull(t.QuerySelector("caption")));
        Assert.NotNull(page.QuerySelector("a[href='/statistik/anliegen.csv?jahr=2021']"));
        Assert.NotNull(page.QuerySelector("a[href='/statistik/anliegen.json?jahr=2021']"));
        Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_CSV_download_is_semicolon_separated_UTF8_with_BOM_in_long_format_and_suppresses_small_districts()
    {
        var secret = await SeededAsync();
        using var client = app.Client();

        var response = await client.Http.GetAsync("/statistik/anliegen.csv?jahr=2021");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal("jahr;dimension;wert;anzahl", lines[0]);
        Assert.Contains("2021;kategorie;Straßen und Verkehr;4", lines);
        Assert.Contains("2021;art;Mängelmeldung;2", lines);
        Assert.Contains("2021;kanal;E-Mail;1", lines);
        Assert.Contains($"2021;stadtteil;{Altstadt};3", lines);
        Assert.Contains($"2021;stadtteil;{Kaltenmoor};", lines);
        Assert.Contains("2021;monat;3;2", lines);
        Assert.Contains("2021;kennzahl;anliegen;6", lines);
        Assert.Contains("2021;kennzahl;anteil_in_frist_prozent;66.7", lines);
        Assert.Contains("2021;kennzahl;median_tage_erste_antwort;2.5", lines);
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_JSON_download_has_year_timestamp_values_and_key_figures_and_marks_suppressed_counts()
    {
        var secret = await SeededAsync();
        using var client = app.Client();

        var json = await client.Http.GetStringAsync("/statistik/anliegen.json?jahr=2021");
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var values = root.GetProperty("werte").EnumerateArray().ToList();
        JsonElement Value(string dimension, string value) =>
            values.Single(v => v.GetProperty("dimension").GetString() == dimension && v.GetProperty("wert").GetString() == value);

        Assert.Equal(2021, root.GetProperty("jahr").GetInt32());
        Assert.True(DateTimeOffset.TryParse(root.GetProperty("stand").GetString(), out _));
        Assert.Equal(3, Value("stadtteil", Altstadt).GetProperty("anzahl").GetInt32());
        Assert.Equal(JsonValueKind.Null, Value("stadtteil", Kaltenmoor).GetProperty("anzahl").ValueKind);
        Assert.True(Value("stadtteil", Kaltenmoor).GetProperty("unterdrueckt").GetBoolean());
        Assert.Equal(12, values.Count(v => v.GetProperty("dimension").GetString() == "monat"));
        var figures = root.GetProperty("kennzahlen");
        Assert.Equal(6, figures.GetProperty("anliegen").GetDouble());
        Assert.Equal(1, figures.GetProperty("zurueckgezogen").GetDouble());
        Assert.Equal(1, figures.GetProperty("zusammengefuehrt").GetDouble());
        Assert.Equal(3, figures.GetProperty("mit_frist").GetDouble());
        Assert.Equal(10.5, figures.GetProperty("median_tage_abschluss").GetDouble());
        Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
        Assert.DoesNotContain("example.org", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_year_without_deadlines_says_so_instead_of_showing_a_share()
    {
        await PastConcerns.SubmitAsync(app, new(ConcernKind.Question, "schlagloch", null, Channel.Web, new(2022, 6, 1, 8, 0, 0), 1), "ohne-frist-" + Guid.NewGuid().ToString("N"));
        using var client = app.Client();

        var page = await client.GetPageAsync("/statistik?jahr=2022");
        var json = await client.Http.GetStringAsync("/statistik/anliegen.json?jahr=2022");

        Assert.Equal("noch keine Fristen erfasst", page.QuerySelector("#anteil-in-frist")!.TextContent.Trim());
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(json).RootElement.GetProperty("kennzahlen").GetProperty("anteil_in_frist_prozent").ValueKind);
    }

    [Fact]
    public async Task Statistics_are_linked_from_the_header_and_the_start_page_and_the_schema_is_served()
    {
        using var client = app.Client();

        var start = await client.GetPageAsync("/");
        var schema = await client.Http.GetStringAsync("/statistik/anliegen.md");

        Assert.NotNull(start.QuerySelector("nav a[href='/statistik']"));
        Assert.NotNull(start.QuerySelector("#start-statistik"));
        Assert.Contains("Datenlizenz Deutschland – Namensnennung – 2.0", schema, StringComparison.Ordinal);
    }
}

[Collection(nameof(StatisticsSqliteApp))]
public sealed class StatisticsTests_Sqlite(StatisticsSqliteApp app) : StatisticsTests(app);

[Collection(nameof(StatisticsPostgresApp))]
public sealed class StatisticsTests_Postgres(StatisticsPostgresApp app) : StatisticsTests(app);
