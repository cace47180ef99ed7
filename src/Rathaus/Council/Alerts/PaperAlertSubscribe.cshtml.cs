using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using Rathaus.Concerns.Submit;
using Rathaus.Data;
using Rathaus.Platform.Alerts;

namespace Rathaus.Council.Alerts;

/// <summary>
/// Subscribe to new council papers of an organization (linked from its page with <c>?gremium=…</c>) or matching
/// search words, or both.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AlertsModule.RateLimitPolicy)]
public sealed class PaperAlertSubscribeModel(
    RathausDb db,
    AlertSubscriptions subscriptions,
    IConfiguration configuration,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public PaperAlertInput Input { get; set; } = new();

    /// <summary>The honeypot: hidden from people, filled in by form-filling bots.</summary>
    [BindProperty]
    public string? Website { get; set; }

    public IReadOnlyList<SelectListItem> OrganizationItems { get; private set; } = [];

    public async Task OnGetAsync(int? gremium, string? suche, CancellationToken ct)
    {
        Input.OrganizationId = gremium;
        Input.Words = suche;
        await LoadChoicesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(Website))
        {
            return RedirectToPage("/Platform/Alerts/Requested"); // the bot learns nothing; a person never sees the field
        }

        await LoadChoicesAsync(ct);
        if (Input.Email is { Length: > 0 } email && !AlertSubscriptions.IsValidEmail(email))
        {
            ModelState.AddModelError("Input.Email", t["Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@beispiel.de."]);
        }

        if (Input.OrganizationId is int organizationId && !OrganizationItems.Any(i => i.Value == organizationId.ToString(CultureInfo.InvariantCulture)))
        {
            ModelState.AddModelError("Input.OrganizationId", t["Dieses Gremium gibt es nicht. Bitte wählen Sie eines aus der Liste."]);
        }

        if (Input.Words is { Length: > 0 } words && !PaperAlertInput.PlainWords().IsMatch(words))
        {
            ModelState.AddModelError("Input.Words", t["Suchwörter dürfen nur Buchstaben, Ziffern, Leerzeichen, Bindestrich und Schrägstrich enthalten."]);
        }

        var filter = PaperFilter.Create(Input.OrganizationId, Input.Words);
        if (filter is { OrganizationId: null, Words: null })
        {
            ModelState.AddModelError("Input.OrganizationId", t["Bitte wählen Sie ein Gremium oder geben Sie Suchwörter an (oder beides)."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var language = Platform.PlatformModule.CurrentLanguage;
        var refusal = await subscriptions.SubscribeAsync(Input.Email!, AlertKind.CouncilPapers, filter.ToJson(), language,
            TrackingLinks.BaseUrl(Request, configuration), t, ct);
        if (refusal is not null)
        {
            ModelState.AddModelError("Input.Email", t[refusal]);
            return Page();
        }

        return RedirectToPage("/Platform/Alerts/Requested");
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        var organizations = await db.CouncilOrganizations.AsNoTracking().Where(o => !o.Deleted).OrderBy(o => o.Kind).ThenBy(o => o.Name)
            .Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        OrganizationItems = organizations.Select(o => new SelectListItem(o.Name, o.Id.ToString(CultureInfo.InvariantCulture))).ToList();
    }
}

public sealed partial class PaperAlertInput
{
    /// <summary>
    /// The words are repeated in the confirmation mail, which goes to an address nobody has confirmed yet: without
    /// dots, colons or other signs nobody can make the form send links or addresses to strangers.
    /// </summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^[\p{L}\p{N}\s/-]*$")]
    internal static partial System.Text.RegularExpressions.Regex PlainWords();

    [Display(Name = "E-Mail-Adresse")]
    [Required(ErrorMessage = "Bitte geben Sie Ihre E-Mail-Adresse an.")]
    [StringLength(254, ErrorMessage = "Die E-Mail-Adresse darf höchstens 254 Zeichen lang sein.")]
    public string? Email { get; set; }

    [Display(Name = "Gremium oder Fraktion")]
    public int? OrganizationId { get; set; }

    [Display(Name = "Suchwörter")]
    [StringLength(200, ErrorMessage = "Die Suchwörter dürfen zusammen höchstens 200 Zeichen lang sein.")]
    public string? Words { get; set; }
}
