using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Data;
using Rathaus.Platform.Audit;
using Rathaus.Platform.Auth;

namespace Rathaus.Platform.OrgChart.Units;

/// <summary>Create, rename, move (change parent), deactivate and reactivate an org unit.</summary>
[Authorize(Roles = StaffRoles.Administrator)]
public sealed class UnitModel(RathausDb db, AuditLog audit, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public UnitInput Input { get; set; } = new();

    public OrgUnit? Unit { get; private set; }
    public IReadOnlyList<Position> Positions { get; private set; } = [];
    public IEnumerable<SelectListItem> KindItems => OrgTexts.KindItems(t);
    public IEnumerable<SelectListItem> ParentItems { get; private set; } = [];
    public IEnumerable<SelectListItem> SiteItems { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int? id, int? uebergeordnet, CancellationToken ct)
    {
        if (id is not null)
        {
            Unit = await db.OrgUnits.FindAsync([id], ct);
            if (Unit is null)
            {
                return NotFound();
            }

            Input = UnitInput.From(Unit);
        }
        else
        {
            Input.ParentId = uebergeordnet;
        }

        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Unit = id is null ? null : await db.OrgUnits.FindAsync([id], ct);
        if (id is not null && Unit is null)
        {
            return NotFound();
        }

        await CheckRulesAsync(ct);
        if (!ModelState.IsValid)
        {
            await LoadChoicesAsync(ct);
            return Page();
        }

        var before = Unit?.Snapshot();
        var unit = Unit ?? db.OrgUnits.Add(new OrgUnit { Code = "", Name = "" }).Entity;
        var moved = Unit is not null && Unit.ParentId != Input.ParentId;
        unit.Code = Input.Code.Trim();
        unit.Name = Input.Name.Trim();
        unit.Kind = Input.Kind!.Value;
        unit.ParentId = Input.ParentId;
        unit.Parent = Input.ParentId is int parentId ? await db.OrgUnits.FindAsync([parentId], ct) : null; // for the audit snapshot
        unit.SiteId = Input.SiteId;
        audit.Record(Unit is null ? "OrgUnit.Created" : moved ? "OrgUnit.Moved" : "OrgUnit.Changed", nameof(OrgUnit), unit.Code, before, unit.Snapshot());
        await db.SaveChangesAsync(ct);

        Message = t["Die Organisationseinheit „{0}“ wurde gespeichert.", unit.Name];
        return Redirect("/intern/organisation");
    }

    public Task<IActionResult> OnPostDeactivateAsync(int id, CancellationToken ct) => SetActiveAsync(id, false, ct);

    public Task<IActionResult> OnPostReactivateAsync(int id, CancellationToken ct) => SetActiveAsync(id, true, ct);

    private async Task<IActionResult> SetActiveAsync(int id, bool active, CancellationToken ct)
    {
        var unit = await db.OrgUnits.FindAsync([id], ct);
        if (unit is null)
        {
            return NotFound();
        }

        audit.SetActive(unit, active);
        await db.SaveChangesAsync(ct);
        Message = active
            ? t["Die Organisationseinheit „{0}“ ist wieder aktiv.", unit.Name]
            : t["Die Organisationseinheit „{0}“ wurde deaktiviert.", unit.Name];
        return Redirect("/intern/organisation");
    }

    private async Task CheckRulesAsync(CancellationToken ct)
    {
        var code = Input.Code?.Trim() ?? "";
        if (code.Length > 0 && await db.OrgUnits.AnyAsync(u => u.Code == code && u.Id != (Unit == null ? 0 : Unit.Id), ct))
        {
            ModelState.AddModelError("Input.Code", t["Das Kürzel „{0}“ ist schon vergeben.", code]);
        }

        if (Input.ParentId is int parentId && !await db.OrgUnits.AnyAsync(u => u.Id == parentId, ct))
        {
            ModelState.AddModelError("Input.ParentId", t["Die übergeordnete Einheit gibt es nicht."]);
        }
        else if (Unit is not null && OrgRules.CreatesCycle(await db.OrgUnits.ToDictionaryAsync(u => u.Id, u => u.ParentId, ct), Unit.Id, Input.ParentId))
        {
            ModelState.AddModelError("Input.ParentId", t["Eine Einheit kann nicht unter sich selbst oder eine ihrer Untereinheiten verschoben werden."]);
        }

        if (Input.SiteId is int siteId && siteId != Unit?.SiteId && !await db.Sites.AnyAsync(s => s.Id == siteId && s.IsActive, ct))
        {
            ModelState.AddModelError("Input.SiteId", t["Den Standort gibt es nicht."]);
        }
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        var units = await db.OrgUnits.AsNoTracking().ToListAsync(ct);
        var excluded = Unit is null ? new HashSet<int>() : OrgRules.Subtree(units.ToDictionary(u => u.Id, u => u.ParentId), Unit.Id);
        ParentItems = OrgTexts.UnitItems(units, u => !excluded.Contains(u.Id) && (u.IsActive || u.Id == Input.ParentId));
        SiteItems = await db.Sites.AsNoTracking().Where(s => s.IsActive || s.Id == Input.SiteId).OrderBy(s => s.Name)
            .Select(s => new SelectListItem(s.Name, s.Id.ToString()))
            .ToListAsync(ct);
        if (Unit is not null)
        {
            Positions = await db.Positions.AsNoTracking().Where(p => p.OrgUnitId == Unit.Id).OrderByDescending(p => p.IsLead).ThenBy(p => p.Title).ToListAsync(ct);
        }
    }
}

public sealed class UnitInput
{
    [Display(Name = "Kürzel")]
    [Required(ErrorMessage = "Bitte geben Sie ein Kürzel an.")]
    [StringLength(20, ErrorMessage = "Das Kürzel darf höchstens {1} Zeichen lang sein.")]
    public string Code { get; set; } = "";

    [Display(Name = "Name")]
    [Required(ErrorMessage = "Bitte geben Sie einen Namen an.")]
    [StringLength(200, ErrorMessage = "Der Name darf höchstens {1} Zeichen lang sein.")]
    public string Name { get; set; } = "";

    [Display(Name = "Art")]
    [Required(ErrorMessage = "Bitte wählen Sie die Art der Einheit.")]
    public OrgUnitKind? Kind { get; set; }

    [Display(Name = "Übergeordnete Einheit")]
    public int? ParentId { get; set; }

    [Display(Name = "Standort")]
    public int? SiteId { get; set; }

    public static UnitInput From(OrgUnit unit) => new()
    {
        Code = unit.Code,
        Name = unit.Name,
        Kind = unit.Kind,
        ParentId = unit.ParentId,
        SiteId = unit.SiteId,
    };
}
