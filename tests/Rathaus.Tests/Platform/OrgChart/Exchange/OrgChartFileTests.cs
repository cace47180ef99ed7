using System.Text;
using Rathaus.Platform.OrgChart.Exchange;
using static Rathaus.Tests.Platform.OrgChart.Exchange.ExchangeFiles;

namespace Rathaus.Tests.Platform.OrgChart.Exchange;

/// <summary>What an upload must be before its rows are looked at: size, type, encoding, well-formed CSV or JSON.</summary>
public sealed class OrgChartFileTests
{
    private static async Task<(OrgChartFile? File, List<ImportProblem> Problems)> ReadAsync(string fileName, byte[] content)
    {
        var problems = new List<ImportProblem>();
        using var stream = new MemoryStream(content);
        var file = await OrgChartImport.ReadFileAsync(stream, fileName, problems, new GermanTexts(), TestContext.Current.CancellationToken);
        return (file, problems);
    }

    [Fact]
    public async Task A_file_over_5_MB_is_refused()
    {
        var (file, problems) = await ReadAsync("gross.csv", new byte[OrgChartImport.MaxBytes + 1]);

        Assert.Null(file);
        Assert.Equal("Die Datei ist größer als 5 MB.", Assert.Single(problems).Message);
    }

    [Fact]
    public async Task A_csv_file_saved_as_windows_1252_is_refused_with_a_hint_for_excel()
    {
        var latin1 = Encoding.Latin1.GetBytes(CsvHeader + "\r\n" + Site("S1") + "\r\n");

        var (file, problems) = await ReadAsync("organigramm.csv", latin1);

        Assert.Null(file);
        Assert.Contains("keine UTF-8-Textdatei", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("organigramm.xlsx", "Arbeitsmappe (.xlsx)")]
    [InlineData("organigramm.pdf", "Typ „.pdf“")]
    public async Task Other_file_types_are_refused(string fileName, string expected)
    {
        var (file, problems) = await ReadAsync(fileName, Csv());

        Assert.Null(file);
        Assert.Contains(expected, Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_rows_keep_the_line_numbers_of_the_file_also_after_a_value_with_a_line_break()
    {
        var content = Csv(
            Row("Standort", ("Kuerzel", "S1"), ("Oeffnungszeiten", "Mo–Fr 8–12\nDo 14–18")).Replace("Mo–Fr 8–12\nDo 14–18", "\"Mo–Fr 8–12\nDo 14–18\"", StringComparison.Ordinal),
            "",
            Row("Einheit", ("Kuerzel", "'=U1"), ("Name", "  Sachgebiet  ")));

        var (file, problems) = await ReadAsync("zeilen.csv", content);

        Assert.Empty(problems);
        Assert.Equal(["2", "5"], file!.Rows.Select(r => r.Where));
        Assert.Equal("Mo–Fr 8–12\nDo 14–18", file.Rows[0][OrgChartSchema.OpeningHours]);
        Assert.Equal("=U1", file.Rows[1][OrgChartSchema.Code]);
        Assert.Equal("Sachgebiet", file.Rows[1][OrgChartSchema.Name]);
    }

    [Fact]
    public async Task Broken_quotes_and_a_wrong_number_of_fields_name_their_line()
    {
        var content = Csv(Row("Einheit", ("Kuerzel", "U1")).Replace("U1", "\"U\"1", StringComparison.Ordinal), "Einheit;U2;zu;wenig");

        var (_, problems) = await ReadAsync("kaputt.csv", content);

        Assert.Equal(["2", "3"], problems.Select(p => p.Row));
        Assert.Contains("Anführungszeichen", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("4 Felder", problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_that_is_not_well_formed_names_the_line()
    {
        var (file, problems) = await ReadAsync("kaputt.json", Encoding.UTF8.GetBytes("{\n  \"format\": \"rathaus-orgchart\",\n  \"version\": 1,\n  \"units\": [ { \"code\": \"7\" ]\n}"));

        Assert.Null(file);
        Assert.Contains("Zeile 4", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_of_another_kind_is_refused_by_its_format_field()
    {
        var (file, problems) = await ReadAsync("anders.json", Encoding.UTF8.GetBytes("""{ "format": "oparl", "version": 1 }"""));

        Assert.Null(file);
        Assert.Equal("format", Assert.Single(problems).Field);
    }
}
