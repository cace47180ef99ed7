extern alias JsonSchemaNet;

using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using JsonSchemaNet::Json.Schema;

namespace Rathaus.Tests.Council.OParl;

/// <summary>
/// Validates OParl output against the official schemas vendored in Schema/. Embedded objects (the schemas mark them
/// with their own <c>schema</c> keyword, which JSON Schema itself ignores) are validated against theirs as well.
/// </summary>
public static class OParlSchemas
{
    private static readonly string Folder = Path.Combine(
        typeof(OParlSchemas).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!,
        "tests", "Rathaus.Tests", "Council", "OParl", "Schema");

    private static readonly Lazy<Dictionary<string, (JsonSchema Schema, JsonObject Raw)>> Schemas = new(() =>
        Directory.GetFiles(Folder, "*.json").ToDictionary(
            f => Path.GetFileNameWithoutExtension(f),
            f =>
            {
                var text = File.ReadAllText(f);
                var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 };
                return (JsonSchema.FromText(text, options), JsonNode.Parse(text)!.AsObject());
            }));

    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    public static IReadOnlyCollection<string> Types => Schemas.Value.Keys;

    /// <summary>Every violation in <paramref name="json"/> as a readable line; empty when the object is valid.</summary>
    public static List<string> Violations(string type, JsonNode json, string path = "")
    {
        var (schema, raw) = Schemas.Value[type];
        using var document = JsonDocument.Parse(json.ToJsonString());
        var result = schema.Evaluate(document.RootElement, Evaluation);
        var violations = result.IsValid
            ? []
            : (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{type}{path}{d.InstanceLocation}: {e.Key} {e.Value}")).ToList();
        if (!result.IsValid && violations.Count == 0)
        {
            violations.Add($"{type}{path}: invalid");
        }

        foreach (var (name, property) in raw["properties"]!.AsObject())
        {
            var embedded = property!["schema"]?.GetValue<string>() ?? (property["type"]?.GetValue<string>() == "array" ? property["items"]?["schema"]?.GetValue<string>() : null);
            if (embedded is null || json is not JsonObject obj || obj[name] is not { } value)
            {
                continue;
            }

            var embeddedType = embedded.Replace(".json", "", StringComparison.Ordinal);
            if (!Schemas.Value.ContainsKey(embeddedType))
            {
                continue;
            }

            if (value is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    violations.AddRange(Violations(embeddedType, array[i]!, $"{path}/{name}/{i}"));
                }
            }
            else if (value is JsonObject)
            {
                violations.AddRange(Violations(embeddedType, value, $"{path}/{name}"));
            }
        }

        return violations;
    }

    public static void AssertValid(string type, JsonNode json)
    {
        var violations = Violations(type, json);
        Assert.True(violations.Count == 0, $"{json["id"]} is not a valid {type}:\n{string.Join('\n', violations)}\n{json.ToJsonString()[..Math.Min(json.ToJsonString().Length, 2000)]}");
    }
}
