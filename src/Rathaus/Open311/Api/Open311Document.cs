using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace Rathaus.Open311.Api;

/// <summary>An object with named fields in a fixed order (an XML element with child elements, a JSON object).</summary>
public sealed class Open311Object(params (string Name, object? Value)[] fields)
{
    public IReadOnlyList<(string Name, object? Value)> Fields { get; } = fields;
}

/// <summary>
/// A list: in XML an element named <paramref name="Name"/> holding one <paramref name="ItemName"/> element per item,
/// in JSON an array (GeoReport v2 maps XML to JSON by the Spark convention: <c>&lt;services&gt;&lt;service&gt;</c> becomes <c>[{…}]</c>).
/// </summary>
public sealed record Open311List(string Name, string ItemName, IReadOnlyList<object?> Items);

/// <summary>
/// Writes one response model as XML or JSON, so both formats always carry the same fields in the same order.
/// GeoReport v2: "All text returned by the service … MUST be encoded as UTF-8", "the root element must be preceded with
/// the XML declaration including the encoding="UTF-8" attribute", dates in ISO 8601 with the offset.
/// Values: string (ids and codes are always strings), bool, int, long, double, DateTime (UTC), null (an empty XML
/// element, JSON null), <see cref="Open311Object"/> or <see cref="Open311List"/>.
/// </summary>
public static class Open311Document
{
    public const string XmlContentType = "text/xml; charset=utf-8";
    public const string JsonContentType = "application/json; charset=utf-8";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static byte[] Xml(object root, string? rootName = null)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = Utf8, Indent = true }))
        {
            xml.WriteStartDocument();
            switch (root)
            {
                case Open311List list:
                    WriteXml(xml, list.Name, list);
                    break;
                default:
                    WriteXml(xml, rootName ?? throw new ArgumentException("An object at the root needs a name.", nameof(rootName)), root);
                    break;
            }

            xml.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    public static byte[] Json(object root)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteJson(json, root);
        }

        return buffer.ToArray();
    }

    /// <summary>ISO 8601 with the offset of the city's time zone, e.g. 2026-11-25T12:30:00+01:00.</summary>
    public static string Timestamp(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(Platform.CityClock.Zone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)))
            .ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static void WriteXml(XmlWriter xml, string name, object? value)
    {
        xml.WriteStartElement(name);
        switch (value)
        {
            case null:
                break;
            case Open311Object obj:
                foreach (var (field, fieldValue) in obj.Fields)
                {
                    WriteXml(xml, field, fieldValue);
                }

                break;
            case Open311List list:
                foreach (var item in list.Items)
                {
                    WriteXml(xml, list.ItemName, item);
                }

                break;
            default:
                xml.WriteString(Scalar(value));
                break;
        }

        xml.WriteEndElement();
    }

    private static void WriteJson(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case Open311Object obj:
                json.WriteStartObject();
                foreach (var (field, fieldValue) in obj.Fields)
                {
                    json.WritePropertyName(field);
                    WriteJson(json, fieldValue);
                }

                json.WriteEndObject();
                break;
            case Open311List list:
                json.WriteStartArray();
                foreach (var item in list.Items)
                {
                    WriteJson(json, item);
                }

                json.WriteEndArray();
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case double d:
                json.WriteNumberValue(d);
                break;
            default:
                json.WriteStringValue(Scalar(value));
                break;
        }
    }

    private static string Scalar(object value) => value switch
    {
        string s => Clean(s),
        bool b => b ? "true" : "false",
        DateTime t => Timestamp(t),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Clean(value.ToString() ?? ""),
    };

    // XML 1.0 cannot carry most control characters; an app may have sent them. They are dropped from the output only.
    private static string Clean(string text) =>
        text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t') || text.Any(char.IsSurrogate)
            ? new string(text.Where(c => !(char.IsControl(c) && c is not '\n' and not '\r' and not '\t')).ToArray()).ToWellFormed()
            : text;

    private static string ToWellFormed(this string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(text[i]).Append(text[i + 1]);
                i++;
            }
            else if (!char.IsSurrogate(text[i]))
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }
}
