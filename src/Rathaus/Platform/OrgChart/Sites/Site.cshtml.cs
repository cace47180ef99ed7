using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Data;
using Rathaus.Platform.Audit;
using Rathaus.Platform.Auth;

namespace Rathaus.Platform.OrgChart.Sites;

/// <summary>Create and edit a site; deactivate it once no active unit sits there any more, or reactivate it.</summary>
[Authorize(Roles = StaffRoles.Administrator)]
public sealed class SiteModel(RathausDb db, AuditLog audit, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public SiteInput Input { get; set; } = new();

    public Site? Site { get; private set; }
    public IReadOnlyList<OrgUnit> Units { get; private set; } = [];

    /// <summary>Why the site could not be deactivated; shown beside the button.</summary>
    public string? Refusal { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (id is not null)
        {
            Site = await db.Sites.FindAsync([id], ct);
            if (Site is null)
            {
                return NotFound();
            }

            Input = SiteInput.From(Site);
            await LoadUnitsAsync(ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Site = id is null ? null : await db.Sites.FindAsync([id], ct);
        if (id is not null && Site is null)
        {
            return NotFound();
        }

        var code = Input.Code?.Trim() ?? "";
        if (code.Length > 0 && await db.Sites.AnyAsync(s => s.Code == code && s.Id != (Site == null ? 0 : Site.Id), ct))
        {
            ModelState.AddModelError("Input.Code", t["Das Kürzel „{0}“ hat schon ein anderer Standort.", code]);
        }

        if (!ModelState.IsValid)
        {
            await LoadUnitsAsync(ct);
            return Page();
        }

        var before = Site?.Snapshot();
        var site = Site ?? db.Sites.Add(new Site { Code = "", Name = "", Street = "", PostalCode = "", City = "" }).Entity;
        site.Code = code;
        site.Name = Input.Name.Trim();
        site.Street = Input.Street.Trim();
        site.PostalCode = Input.PostalCode.Trim();
        site.City = Input.City.Trim();
        site.OpeningHours = string.IsNullOrWhiteSpace(Input.OpeningHours) ? null : Input.OpeningHours.Trim();
        audit.Record(Site is null ? "Site.Created" : "Site.Changed", nameof(OrgChart.Site), site.Code, before, site.Snapshot());
        await db.SaveChangesAsync(ct);

        Message = t["Der Standort „{0}“ wurde gespeichert.", site.Name];
        return Redirect("/intern/organisation/standorte");
    }

    public async Task<IActionResult> OnPostDeactivateAsync(int id, CancellationToken ct)
    {
        Site = await db.Sites.FindAsync([id], ct);
        if (Site is null)
        {
            return NotFound();
        }

        // Units would be left at a closed building: move or deactivate them first.
        var activeUnits = await db.OrgUnits.CountAsync(u => u.SiteId == id && u.IsActive, ct);
        if (activeUnits > 0)
        {
            Refusal = activeUnits == 1
                ? t["Der Standort „{0}“ kann nicht deaktiviert werden, weil dort noch eine aktive Organisationseinheit sitzt. Ordnen Sie sie zuerst einem anderen Standort zu.", Site.Name]
                : t["Der Standort „{0}“ kann nicht deaktiviert werden, weil dort noch {1} aktive Organisationseinheiten sitzen. Ordnen Sie sie zuerst einem anderen Standort zu.", Site.Name, activeUnits];
            ModelState.Clear(); // the status form posts no field values; show the stored ones
            Input = SiteInput.From(Site);
            await LoadUnitsAsync(ct);
            return Page();
        }

        return await SetActiveAsync(Site, false, ct);
    }

    public async Task<IActionResult> OnPostReactivateAsync(int id, CancellationToken ct)
    {
        var site = await db.Sites.FindAsync([id], ct);
        return site is null ? NotFound() : await SetActiveAsync(site, true, ct);
    }

    private async Task<IActionResult> SetActiveAsync(Site site, bool active, CancellationToken ct)
    {
        audit.SetActive(site, active);
        await db.SaveChangesAsync(ct);
        Message = active
            ? t["Der Standort „{0}“ ist wieder aktiv.", site.Name]
            : t["Der Standort „{0}“ wurde deaktiviert.", site.Name];
        return Redirect("/intern/organisation/standorte");
    }

    private async Task LoadUnitsAsync(CancellationToken ct)
    {
        if (Site is not null)
        {
            Units = await db.OrgUnits.AsNoTracking().Where(u => u.SiteId == Site.Id).OrderBy(u => u.Code).ToListAsync(ct);
        }
    }
}

public sealed class SiteInput
{
    [Display(Name = "Kürzel")]
    [Required(ErrorMessage = "Bitte geben Sie ein Kürzel an.")]
    [StringLength(20, ErrorMessage = "Das Kürzel darf höchstens {1} Zeichen lang sein.")]
    public string Code { get; set; } = "";

    [Display(Name = "Name")]
    [Required(ErrorMessage = "Bitte geben Sie einen Namen an.")]
    [StringLength(200, ErrorMessage = "Der Name darf höchstens {1} Zeichen lang sein.")]
    public string Name { get; set; } = "";

    [Display(Name = "Straße und Hausnummer")]
    [Required(ErrorMessage = "Bitte geben Sie Straße und Hausnummer an.")]
    [StringLength(200, ErrorMessage = "Straße und Hausnummer dürfen höchstens {1} Zeichen lang sein.")]
    public string Street { get; set; } = "";

    // German postal codes have exactly five digits; [0-9] because \d would also accept other scripts' digits.
    [Display(Name = "Postleitzahl")]
    [Required(ErrorMessage = "Bitte geben Sie die Postleitzahl an.")]
    [RegularExpression("^[0-9]{5}$", ErrorMessage = "Die Postleitzahl muss aus genau fünf Ziffern bestehen, zum Beispiel 21335.")]
    public string PostalCode { get; set; } = "";

    [Display(Name = "Ort")]
    [Required(ErrorMessage = "Bitte geben Sie den Ort an.")]
    [StringLength(100, ErrorMessage = "Der Ort darf höchstens {1} Zeichen lang sein.")]
    public string City { get; set; } = "";

    [Display(Name = "Öffnungszeiten")]
    [StringLength(1000, ErrorMessage = "Die Öffnungszeiten dürfen höchstens {1} Zeichen lang sein.")]
    public string? OpeningHours { get; set; }

    public static SiteInput From(Site site) => new()
    {
        Code = site.Code,
        Name = site.Name,
        Street = site.Street,
        PostalCode = site.PostalCode,
        City = site.City,
        OpeningHours = site.OpeningHours,
    };
}
