using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Rathaus.Platform.Layout;

/// <summary>Impressum, Datenschutz, Barrierefreiheit and Kontakt: the text is the city's, from configuration.</summary>
[AllowAnonymous]
public sealed class LegalPageModel(IOptions<SiteTextOptions> texts, IStringLocalizer<SharedResource> t) : PageModel
{
    public string Title { get; private set; } = "";
    public IEnumerable<string> Paragraphs { get; private set; } = [];

    public void OnGet(string slug)
    {
        var options = texts.Value;
        (Title, var text) = slug switch
        {
            "impressum" => (t["Impressum"].Value, options.Impressum),
            "datenschutz" => (t["Datenschutz"].Value, options.Datenschutz),
            "barrierefreiheit" => (t["Erklärung zur Barrierefreiheit"].Value, options.Barrierefreiheit),
            _ => (t["Kontakt"].Value, options.Kontakt),
        };
        Paragraphs = SiteTextOptions.Paragraphs(text);
    }
}
