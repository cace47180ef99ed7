using System.Globalization;
using System.Text.RegularExpressions;
using Rathaus.Concerns.Model;
using Rathaus.Platform;

namespace Rathaus.Concerns.Templates;

/// <summary>
/// The placeholders a Textbaustein may use and their values for one concern. The mail adds greeting and signature
/// itself, so there is no placeholder for the citizen's name: a template is the body of the answer only.
/// </summary>
public static partial class TemplatePlaceholders
{
    /// <summary>Placeholder names (German, as staff type them) with a short German explanation.</summary>
    public static readonly IReadOnlyList<(string Name, string Meaning)> All =
    [
        ("Vorgangsnummer", Texts.Key("die Vorgangsnummer, zum Beispiel 2026-000042")),
        ("Eingangsdatum", Texts.Key("der Tag, an dem das Anliegen einging")),
        ("Thema", Texts.Key("das Thema des Anliegens")),
        ("Ort", Texts.Key("die Ortsangabe der Bürgerin oder des Bürgers")),
        ("Frist", Texts.Key("der Tag, bis zu dem wir antworten wollen")),
        ("Einheit", Texts.Key("die zuständige Einheit")),
        ("Stelle", Texts.Key("Ihre Stelle")),
    ];

    [GeneratedRegex(@"\{([^{}\r\n]{0,50})\}")]
    private static partial Regex Placeholder();

    /// <summary>The placeholders in <paramref name="text"/> that are not known, each once, in order of appearance.</summary>
    public static IReadOnlyList<string> Unknown(string? text) =>
        Placeholder().Matches(text ?? "").Select(m => m.Groups[1].Value)
            .Where(name => All.All(p => p.Name != name))
            .Distinct()
            .ToList();

    public static string Expand(string text, Concern concern, string unitName, string positionTitle)
    {
        var culture = CultureInfo.GetCultureInfo("de-DE");
        string Day(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), CityClock.Zone).ToString("d", culture);
        var values = new Dictionary<string, string>
        {
            ["Vorgangsnummer"] = concern.ReferenceNumber,
            ["Eingangsdatum"] = Day(concern.ReceivedAt),
            ["Thema"] = concern.Category?.Name ?? "",
            ["Ort"] = concern.LocationText ?? "",
            ["Frist"] = concern.DueAt is { } due ? Day(due) : "",
            ["Einheit"] = unitName,
            ["Stelle"] = positionTitle,
        };
        return Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);
    }
}
