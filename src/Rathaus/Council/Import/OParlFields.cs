using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rathaus.Council.Import;

/// <summary>An object that cannot be imported: the German message (a resx key with one placeholder) and what fills it.</summary>
public sealed class MalformedObjectException(string message, string? detail = null) : Exception(message)
{
    public string? Detail { get; } = detail;
}

/// <summary>
/// Reads the fields of an OParl object as both versions write them (1.0 and 1.1 differ little in the fields the
/// import needs); anything that is there but unreadable makes the object malformed, never silently empty.
/// </summary>
internal static class OParlFields
{
    public static readonly string MissingField = Texts.Key("Die Pflichtangabe „{0}“ fehlt.");
    public static readonly string InvalidField = Texts.Key("Die Angabe „{0}“ ist ungültig.");

    public static string? Text(JsonObject o, string name)
    {
        var node = o[name];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>().Trim();
            return text.Length == 0 ? null : text;
        }

        throw new MalformedObjectException(InvalidField, name);
    }

    public static string RequiredText(JsonObject o, string name) => Text(o, name) ?? throw new MalformedObjectException(MissingField, name);

    /// <summary>A text cut to the column's length: another system may allow longer names than this one.</summary>
    public static string? Text(JsonObject o, string name, int maxLength) => Text(o, name) is { } text && text.Length > maxLength ? text[..maxLength].TrimEnd() : Text(o, name);

    public static bool? Bool(JsonObject o, string name) => o[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        _ => throw new MalformedObjectException(InvalidField, name),
    };

    public static int? Int(JsonObject o, string name) => o[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var i) => i,
        _ => throw new MalformedObjectException(InvalidField, name),
    };

    public static long? Long(JsonObject o, string name) => o[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var i) => i,
        _ => throw new MalformedObjectException(InvalidField, name),
    };

    /// <summary>A day; OParl 1.0 examples also write a full date-time where a date is meant, so both are read.</summary>
    public static DateOnly? Date(JsonObject o, string name)
    {
        if (Text(o, name) is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? DateOnly.FromDateTime(instant.DateTime)
            : throw new MalformedObjectException(InvalidField, name);
    }

    /// <summary>An instant with its offset (spec: ISO 8601 with time zone), stored as UTC.</summary>
    public static DateTime? Instant(JsonObject o, string name)
    {
        if (Text(o, name) is not { } text)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant.UtcDateTime
            : throw new MalformedObjectException(InvalidField, name);
    }

    /// <summary>A reference: a URL, or an embedded object whose id is taken.</summary>
    public static string? Url(JsonNode? node, string name) => node switch
    {
        null => null,
        JsonObject embedded => Text(embedded, "id") ?? throw new MalformedObjectException(InvalidField, name),
        JsonValue v when v.GetValueKind() == JsonValueKind.String && Uri.TryCreate(v.GetValue<string>(), UriKind.Absolute, out _) => v.GetValue<string>(),
        _ => throw new MalformedObjectException(InvalidField, name),
    };

    public static string? Url(JsonObject o, string name) => Url(o[name], name);

    /// <summary>A list of references; a single one where a list is expected is accepted (some 1.0 servers write it so).</summary>
    public static List<string> Urls(JsonObject o, string name) => o[name] switch
    {
        null => [],
        JsonArray array => array.Select(n => Url(n, name)).OfType<string>().ToList(),
        var single => [Url(single, name)!],
    };

    /// <summary>Embedded objects of a list field (Person.membership, Meeting.agendaItem …); plain URLs are skipped.</summary>
    public static List<JsonObject> Embedded(JsonObject o, string name) => o[name] switch
    {
        null => [],
        JsonArray array => array.OfType<JsonObject>().ToList(),
        JsonObject single => [single],
        JsonValue => [],
        _ => throw new MalformedObjectException(InvalidField, name),
    };

    public static JsonObject? EmbeddedOne(JsonObject o, string name) => o[name] as JsonObject;

    /// <summary>"Person" for "https://schema.oparl.org/1.0/Person" and for 1.1 alike.</summary>
    public static string? TypeName(JsonObject o) => Text(o, "type") is { } type ? type[(type.TrimEnd('/').LastIndexOf('/') + 1)..] : null;
}
