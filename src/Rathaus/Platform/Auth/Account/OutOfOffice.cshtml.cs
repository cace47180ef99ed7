using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Data;
using Rathaus.Platform.Audit;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Platform.Auth.Account;

/// <summary>
/// Abwesenheit: a staff member sets their own out-of-office period, which is a substitution of one of their positions
/// by a position they choose. Work stays with the position; the substitute's holders see and receive it meanwhile.
/// </summary>
public sealed class OutOfOfficeModel(RathausDb db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public OutOfOfficeInput Input { get; set; } = new();

    public DateOnly Today { get; } = clock.Today();
    public IReadOnlyList<Position> OwnPositions { get; private set; } = [];
    public IReadOnlyList<Substitution> Current { get; private set; } = [];
    public IReadOnlyList<SelectListItem> OwnItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> SubstituteItems { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input.PositionId = OwnPositions.Count == 1 ? OwnPositions[0].Id : null;
        Input.From = Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Input.PositionId is int own && OwnPositions.All(p => p.Id != own))
        {
            ModelState.AddModelError("Input.PositionId", t["Sie können nur für eine eigene Stelle eine Abwesenheit eintragen."]);
        }

        var substitute = Input.SubstitutePositionId is int id ? await db.Positions.SingleOrDefaultAsync(p => p.Id == id && p.IsActive, ct) : null;
        if (Input.SubstitutePositionId is not null && substitute is null)
        {
            ModelState.AddModelError("Input.SubstitutePositionId", t["Bitte wählen Sie eine aktive Stelle als Vertretung."]);
        }

        if (Input.From is DateOnly from && from < Today)
        {
            ModelState.AddModelError("Input.From", t["Der erste Tag der Abwesenheit darf nicht in der Vergangenheit liegen."]);
        }

        if (ModelState.IsValid)
        {
            var candidate = new Substitution
            {
                PositionId = Input.PositionId!.Value,
                SubstitutePositionId = Input.SubstitutePositionId!.Value,
                From = Input.From!.Value,
                Until = Input.Until,
                Reason = string.IsNullOrWhiteSpace(Input.Reason) ? "Abwesenheit" : Input.Reason.Trim(), // stored data, German like the org chart
            };
            var existing = await db.Substitutions.AsNoTracking().Where(s => s.PositionId == candidate.PositionId).ToListAsync(ct);
            foreach (var violation in OrgRules.CheckSubstitution(candidate, existing))
            {
                ModelState.AddModelError("Input." + violation.Field, t[violation.Message]);
            }

            if (ModelState.IsValid)
            {
                db.Substitutions.Add(candidate);
                var absent = OwnPositions.Single(p => p.Id == candidate.PositionId);
                audit.Record("Substitution.Created", nameof(Substitution), absent.Mailbox, null, candidate.Snapshot());
                await db.SaveChangesAsync(ct);
                Message = t["Ihre Abwesenheit vom {0} bis {1} ist eingetragen. Vertretung: {2}.",
                    Day(candidate.From), Day(candidate.Until!.Value), substitute!.Title];
                return RedirectToPage();
            }
        }

        return Page();
    }

    /// <summary>
    /// Back earlier: a running substitution of an own position ends yesterday (or today, if it began today); a planned
    /// one is removed (the audit log keeps it). The same rules as on the administrators' substitution page.
    /// </summary>
    public async Task<IActionResult> OnPostEndAsync(int id, CancellationToken ct)
    {
        await LoadAsync(ct);
        var ownIds = OwnPositions.Select(p => p.Id).ToList();
        var substitution = await db.Substitutions.Include(s => s.Position).SingleOrDefaultAsync(s => s.Id == id && ownIds.Contains(s.PositionId), ct);
        if (substitution is null || substitution.Until < Today)
        {
            return NotFound();
        }

        var before = substitution.Snapshot();
        if (substitution.From > Today)
        {
            db.Substitutions.Remove(substitution);
            audit.Record("Substitution.Removed", nameof(Substitution), substitution.Position!.Mailbox, before, null);
            Message = t["Die geplante Abwesenheit wurde entfernt."];
        }
        else
        {
            var yesterday = Today.AddDays(-1);
            substitution.Until = substitution.From > yesterday ? substitution.From : yesterday;
            audit.Record("Substitution.Ended", nameof(Substitution), substitution.Position!.Mailbox, before, substitution.Snapshot());
            Message = t["Die Vertretung endet am {0}.", Day(substitution.Until.Value)];
        }

        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    public static string Day(DateOnly day) => day.ToString("dd.MM.yyyy", PlatformModule.German);

    private async Task LoadAsync(CancellationToken ct)
    {
        var staffId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        OwnPositions = await db.StaffMembers.Where(s => s.Id == staffId)
            .SelectMany(s => s.Positions.Where(p => p.IsActive))
            .OrderBy(p => p.Title).ToListAsync(ct);
        var ownIds = OwnPositions.Select(p => p.Id).ToList();
        Current = await db.Substitutions.AsNoTracking().Include(s => s.Position).Include(s => s.SubstitutePosition)
            .Where(s => ownIds.Contains(s.PositionId) && (s.Until == null || s.Until >= Today))
            .OrderBy(s => s.From).ToListAsync(ct);
        OwnItems = [.. OwnPositions.Select(p => new SelectListItem(p.Title, p.Id.ToString(CultureInfo.InvariantCulture)))];
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Code + " – " + u.Name, ct);
        SubstituteItems = [.. (await db.Positions.AsNoTracking().Where(p => p.IsActive && !ownIds.Contains(p.Id)).ToListAsync(ct))
            .OrderBy(p => units[p.OrgUnitId], StringComparer.Ordinal).ThenBy(p => p.Title)
            .Select(p => new SelectListItem(p.Title + " (" + units[p.OrgUnitId] + ")", p.Id.ToString(CultureInfo.InvariantCulture)))];
    }
}

public sealed class OutOfOfficeInput
{
    [Display(Name = "Meine Stelle")]
    [Required(ErrorMessage = "Bitte wählen Sie die Stelle, für die Sie abwesend sind.")]
    public int? PositionId { get; set; }

    [Display(Name = "Vertretung durch")]
    [Required(ErrorMessage = "Bitte wählen Sie die Stelle, die Sie vertritt.")]
    public int? SubstitutePositionId { get; set; }

    [Display(Name = "Von")]
    [Required(ErrorMessage = "Bitte geben Sie den ersten Tag Ihrer Abwesenheit an.")]
    public DateOnly? From { get; set; }

    [Display(Name = "Bis")]
    [Required(ErrorMessage = "Bitte geben Sie den letzten Tag Ihrer Abwesenheit an.")]
    public DateOnly? Until { get; set; }

    [Display(Name = "Grund")]
    [StringLength(500, ErrorMessage = "Der Grund darf höchstens {1} Zeichen lang sein.")]
    public string? Reason { get; set; }
}
