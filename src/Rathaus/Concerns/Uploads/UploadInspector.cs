using Microsoft.AspNetCore.Http;
using Rathaus.Concerns.Intake;

namespace Rathaus.Concerns.Uploads;

/// <summary>The verdict on one uploaded file: accepted (cleaned) or refused with a German message (a localization key).</summary>
public sealed record UploadCheck(AcceptedFile? File, string? Error, string? ErrorArgument = null);

/// <summary>
/// Checks uploads as every channel must (web form, tracking page, later mail and Open311): type by content, not by
/// name; size; image metadata (EXIF, GPS) removed before anything is stored.
/// </summary>
public static class UploadInspector
{
    public const int MaxFiles = 5;
    public const long MaxBytes = 10 * 1024 * 1024;

    public static async Task<UploadCheck> InspectAsync(IFormFile file, CancellationToken ct)
    {
        if (file.Length > MaxBytes)
        {
            return new UploadCheck(null, Texts.Key("Die Datei „{0}“ ist größer als 10 MB."), file.FileName);
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        return Inspect(Path.GetFileName(file.FileName), buffer.ToArray());
    }

    public static UploadCheck Inspect(string fileName, byte[] content)
    {
        var type = Sniff(content);
        return type is null
            ? new UploadCheck(null, Texts.Key("Die Datei „{0}“ ist kein Bild (JPEG, PNG) und kein PDF."), fileName)
            : new UploadCheck(new AcceptedFile(fileName, type, content), null);
    }

    private static string? Sniff(ReadOnlySpan<byte> content) => content switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [(byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-', ..] => "application/pdf",
        _ => null,
    };
}
