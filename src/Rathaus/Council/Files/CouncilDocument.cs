using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;
using Rathaus.Concerns.Uploads;

namespace Rathaus.Council.Files;

/// <summary>An accepted council document: the cleaned file name, its MIME type and content.</summary>
public sealed record CouncilDocumentFile(string FileName, string MimeType, byte[] Content);

/// <summary>
/// Checks a file the council office uploads: PDFs and office documents (DOCX, XLSX, PPTX, ODT, ODS, ODP) whose content
/// must be what the extension claims, up to the configured size. PDFs go through the same check as citizens'
/// uploads (<see cref="PdfFile"/>: complete, no active content); office documents must be the ZIP package of their
/// format (OOXML: ECMA-376 Part 2 with [Content_Types].xml and the main part's folder; ODF 1.2 Part 3: the
/// uncompressed "mimetype" entry).
/// </summary>
public static class CouncilDocument
{
    private static readonly string Empty = Texts.Key("Die Datei „{0}“ ist leer.");
    private static readonly string TooLarge = Texts.Key("Die Datei „{0}“ ist größer als {1} MB.");
    private static readonly string NotAllowed = Texts.Key("Die Datei „{0}“ ist weder ein PDF noch ein Office-Dokument (DOCX, XLSX, PPTX, ODT, ODS, ODP).");
    private static readonly string Mismatch = Texts.Key("Der Inhalt der Datei „{0}“ passt nicht zu ihrer Endung.");
    private static readonly string Damaged = Texts.Key("Die Datei „{0}“ ist beschädigt oder unvollständig.");
    private static readonly string Active = Texts.Key("Die Datei „{0}“ enthält aktive Inhalte (zum Beispiel JavaScript) und wird aus Sicherheitsgründen nicht angenommen.");

    // Extension, MIME type, and what identifies the package: the OOXML main folder or the ODF mimetype.
    private static readonly Dictionary<string, (string Mime, string Marker)> Office = new(StringComparer.OrdinalIgnoreCase)
    {
        ["docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "word/"),
        ["xlsx"] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/"),
        ["pptx"] = ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "ppt/"),
        ["odt"] = ("application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text"),
        ["ods"] = ("application/vnd.oasis.opendocument.spreadsheet", "application/vnd.oasis.opendocument.spreadsheet"),
        ["odp"] = ("application/vnd.oasis.opendocument.presentation", "application/vnd.oasis.opendocument.presentation"),
    };

    /// <summary>The accepted file, or the German message (a resx key with the file name and the limit as placeholders).</summary>
    public static async Task<(CouncilDocumentFile? File, string? Error)> CheckAsync(IFormFile upload, long maxBytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (upload.Length > maxBytes)
        {
            return (null, TooLarge);
        }

        await using var stream = upload.OpenReadStream();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        return Check(upload.FileName, buffer.ToArray(), maxBytes);
    }

    public static (CouncilDocumentFile? File, string? Error) Check(string fileName, byte[] content, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0)
        {
            return (null, Empty);
        }

        if (content.LongLength > maxBytes)
        {
            return (null, TooLarge);
        }

        var extension = Path.GetExtension(fileName ?? "").TrimStart('.').ToLowerInvariant();
        if (extension == "pdf")
        {
            if (!PdfFile.HasSignature(content))
            {
                return (null, Mismatch);
            }

            return PdfFile.Check(content) switch
            {
                PdfVerdict.Clean => (new CouncilDocumentFile(UploadFileName.ForType(fileName, ["pdf"]), "application/pdf", content), null),
                PdfVerdict.ActiveContent => (null, Active),
                _ => (null, Damaged),
            };
        }

        if (!Office.TryGetValue(extension, out var format))
        {
            return (null, NotAllowed);
        }

        return IsPackage(content, format.Marker)
            ? (new CouncilDocumentFile(UploadFileName.ForType(fileName, [extension]), format.Mime, content), null)
            : (null, Mismatch);
    }

    private static bool IsPackage(byte[] content, string marker)
    {
        if (content is not [0x50, 0x4B, 0x03, 0x04, ..])
        {
            return false; // not a ZIP at all
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            if (marker.EndsWith('/'))
            {
                return zip.GetEntry("[Content_Types].xml") is not null && zip.Entries.Any(e => e.FullName.StartsWith(marker, StringComparison.Ordinal));
            }

            // ODF: the first entry is "mimetype", stored uncompressed, holding exactly the type.
            var first = zip.Entries.FirstOrDefault();
            if (first is not { FullName: "mimetype" } || first.Length > 200)
            {
                return false;
            }

            using var reader = new StreamReader(first.Open(), Encoding.ASCII);
            return reader.ReadToEnd().Trim() == marker;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
