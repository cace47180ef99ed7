using CsvHelper;

namespace Rathaus.Platform;

/// <summary>
/// CSV as German Excel and LibreOffice open it without an import dialog: UTF-8 with byte order mark, semicolons,
/// RFC 4180 quoting. A cell that a spreadsheet would run as a formula (=, @, +, -, tab, CR) gets an apostrophe in
/// front (OWASP "CSV injection"): names and subjects are typed by citizens and staff.
/// </summary>
public static class SpreadsheetCsv
{
    public const char Separator = ';';

    public static CsvWriterOptions WriterOptions => new() { Separator = Separator, WriteByteOrderMark = true, Injection = CsvInjection.Escape };

    public static byte[] Write(string[] header, IEnumerable<string[]> rows)
    {
        using var output = new MemoryStream();
        using (var csv = CsvWriter.Create(output, WriterOptions, leaveOpen: true))
        {
            csv.WriteHeader(header);
            foreach (var row in rows)
            {
                csv.WriteRecord(row);
            }
        }

        return output.ToArray();
    }
}
