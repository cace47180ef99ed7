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

namespace Rathaus.Platform.OrgChart.Positions;

/// <summary>Create, change, move (change unit), deactivate and reactivate a position.</summary>
[Authorize(Roles = StaffRoles.Administrator)]
public sealed class PositionModel(RathausDb db, AuditLog audit, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public PositionInput Input { get; set; } = new();

    public Position? Position { get; private set; }
    public IEnumerable<SelectListItem> UnitItems { get; private set; } = [];
    public IReadOnlyList<StaffMember> Holders { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int? id, int? einheit, CancellationToken ct)
    {
        if (id is not null)
        {
            Position = await db.Positions.FindAsync([id], ct);
            if (Position is null)
            {
                return NotFound();
            }

            Input = PositionInput.From(Position);
        }
        else
        {
            Input.OrgUnitId = einheit;
            Input.Roles = [PositionRole.CaseWork];
        }

        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Position = id is null ? null : await db.Positions.Include(p => p.OrgUnit).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (id is not null && Position is null)
        {
            return NotFound();
        }

        await CheckRulesAsync(ct);
        if (!ModelState.IsValid)
        {
            await LoadChoicesAsync(ct);
            return Page();
        }

        var before = Position?.Snapshot();
        var position = Position ?? db.Positions.Add(new Position { Title = "", Mailbox = "" }).Entity;
        var moved = Position is not null && Position.OrgUnitId != Input.OrgUnitId;
        position.Title = Input.Title.Trim();
        // Stored in lower case so the unique index also holds on PostgreSQL, whose comparison is case-sensitive.
        position.Mailbox = Input.Mailbox.Trim().ToLowerInvariant();
        position.OrgUnitId = Input.OrgUnitId!.Value;
        position.OrgUnit = await db.OrgUnits.FindAsync([position.OrgUnitId], ct); // for the audit snapshot
        position.IsLead = Input.IsLead;
        position.Roles = PositionRoles.Combine(Input.Roles);
        audit.Record(Position is null ? "Position.Created" : moved ? "Position.Moved" : "Position.Changed", nameof(OrgChart.Position), position.Mailbox, before, position.Snapshot());
        await db.SaveChangesAsync(ct);

        Message = t["Die Stelle „{0}“ wurde gespeichert.", position.Title];
        return Redirect($"/intern/organisation/stelle/{position.Id}");
    }

    public Task<IActionResult> OnPostDeactivateAsync(int id, CancellationToken ct) => SetActiveAsync(id, false, ct);

    public Task<IActionResult> OnPostReactivateAsync(int id, CancellationToken ct) => SetActiveAsync(id, true, ct);

    private async Task<IActionResult> SetActiveAsync(int id, bool active, CancellationToken ct)
    {
        var position = await db.Positions.Include(p => p.OrgUnit).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (position is null)
        {
            return NotFound();
        }

        audit.SetActive(position, active);
        await db.SaveChangesAsync(ct);
        Message = active
            ? t["Die Stelle „{0}“ ist wieder aktiv.", position.Title]
            : t["Die Stelle „{0}“ wurde deaktiviert.", position.Title];
        return Redirect($"/intern/organisation/stelle/{position.Id}");
    }

    private async Task CheckRulesAsync(CancellationToken ct)
    {
        var mailbox = Input.Mailbox?.Trim() ?? "";
        if (mailbox.Length > 0)
        {
            // Mail addresses are compared without case; the unique index alone would let Strassen@ and strassen@ both in.
            var lower = mailbox.ToLowerInvariant();
            var owner = await db.Positions.AsNoTracking()
                .Where(p => p.Mailbox.ToLower() == lower && p.Id != (Position == null ? 0 : Position.Id))
                .Select(p => p.Title)
                .FirstOrDefaultAsync(ct);
            if (owner is not null)
            {
                ModelState.AddModelError("Input.Mailbox", t["Die Postfach-Adresse „{0}“ gehört schon zur Stelle „{1}“.", mailbox, owner]);
            }
        }

        if (Input.OrgUnitId is int unitId)
        {
            var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
            if (unit is null)
            {
                ModelState.AddModelError("Input.OrgUnitId", t["Die gewählte Organisationseinheit gibt es nicht."]);
            }
            else if (!unit.IsActive && unit.Id != Position?.OrgUnitId)
            {
                ModelState.AddModelError("Input.OrgUnitId", t["Die Organisationseinheit „{0}“ ist deaktiviert und bekommt keine neuen Stellen.", unit.Name]);
            }
        }
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        var units = await db.OrgUnits.AsNoTracking().ToListAsync(ct);
        UnitItems = OrgTexts.UnitItems(units, u => u.IsActive || u.Id == Position?.OrgUnitId);
        if (Position is not null)
        {
            Holders = await db.StaffMembers.AsNoTracking()
                .Where(s => s.Positions.Any(p => p.Id == Position.Id))
                .OrderBy(s => s.DisplayName)
                .ToListAsync(ct);
        }
    }
}

public sealed class PositionInput
{
    [Display(Name = "Titel")]
    [Required(ErrorMessage = "Bitte geben Sie einen Titel an.")]
    [StringLength(200, ErrorMessage = "Der Titel darf höchstens {1} Zeichen lang sein.")]
    public string Title { get; set; } = "";

    [Display(Name = "Funktionspostfach")]
    [Required(ErrorMessage = "Bitte geben Sie die Adresse des Funktionspostfachs an.")]
    [EmailAddress(ErrorMessage = "Die Adresse des Funktionspostfachs ist keine gültige E-Mail-Adresse.")]
    [StringLength(254, ErrorMessage = "Die Adresse des Funktionspostfachs darf höchstens {1} Zeichen lang sein.")]
    public string Mailbox { get; set; } = "";

    [Display(Name = "Organisationseinheit")]
    [Required(ErrorMessage = "Eine Stelle gehört immer zu einer Organisationseinheit. Bitte wählen Sie eine aus.")]
    public int? OrgUnitId { get; set; }

    [Display(Name = "Leitung")]
    public bool IsLead { get; set; }

    /// <summary>Empty unless posted: unchecked boxes send nothing, so a default here would survive unchecking.</summary>
    [Display(Name = "Rollen")]
    public List<PositionRole> Roles { get; set; } = [];

    public static PositionInput From(Position position) => new()
    {
        Title = position.Title,
        Mailbox = position.Mailbox,
        OrgUnitId = position.OrgUnitId,
        IsLead = position.IsLead,
        Roles = PositionRoles.Split(position.Roles).ToList(),
    };
}
