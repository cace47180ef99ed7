using System.Globalization;
using System.Text;

namespace Rathaus.Council.Calendar;

/// <summary>
/// Writes iCalendar text (RFC 5545): CRLF line ends, content lines folded at 75 octets without splitting a UTF-8
/// character (3.1), TEXT values escaped (3.3.11), instants in UTC.
/// </summary>
public sealed class ICalendarWriter
{
    private const int MaxOctets = 75;
    private readonly StringBuilder _text = new();

    public ICalendarWriter Line(string name, string value)
    {
        Fold($"{name}:{value}");
        return this;
    }

    public ICalendarWriter Text(string name, string? value) => value is null ? this : Line(name, Escape(value));

    public ICalendarWriter Instant(string name, DateTime utc) =>
        Line(name, DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));

    public override string ToString() => _text.ToString();

    public static string Escape(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\n", StringComparison.Ordinal);

    private void Fold(string line)
    {
        var octets = 0;
        var limit = MaxOctets;
        foreach (var rune in line.EnumerateRunes())
        {
            var length = rune.Utf8SequenceLength;
            if (octets + length > limit)
            {
                _text.Append("\r\n ");
                octets = 0;
                limit = MaxOctets - 1; // the leading space of a continuation line counts
            }

            _text.Append(rune.ToString());
            octets += length;
        }

        _text.Append("\r\n");
    }
}
