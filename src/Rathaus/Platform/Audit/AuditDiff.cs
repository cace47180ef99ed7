using System.Text.Json;

namespace Rathaus.Platform.Audit;

/// <summary>One field of an audited object that differs between before and after.</summary>
public sealed record AuditChange(string Field, string? Before, string? After);

/// <summary>Compares the JSON snapshots of an audit entry field by field, so readers see what changed.</summary>
public static class AuditDiff
{
    public static IReadOnlyList<AuditChange> Changes(string? before, string? after)
    {
        var old = Fields(before);
        var @new = Fields(after);
        return old.Keys.Union(@new.Keys)
            .Select(k => new AuditChange(k, old.GetValueOrDefault(k), @new.GetValueOrDefault(k)))
            .Where(c => c.Before != c.After)
            .ToList();
    }

    private static Dictionary<string, string?> Fields(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return new() { ["Wert"] = document.RootElement.ToString() };
        }

        return document.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => p.Value.GetString(),
                _ => p.Value.GetRawText(),
            });
    }
}
