using System.Text;
using Microsoft.AspNetCore.Http;
using Rathaus.Concerns.Intake;

namespace Rathaus.Concerns.Uploads;

/// <summary>The verdict on one uploaded file: accepted (cleaned) or refused with a German message (a localization key).</summary>
public sealed record UploadCheck(AcceptedFile? File, string? Error, string? ErrorArgument = null);

/// <summary>
/// Checks uploads as every channel must (web form, tracking page, later mail and Open311): type by content, never by
/// name (photos as JPEG, PNG or WebP, documents as PDF; SVG, HTML, Office files, archives and programs are refused);
/// size; image metadata (Exif, GPS, XMP, IPTC, text chunks) removed before anything is stored. PDFs are stored as they
/// are — their metadata stays — and are refused if they carry active content (see <see cref="PdfFile"/>).
/// </summary>
public static class UploadInspector
{
    public const int MaxFiles = 5;
    public const long MaxBytes = 10 * 1024 * 1024;

    private static readonly string TooLarge = Texts.Key("Die Datei „{0}“ ist größer als 10 MB.");
    private static readonly string Empty = Texts.Key("Die Datei „{0}“ ist leer.");
    private static readonly string NotAllowed = Texts.Key("Die Datei „{0}“ ist kein Foto (JPEG, PNG, WebP) und kein PDF.");
    private static readonly string Heic = Texts.Key("Die Datei „{0}“ ist ein HEIC-Foto. Dieses Format können wir nicht annehmen. Bitte senden Sie das Foto als JPEG.");
    private static readonly string Damaged = Texts.Key("Die Datei „{0}“ ist beschädigt oder unvollständig.");
    private static readonly string Active = Texts.Key("Die Datei „{0}“ enthält aktive Inhalte (zum Beispiel JavaScript) und wird aus Sicherheitsgründen nicht angenommen.");

    private static readonly string[] JpegExtensions = ["jpg", "jpeg", "jpe", "jfif"];
    private static readonly string[] PngExtensions = ["png"];
    private static readonly string[] WebPExtensions = ["webp"];
    private static readonly string[] PdfExtensions = ["pdf"];

    public static async Task<UploadCheck> InspectAsync(IFormFile file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Length > MaxBytes)
        {
            return Refused(TooLarge, file.FileName);
        }

        // Length is what the client declared; read at most one byte more than allowed to learn the truth.
        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream((int)Math.Max(file.Length, 0) + 1);
        var chunk = new byte[81920];
        int read;
        while (buffer.Length <= MaxBytes && (read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return Inspect(file.FileName, buffer.ToArray());
    }

    public static UploadCheck Inspect(string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0)
        {
            return Refused(Empty, fileName);
        }

        if (content.Length > MaxBytes)
        {
            return Refused(TooLarge, fileName);
        }

        if (content is [0xFF, 0xD8, 0xFF, ..])
        {
            return Image(fileName, "image/jpeg", JpegExtensions, JpegFile.StripMetadata(content));
        }

        if (content.AsSpan().StartsWith(PngFile.Signature))
        {
            return Image(fileName, "image/png", PngExtensions, PngFile.StripMetadata(content));
        }

        if (WebPFile.HasSignature(content))
        {
            return Image(fileName, "image/webp", WebPExtensions, WebPFile.StripMetadata(content));
        }

        if (PdfFile.HasSignature(content))
        {
            return PdfFile.Check(content) switch
            {
                PdfVerdict.Clean => Accepted(fileName, "application/pdf", PdfExtensions, content),
                PdfVerdict.ActiveContent => Refused(Active, fileName),
                _ => Refused(Damaged, fileName),
            };
        }

        return Refused(IsHeif(content) ? Heic : NotAllowed, fileName);
    }

    private static UploadCheck Image(string fileName, string contentType, string[] extensions, byte[]? cleaned) =>
        cleaned is null ? Refused(Damaged, fileName) : Accepted(fileName, contentType, extensions, cleaned);

    private static UploadCheck Accepted(string fileName, string contentType, string[] extensions, byte[] content) =>
        new(new AcceptedFile(UploadFileName.ForType(fileName, extensions), contentType, content), null);

    private static UploadCheck Refused(string message, string? fileName) => new(null, message, UploadFileName.Clean(fileName));

    // HEIF (ISO/IEC 23008-12): an ISO media "ftyp" box with one of the HEIC brands, as iPhones save photos.
    private static bool IsHeif(ReadOnlySpan<byte> content) =>
        content.Length >= 12 && content.Slice(4, 4).SequenceEqual("ftyp"u8)
        && Encoding.ASCII.GetString(content.Slice(8, 4)) is "heic" or "heix" or "heim" or "heis" or "hevc" or "hevx" or "mif1" or "msf1";
}
