using static Rathaus.Tests.Concerns.Uploads.SampleFiles;
using static Rathaus.Tests.Concerns.Uploads.UploadInspectorTests;

namespace Rathaus.Tests.Concerns.Uploads;

/// <summary>PDFs are stored as they are, so those that could run something when a staff member opens them are refused.</summary>
public sealed class PdfSafetyTests
{
    private const string Active = "Die Datei „{0}“ enthält aktive Inhalte (zum Beispiel JavaScript) und wird aus Sicherheitsgründen nicht angenommen.";

    [Fact]
    public void A_PDF_that_runs_JavaScript_on_opening_is_refused() =>
        AssertRefused(Active, "formular.pdf", Pdf("/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> "));

    [Fact]
    public void A_PDF_that_launches_a_program_is_refused() =>
        AssertRefused(Active, "rechnung.pdf", Pdf("/OpenAction << /S /Launch /F (cmd.exe) >> "));

    [Fact]
    public void A_PDF_with_an_embedded_file_is_refused() => AssertRefused(Active, "anhang.pdf", Pdf(
        "/Names << /EmbeddedFiles 4 0 R >> ",
        Stream(5, "/Type /EmbeddedFile", "MZ"u8.ToArray())));

    [Fact]
    public void Escaped_names_do_not_hide_JavaScript() =>
        AssertRefused(Active, "versteckt.pdf", Pdf("/OpenAction << /S /J#61vaScript /JS (x) >> "));

    [Fact]
    public void JavaScript_inside_a_compressed_object_stream_is_found() => AssertRefused(Active, "modern.pdf", Pdf(
        extraObjects: Stream(4, "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", Compressed("5 0 << /S /JavaScript /JS (x) >>"))));

    [Fact]
    public void Image_data_that_happens_to_contain_the_bytes_of_a_name_is_not_mistaken_for_JavaScript() =>
        Accept("foto.pdf", Pdf(extraObjects: Stream(4, "/Type /XObject /Subtype /Image /Filter /DCTDecode", [0x01, .. "/JS /Launch "u8, 0xFF])));

    [Fact]
    public void A_PDF_without_its_end_marker_is_refused_as_incomplete()
    {
        var pdf = Pdf();

        AssertRefused("Die Datei „{0}“ ist beschädigt oder unvollständig.", "halb.pdf", pdf[..(pdf.Length / 2)]);
    }
}
