using Microsoft.AspNetCore.Http;
using Rathaus.Concerns.Uploads;
using static Rathaus.Tests.Concerns.Uploads.SampleFiles;

namespace Rathaus.Tests.Concerns.Uploads;

/// <summary>Which files are taken, under which name and type, and which are refused with which message.</summary>
public sealed class UploadInspectorTests
{
    private const string NotAllowed = "Die Datei „{0}“ ist kein Foto (JPEG, PNG, WebP) und kein PDF.";
    private const string Damaged = "Die Datei „{0}“ ist beschädigt oder unvollständig.";

    [Fact]
    public void Photos_and_PDFs_are_accepted_with_the_type_their_content_shows()
    {
        Assert.Equal("image/jpeg", Accept("foto.jpg", Jpeg(Jfif)).ContentType);
        Assert.Equal("image/png", Accept("bild.png", Png(PngHeader, PngPixels, PngEnd)).ContentType);
        Assert.Equal("image/webp", Accept("bild.webp", WebP(RiffChunk("VP8L", LosslessImage))).ContentType);
        Assert.Equal("application/pdf", Accept("antrag.pdf", Pdf()).ContentType);
    }

    [Fact]
    public void The_stored_name_gets_the_extension_of_the_detected_type()
    {
        Assert.Equal("x.jpg", Accept("x.png", Jpeg(Jfif)).FileName);
        Assert.Equal("Urlaub.JPEG", Accept("Urlaub.JPEG", Jpeg(Jfif)).FileName);
        Assert.Equal("scan.png", Accept("scan.pdf", Png(PngHeader, PngPixels, PngEnd)).FileName);
        Assert.Equal("Bericht vom 3. Mai.pdf", Accept("Bericht vom 3. Mai", Pdf()).FileName);
        Assert.Equal("Datei.jpg", Accept("", Jpeg(Jfif)).FileName);
        Assert.Equal("Datei.pdf", Accept(".pdf", Pdf()).FileName);
    }

    [Fact]
    public void The_stored_name_has_no_path_no_control_characters_and_no_direction_tricks()
    {
        Assert.Equal("foto.jpg", Accept(@"C:\Users\anna\Bilder\foto.jpg", Jpeg(Jfif)).FileName);
        Assert.Equal("passwd.jpg", Accept("../../etc/passwd", Jpeg(Jfif)).FileName);
        Assert.Equal("Zeilebruch.jpg", Accept("Zeile\r\nbruch\0.jpg", Jpeg(Jfif)).FileName);
        // U+202E makes "rechnung\u202Efdp.exe" display as "rechnungexe.pdf".
        Assert.Equal("rechnungfdp.pdf", Accept("rechnung\u202Efdp.exe", Pdf()).FileName);
        Assert.Equal("a_b_.pdf", Accept("a<b>.pdf", Pdf()).FileName);
        // macOS sends "ü" as "u" plus a combining diaeresis.
        Assert.Equal("M\u00fcller.pdf", Accept("Mu\u0308ller.pdf", Pdf()).FileName);
    }

    [Fact]
    public void A_very_long_name_is_cut_to_255_characters_keeping_the_extension()
    {
        var name = Accept(new string('ä', 300) + ".jpeg", Jpeg(Jfif)).FileName;

        Assert.Equal(255, name.Length);
        Assert.EndsWith("ää.jpeg", name, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_file_named_like_a_photo_is_refused() =>
        AssertRefused(NotAllowed, "foto.jpg", "Das ist kein Foto."u8.ToArray());

    [Fact]
    public void An_SVG_image_is_refused_because_it_can_carry_scripts() => AssertRefused(NotAllowed, "plan.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray());

    [Fact]
    public void An_HTML_page_is_refused() =>
        AssertRefused(NotAllowed, "seite.pdf", "<!DOCTYPE html><html><body>Hallo</body></html>"u8.ToArray());

    [Fact]
    public void ZIP_archives_and_Office_documents_are_refused() =>
        AssertRefused(NotAllowed, "brief.docx", [.. "PK\u0003\u0004"u8, .. "[Content_Types].xml"u8]);

    [Fact]
    public void A_program_is_refused() => AssertRefused(NotAllowed, "foto.jpg", [.. "MZ"u8, 0x90, 0, 3, 0, 0, 0]);

    [Fact]
    public void An_iPhone_HEIC_photo_is_refused_with_a_request_for_JPEG()
    {
        var check = UploadInspector.Inspect("IMG_0001.HEIC", [0, 0, 0, 0x18, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8]);

        Assert.Null(check.File);
        Assert.Contains("JPEG", check.Error, StringComparison.Ordinal);
        Assert.Contains("HEIC", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_refused() => AssertRefused("Die Datei „{0}“ ist leer.", "leer.jpg", []);

    [Fact]
    public void A_file_of_exactly_10_MB_is_accepted_and_one_byte_more_is_refused()
    {
        var padding = (int)UploadInspector.MaxBytes - Pdf().Length - 2;
        var tenMegabytes = Pdf(extraObjects: "%" + new string('x', padding) + "\n");

        Assert.NotNull(UploadInspector.Inspect("gross.pdf", tenMegabytes).File);
        AssertRefused("Die Datei „{0}“ ist größer als 10 MB.", "gross.pdf", [.. tenMegabytes, (byte)'\n']);
    }

    [Fact]
    public async Task An_upload_declaring_more_than_10_MB_is_refused_without_reading_it()
    {
        var upload = new Upload("gross.jpg", new ThrowingStream(), UploadInspector.MaxBytes + 1);

        var check = await UploadInspector.InspectAsync(upload, TestContext.Current.CancellationToken);

        Assert.Equal("Die Datei „{0}“ ist größer als 10 MB.", check.Error);
    }

    [Fact]
    public async Task An_upload_sending_more_bytes_than_it_declared_is_refused()
    {
        byte[] content = [.. Jpeg(Jfif), .. new byte[UploadInspector.MaxBytes]];
        var upload = new Upload("klein.jpg", new MemoryStream(content), 1000);

        var check = await UploadInspector.InspectAsync(upload, TestContext.Current.CancellationToken);

        Assert.Equal("Die Datei „{0}“ ist größer als 10 MB.", check.Error);
    }

    [Fact]
    public async Task An_upload_is_read_and_cleaned()
    {
        var content = Jpeg([.. Jfif, .. Metadata]);
        var upload = new Upload("Foto vom Schlagloch.jpg", new MemoryStream(content), content.Length);

        var check = await UploadInspector.InspectAsync(upload, TestContext.Current.CancellationToken);

        Assert.Equal("Foto vom Schlagloch.jpg", check.File?.FileName);
        Assert.Equal(Jpeg(Jfif), check.File?.Content);
    }

    [Fact]
    public void A_refusal_names_the_file_without_its_path()
    {
        var check = UploadInspector.Inspect("/home/anna/notizen.txt", "Hallo"u8.ToArray());

        Assert.Equal("notizen.txt", check.ErrorArgument);
    }

    [Fact]
    public void The_refusal_messages_are_German_texts_with_the_file_name_as_placeholder()
    {
        var check = UploadInspector.Inspect("kaputt.png", PngSignature);

        Assert.Equal(Damaged, check.Error);
        Assert.Equal("Die Datei „kaputt.png“ ist beschädigt oder unvollständig.", string.Format(null, check.Error!, check.ErrorArgument));
    }

    internal static Rathaus.Concerns.Intake.AcceptedFile Accept(string name, byte[] content)
    {
        var check = UploadInspector.Inspect(name, content);
        Assert.True(check.File is not null, $"Refused: {check.Error}");
        return check.File;
    }

    internal static void AssertRefused(string message, string name, byte[] content)
    {
        var check = UploadInspector.Inspect(name, content);
        Assert.Null(check.File);
        Assert.Equal(message, check.Error);
        Assert.Equal(name, check.ErrorArgument);
    }

    private sealed class Upload(string fileName, Stream content, long length) : IFormFile
    {
        public string ContentType => "image/jpeg";
        public string ContentDisposition => $"form-data; name=\"Files\"; filename=\"{fileName}\"";
        public IHeaderDictionary Headers => new HeaderDictionary();
        public long Length => length;
        public string Name => "Files";
        public string FileName => fileName;

        public void CopyTo(Stream target) => content.CopyTo(target);

        public Task CopyToAsync(Stream target, CancellationToken cancellationToken = default) => content.CopyToAsync(target, cancellationToken);

        public Stream OpenReadStream() => content;
    }

    private sealed class ThrowingStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Must not be read.");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("Must not be read.");
    }
}
