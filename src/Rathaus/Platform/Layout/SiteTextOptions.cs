namespace Rathaus.Platform.Layout;

/// <summary>
/// The city's own texts (<c>SiteTexts</c> section): name, contact and the legally required pages. Plain text;
/// blank lines separate paragraphs. Each city sets these in appsettings or environment variables.
/// </summary>
public sealed class SiteTextOptions
{
    public const string Section = "SiteTexts";

    public string CityName { get; set; } = "Hansestadt Lüneburg";
    public string Impressum { get; set; } = "";
    public string Datenschutz { get; set; } = "";
    public string Barrierefreiheit { get; set; } = "";
    public string Kontakt { get; set; } = "";

    public static IEnumerable<string> Paragraphs(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
