using System.Text.RegularExpressions;

namespace Rathaus.Concerns.Email;

/// <summary>
/// Splits a mail's text into what the sender wrote and the earlier mails quoted below it, so that pages can fold the
/// quote away: "&gt;" lines, the separators of Outlook ("-----Ursprüngliche Nachricht-----", "Von: … Gesendet: …"),
/// and the "Am … schrieb …:" / "On … wrote:" lines of Thunderbird, Apple Mail and Gmail. Forwarded mails are
/// content, not quotes, and stay visible.
/// </summary>
public static partial class QuotedText
{
    [GeneratedRegex(@"^(-{2,}\s*(Ursprüngliche Nachricht|Original Message|Originalnachricht)\s*-{2,}|(Am|On) .{4,200}(schrieb|wrote)( .{0,100})?:\s*$|(Von|From):\s.+)", RegexOptions.IgnoreCase)]
    private static partial Regex QuoteStart();

    [GeneratedRegex(@"^(-{3,}\s*(Weitergeleitete Nachricht|Forwarded message)\s*-{3,}|Begin forwarded message:|Anfang der weitergeleiteten Nachricht:)", RegexOptions.IgnoreCase)]
    private static partial Regex ForwardStart();

    public static (string Said, string? Quoted) Split(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return ("", null);
        }

        var lines = text.Split('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (ForwardStart().IsMatch(line))
            {
                return (text, null); // what follows is the forwarded mail itself
            }

            var startsQuote = line.StartsWith('>') && lines.Skip(i).Count(l => l.StartsWith('>') || l.Trim().Length == 0) >= (lines.Length - i) * 0.8
                || QuoteStart().IsMatch(line) && (!line.StartsWith("Von:", StringComparison.OrdinalIgnoreCase) && !line.StartsWith("From:", StringComparison.OrdinalIgnoreCase)
                                                 || NextLinesHaveHeader(lines, i));
            if (startsQuote)
            {
                var said = string.Join('\n', lines[..i]).TrimEnd();
                var quoted = string.Join('\n', lines[i..]).Trim();
                return said.Length == 0 ? (text, null) : (said, quoted);
            }
        }

        return (text, null);
    }

    // Outlook's header block: "Von:" followed within a few lines by "Gesendet:"/"Sent:" or "Datum:"/"Date:".
    private static bool NextLinesHaveHeader(string[] lines, int start) =>
        lines.Skip(start + 1).Take(4).Any(l => l.StartsWith("Gesendet:", StringComparison.OrdinalIgnoreCase) || l.StartsWith("Sent:", StringComparison.OrdinalIgnoreCase)
                                              || l.StartsWith("Datum:", StringComparison.OrdinalIgnoreCase) || l.StartsWith("Date:", StringComparison.OrdinalIgnoreCase));
}
