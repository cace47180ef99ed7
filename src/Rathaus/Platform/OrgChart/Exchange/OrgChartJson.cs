using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Rathaus.Platform.OrgChart.Exchange;

/// <summary>The JSON form of the org chart: one document with a section per kind of row (see README.md).</summary>
internal static class OrgChartJson
{
    private static readonly string[] HeadFields = ["format", "version", "exportedAt"];

    public static void Write(OrgChartFile file, DateTime exportedAtUtc, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("format", OrgChartSchema.FormatName);
        json.WriteNumber("version", OrgChartSchema.Version);
        json.WriteString("exportedAt", exportedAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        foreach (var kind in OrgChartSchema.Kinds)
        {
            json.WriteStartArray(kind.Section);
            foreach (var row in file.RowsOf(kind))
            {
                WriteRow(json, row);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteRow(Utf8JsonWriter json, FileRow row)
    {
        json.WriteStartObject();
        foreach (var field in row.Kind.Fields)
        {
            switch (field.Type)
            {
                case FieldType.List:
                    json.WriteStartArray(field.Json);
                    foreach (var item in row.List(field))
                    {
                        json.WriteStringValue(item);
                    }

                    json.WriteEndArray();
                    break;
                case FieldType.Flag:
                    json.WriteBoolean(field.Json, row[field] == OrgChartSchema.Yes);
                    break;
                default:
                    if (row[field] is { } text)
                    {
                        json.WriteString(field.Json, text);
                    }
                    else
                    {
                        json.WriteNull(field.Json);
                    }

                    break;
            }
        }

        json.WriteEndObject();
    }

    /// <summary>Reads the rows; null when the document is not an org chart file at all.</summary>
    public static OrgChartFile? Read(byte[] utf8, List<ImportProblem> problems, IStringLocalizer t)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            problems.Add(new("", "", t["Die Datei ist kein gültiges JSON (Fehler in Zeile {0}, Zeichen {1}).", (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1]));
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new("", "", t["Die JSON-Datei muss ein Objekt mit „format“: „{0}“ sein.", OrgChartSchema.FormatName]));
                return null;
            }

            if (!IsOrgChart(root, problems, t))
            {
                return null;
            }

            var file = new OrgChartFile(ExchangeFormat.Json);
            var kinds = OrgChartSchema.Kinds.ToDictionary(k => k.Section, StringComparer.OrdinalIgnoreCase);
            foreach (var property in root.EnumerateObject())
            {
                if (kinds.TryGetValue(property.Name, out var kind))
                {
                    ReadSection(property.Value, kind, file, problems, t);
                }
                else if (!HeadFields.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add(new("", property.Name, t["Unbekanntes Feld „{0}“. Erlaubt sind: {1}.", property.Name, string.Join(", ", HeadFields.Concat(kinds.Keys))]));
                }
            }

            return file;
        }
    }

    private static bool IsOrgChart(JsonElement root, List<ImportProblem> problems, IStringLocalizer t)
    {
        var format = Property(root, "format");
        if (format is not { ValueKind: JsonValueKind.String } || format.Value.GetString() != OrgChartSchema.FormatName)
        {
            problems.Add(new("", "format", t["Das ist keine Organigramm-Datei: „format“ muss „{0}“ sein.", OrgChartSchema.FormatName]));
            return false;
        }

        var version = Property(root, "version");
        if (version is not { ValueKind: JsonValueKind.Number } || !version.Value.TryGetInt32(out var number) || number != OrgChartSchema.Version)
        {
            problems.Add(new("", "version", t["Diese Version der Organigramm-Datei wird nicht unterstützt; erwartet wird „version“: {0}.", OrgChartSchema.Version]));
            return false;
        }

        return true;
    }

    private static void ReadSection(JsonElement section, RowKind kind, OrgChartFile file, List<ImportProblem> problems, IStringLocalizer t)
    {
        if (section.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (section.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new(kind.Section, "", t["„{0}“ muss eine Liste sein.", kind.Section]));
            return;
        }

        var index = 0;
        foreach (var element in section.EnumerateArray())
        {
            var where = $"{kind.Section}[{index++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new(where, "", t["Jeder Eintrag in „{0}“ muss ein Objekt sein.", kind.Section]));
                continue;
            }

            var row = new FileRow(kind, where);
            foreach (var property in element.EnumerateObject())
            {
                var field = kind.Fields.FirstOrDefault(f => string.Equals(f.Json, property.Name, StringComparison.OrdinalIgnoreCase));
                if (field is null)
                {
                    problems.Add(new(where, property.Name, t["Unbekanntes Feld „{0}“. Erlaubt sind: {1}.", property.Name, string.Join(", ", kind.Fields.Select(f => f.Json))]));
                }
                else if (!TrySet(row, field, property.Value))
                {
                    problems.Add(new(where, field.Json, field.Type == FieldType.List
                        ? t["„{0}“ muss eine Liste von Texten sein.", field.Json]
                        : t["„{0}“ muss ein einzelner Wert sein (Text, Zahl, true oder false).", field.Json]));
                }
            }

            file.Rows.Add(row);
        }
    }

    private static bool TrySet(FileRow row, ExchangeField field, JsonElement value)
    {
        if (field.Type == FieldType.List)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    row.SetList(field, []);
                    return true;
                case JsonValueKind.String:
                    row.SetList(field, value.GetString()!.Split(','));
                    return true;
                case JsonValueKind.Array when value.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String):
                    row.SetList(field, value.EnumerateArray().Select(i => i.GetString()!));
                    return true;
                default:
                    return false;
            }
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                row[field] = null;
                return true;
            case JsonValueKind.String:
                row[field] = value.GetString();
                return true;
            case JsonValueKind.True or JsonValueKind.False:
                row[field] = FileRow.Flag(value.GetBoolean());
                return true;
            case JsonValueKind.Number:
                row[field] = value.GetRawText();
                return true;
            default:
                return false;
        }
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault();
}
