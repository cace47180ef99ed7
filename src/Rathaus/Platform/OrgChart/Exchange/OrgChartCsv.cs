using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.Localization;

namespace Rathaus.Platform.OrgChart.Exchange;

/// <summary>
/// The CSV form of the org chart: one file, one row per entity, the kind in the first column (Satzart). Written for
/// German Excel: UTF-8 with byte order mark, semicolons, RFC 4180 quoting.
/// </summary>
internal static class OrgChartCsv
{
    private const char Separator = SpreadsheetCsv.Separator;

    // Excel runs a cell that starts with one of these as a formula; the writer puts an apostrophe in front (OWASP
    // "CSV injection") and the reader takes it off again, so such a name survives the round trip unchanged.
    private static readonly char[] FormulaStarts = ['=', '@', '+', '-', '\t', '\r'];

    public static void Write(OrgChartFile file, Stream output)
    {
        using var csv = CsvWriter.Create(output, SpreadsheetCsv.WriterOptions, leaveOpen: true);
        csv.WriteHeader([.. OrgChartSchema.CsvColumns]);
        foreach (var row in file.Rows)
        {
            var fields = new string[OrgChartSchema.CsvColumns.Count];
            fields[0] = row.Kind.CsvName;
            foreach (var field in row.Kind.Fields)
            {
                fields[Column(field.Csv)] = field.Type == FieldType.List ? string.Join(", ", row.List(field)) : row[field] ?? "";
            }

            csv.WriteRecord(fields);
        }
    }

    /// <summary>Reads the rows; null when the header does not fit, since then no column can be trusted.</summary>
    public static OrgChartFile? Read(byte[] utf8, List<ImportProblem> problems, IStringLocalizer t)
    {
        var malformedLines = new HashSet<long>();
        var options = new CsvReaderOptions
        {
            Separator = Separator,
            TrackLineNumbers = true,
            OnMalformedRecord = record => malformedLines.Add(record.LineNumber),
        };
        using var csv = CsvReader.Create(utf8, options);
        csv.ReadHeader();
        var header = csv.Headers.Select(h => h.Trim()).ToList();
        if (!HeaderFits(header, problems, t))
        {
            return null;
        }

        var columns = header.Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index, StringComparer.OrdinalIgnoreCase);
        var kinds = OrgChartSchema.Kinds.ToDictionary(k => k.CsvName, StringComparer.OrdinalIgnoreCase);
        var file = new OrgChartFile(ExchangeFormat.Csv);
        while (csv.Read())
        {
            var line = csv.LineNumber.ToString(CultureInfo.InvariantCulture);
            var values = Enumerable.Range(0, csv.FieldCount).Select(i => Unescape(csv.GetString(i) ?? "")).ToArray();
            if (malformedLines.Contains(csv.LineNumber))
            {
                problems.Add(new(line, "", t["Die Anführungszeichen in dieser Zeile sind fehlerhaft. Ein Wert mit Semikolon, Anführungszeichen oder Zeilenumbruch muss ganz in Anführungszeichen stehen, Anführungszeichen darin werden verdoppelt (\"\")."]));
                continue;
            }

            if (values.All(string.IsNullOrWhiteSpace))
            {
                continue; // Excel leaves rows of bare semicolons behind where rows were deleted.
            }

            if (values.Length != header.Count)
            {
                problems.Add(new(line, "", t["Die Zeile hat {0} Felder, die Kopfzeile {1}. Prüfen Sie die Semikolons in dieser Zeile.", values.Length, header.Count]));
                continue;
            }

            var kindName = values[columns[OrgChartSchema.KindColumn]].Trim();
            if (!kinds.TryGetValue(kindName, out var kind))
            {
                problems.Add(new(line, OrgChartSchema.KindColumn, kindName.Length == 0
                    ? t["Bitte geben Sie die Satzart an ({0}).", string.Join(", ", kinds.Keys)]
                    : t["Die Satzart „{0}“ gibt es nicht. Erlaubt sind: {1}.", kindName, string.Join(", ", kinds.Keys)]));
                continue;
            }

            var row = new FileRow(kind, line);
            foreach (var (name, index) in columns.Where(c => c.Key != OrgChartSchema.KindColumn).Select(c => (c.Key, c.Value)))
            {
                var field = kind.Fields.FirstOrDefault(f => string.Equals(f.Csv, name, StringComparison.OrdinalIgnoreCase));
                if (field is null)
                {
                    if (!string.IsNullOrWhiteSpace(values[index]))
                    {
                        problems.Add(new(line, Canonical(name), t["Die Spalte „{0}“ gilt nicht für die Satzart „{1}“ und muss leer bleiben.", Canonical(name), kind.CsvName]));
                    }
                }
                else if (field.Type == FieldType.List)
                {
                    row.SetList(field, values[index].Split(','));
                }
                else
                {
                    row[field] = values[index];
                }
            }

            file.Rows.Add(row);
        }

        return file;
    }

    private static bool HeaderFits(List<string> header, List<ImportProblem> problems, IStringLocalizer t)
    {
        var expected = OrgChartSchema.CsvColumns;
        var unknown = header.Where(h => !expected.Contains(h, StringComparer.OrdinalIgnoreCase)).ToList();
        var missing = expected.Where(e => !header.Contains(e, StringComparer.OrdinalIgnoreCase)).ToList();
        var doubled = header.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (unknown.Count == 0 && missing.Count == 0 && doubled.Count == 0)
        {
            return true;
        }

        var details = new List<string>();
        if (unknown.Count > 0)
        {
            details.Add(t["Unbekannte Spalten: {0}.", string.Join(", ", unknown.Select(u => u.Length == 0 ? "(leer)" : u))]);
        }

        if (missing.Count > 0)
        {
            details.Add(t["Fehlende Spalten: {0}.", string.Join(", ", missing)]);
        }

        if (doubled.Count > 0)
        {
            details.Add(t["Doppelte Spalten: {0}.", string.Join(", ", doubled)]);
        }

        problems.Add(new("1", string.Join(", ", unknown.Concat(missing).Concat(doubled).Distinct()),
            t["Die Kopfzeile passt nicht. {0} Erwartet wird diese Kopfzeile, getrennt durch Semikolons: {1}", string.Join(" ", details), string.Join(Separator, expected)]));
        return false;
    }

    private static int Column(string name) => OrgChartSchema.CsvColumns.ToList().IndexOf(name);

    private static string Canonical(string name) => OrgChartSchema.CsvColumns.First(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));

    private static string Unescape(string value) =>
        value.Length > 1 && value[0] == '\'' && FormulaStarts.Contains(value[1]) ? value[1..] : value;
}
