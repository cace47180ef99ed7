using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rathaus.Platform;

namespace Rathaus.Council.OParl;

/// <summary>Small helpers to write OParl JSON: objects without null members, dates as the spec writes them.</summary>
internal static class OParlJson
{
    public const string Schema = "https://schema.oparl.org/1.1/";

    public static readonly JsonSerializerOptions Options = new()
    {
        // Umlauts stay readable; the output is JSON, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>An object of the given OParl type; members whose value is null are left out.</summary>
    public static JsonObject Object(string type, string id, params (string Name, JsonNode? Value)[] members)
    {
        var json = new JsonObject { ["id"] = id, ["type"] = Schema + type };
        Add(json, members);
        return json;
    }

    public static JsonObject Plain(params (string Name, JsonNode? Value)[] members)
    {
        var json = new JsonObject();
        Add(json, members);
        return json;
    }

    private static void Add(JsonObject json, (string Name, JsonNode? Value)[] members)
    {
        foreach (var (name, value) in members)
        {
            if (value is not null)
            {
                json[name] = value;
            }
        }
    }

    /// <summary>A date-time in Lüneburg's offset, as RFC 3339 (the spec's <c>date-time</c>).</summary>
    public static JsonNode DateTime(DateTime utc)
    {
        var instant = new DateTimeOffset(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        return TimeZoneInfo.ConvertTime(instant, CityClock.Zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    public static JsonNode? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static JsonNode? Text(string? text) => string.IsNullOrEmpty(text) ? null : JsonValue.Create(text);

    public static JsonArray Array(IEnumerable<JsonNode> items) => new(items.ToArray());

    public static JsonArray Urls(IEnumerable<string> urls) => new(urls.Select(u => (JsonNode)JsonValue.Create(u)).ToArray());
}
