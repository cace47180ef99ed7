using System.Globalization;
using System.Text;
using System.Text.Json;
using Rathaus.Platform;

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
        var year = report.Year.ToString(CultureInfo.InvariantCulture);
        var rows = report.Rows.Select(row => new[] { year, row.Dimension, row.Value, row.Count?.ToString(CultureInfo.InvariantCulture) ?? "" })
            .Concat(KeyFigures(report.Figures).Select(f => new[] { year, KeyFigure, f.Name, f.Value?.ToString(CultureInfo.InvariantCulture) ?? "" }));
        return SpreadsheetCsv.Write(["jahr", "dimension", "wert", "anzahl"], rows);
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
}
