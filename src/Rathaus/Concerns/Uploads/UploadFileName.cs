using System.Globalization;
using System.Text;

namespace Rathaus.Concerns.Uploads;

/// <summary>
/// Makes a client's file name safe to store and to offer for download: no path, no control or bidi characters
/// (a right-to-left override turns „rechnung‮fdp.exe“ into a look-alike), nothing Windows refuses, at most 255 characters.
/// </summary>
internal static class UploadFileName
{
    public const int MaxLength = 255;
    private const string Fallback = "Datei";
    private const string WindowsReserved = "<>:\"|?*";

    public static string Clean(string? name) => Truncate(Characters(name), MaxLength);

    /// <summary>The cleaned name with an extension that matches the detected type: „x.png“ holding a JPEG becomes „x.jpg“.</summary>
    public static string ForType(string? name, IReadOnlyList<string> extensions)
    {
        var clean = Characters(name);
        var dot = clean.LastIndexOf('.');
        var extension = dot >= 0 ? clean[(dot + 1)..] : "";
        var stem = dot >= 0 && LooksLikeExtension(extension) ? clean[..dot] : clean;
        if (!extensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
        {
            extension = extensions[0];
        }

        // A leading dot would hide the file on Unix systems.
        stem = Truncate(stem.Trim('.', ' '), MaxLength - extension.Length - 1);
        return (stem.Length == 0 ? Fallback : stem) + "." + extension;
    }

    private static string Characters(string? name)
    {
        name ??= "";
        // Old browsers send the full client path, with either separator.
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        var kept = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                kept.Append(c).Append(name[++i]);
            }
            else if (char.IsSurrogate(c) || IsInvisible(c))
            {
                continue;
            }
            else
            {
                kept.Append(WindowsReserved.Contains(c) ? '_' : c);
            }
        }

        return kept.ToString().Normalize(NormalizationForm.FormC).Trim().TrimEnd('.').Trim();
    }

    // „Bericht vom 3. Mai“ has a dot but no extension.
    private static bool LooksLikeExtension(string extension) =>
        extension.Length is > 0 and <= 5 && extension.All(char.IsAsciiLetterOrDigit);

    private static bool IsInvisible(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned
        or UnicodeCategory.PrivateUse;

    private static string Truncate(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        // Never cut a surrogate pair in half.
        var cut = char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
        return text[..cut].TrimEnd();
    }
}
