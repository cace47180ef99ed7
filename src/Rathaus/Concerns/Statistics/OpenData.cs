using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Rathaus.Concerns.Statistics;

/// <summary>The statistics as open data, in the schema documented in README.md next to this file.</summary>
public static class OpenData
{
    public const string KeyFigure = "kennzahl";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The summary figures by their names in the downloads.</summary>
    public static IEnumerable<(string Name, double? Value)> KeyFigures(KeyFigures f) =>
    [
        ("anliegen", f.Concerns),
        ("zurueckgezogen", f.Withdrawn),
        ("zusammengefuehrt", f.Merged),
        ("mit_frist", f.WithDeadline),
        ("in_frist", f.WithinDeadline),
        ("anteil_in_frist_prozent", f.ShareWithinDeadlinePercent),
        ("median_tage_erste_antwort", f.MedianDaysToFirstReply),
        ("median_tage_abschluss", f.MedianDaysToClose),
    ];

    /// <summary>UTF-8 with BOM (spreadsheets then read umlauts right), semicolons, decimal point.</summary>
    public static byte[] Csv(StatisticsReport report)
    {
        var csv = new StringBuilder("jahr;dimension;wert;anzahl\r\n");
        var year = report.Year.ToString(CultureInfo.InvariantCulture);
        foreach (var row in report.Rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{year};{row.Dimension};{Field(row.Value)};{row.Count}\r\n");
        }

        foreach (var (name, value) in KeyFigures(report.Figures))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{year};{KeyFigure};{name};{value?.ToString(CultureInfo.InvariantCulture)}\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    public static byte[] JsonDocument(StatisticsReport report) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
    {
        ["jahr"] = report.Year,
        ["stand"] = report.AsOf.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["werte"] = report.Rows.Select(r => new Dictionary<string, object?>
        {
            ["dimension"] = r.Dimension,
            ["wert"] = r.Value,
            ["anzahl"] = r.Count,
            ["unterdrueckt"] = r.Suppressed,
        }),
        ["kennzahlen"] = KeyFigures(report.Figures).ToDictionary(k => k.Name, k => k.Value),
    }, Json);

    // Category and district names are typed by staff: quote them when they could break the line.
    private static string Field(string value) =>
        value.IndexOfAny([';', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
