using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Data;
using Rathaus.Platform.Audit;
using Rathaus.Platform.Auth;

namespace Rathaus.Platform.OrgChart.Substitutions;

/// <summary>Create and edit a substitution, end a running one early or remove a planned one.</summary>
/// <remarks>
/// The audit key is the absent position's mailbox: a substitution has no key of its own before it is saved, and
/// "who stood in for this office" is what the log is searched for.
/// </remarks>
[Authorize(Roles = StaffRoles.Administrator)]
public sealed class SubstitutionModel(RathausDb db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public SubstitutionInput Input { get; set; } = new();

    public Substitution? Substitution { get; private set; }
    public DateOnly Today { get; } = clock.Today();
    public IReadOnlyList<SelectListItem> PositionItems { get; private set; } = [];

    /// <summary>The last day when ended now: yesterday, or today for one that began today (it cannot end before it began).</summary>
    public DateOnly EndDay => Substitution is null ? Today : Max(Substitution.From, Today.AddDays(-1));

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int? id, int? stelle, CancellationToken ct)
    {
        if (id is not null)
        {
            Substitution = await LoadAsync(id.Value, ct);
            if (Substitution is null)
            {
                return NotFound();
            }

            Input = SubstitutionInput.Of(Substitution);
        }
        else
        {
            Input.PositionId = stelle;
            Input.From = Today;
        }

        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Substitution = id is null ? null : await LoadAsync(id.Value, ct);
        if (id is not null && Substitution is null)
        {
            return NotFound();
        }

        var positions = await CheckRulesAsync(ct);
        if (!ModelState.IsValid)
        {
            await LoadChoicesAsync(ct);
            return Page();
        }

        var before = Substitution?.Snapshot();
        var substitution = Substitution ?? db.Substitutions.Add(new Substitution()).Entity;
        substitution.PositionId = Input.PositionId!.Value;
        substitution.SubstitutePositionId = Input.SubstitutePositionId!.Value;
        substitution.From = Input.From!.Value;
        substitution.Until = Input.Until;
        substitution.Reason = string.IsNullOrWhiteSpace(Input.Reason) ? null : Input.Reason.Trim();
        var absent = positions[substitution.PositionId];
        audit.Record(Substitution is null ? "Substitution.Created" : "Substitution.Changed", nameof(OrgChart.Substitution), absent.Mailbox, before, substitution.Snapshot());
        await db.SaveChangesAsync(ct);

        Message = t["Die Vertretung für „{0}“ wurde gespeichert.", absent.Title];
        return Redirect("/intern/organisation/vertretungen");
    }

    /// <summary>Ends a running substitution now; one that has not begun yet is removed (the audit log keeps it).</summary>
    public async Task<IActionResult> OnPostEndAsync(int id, CancellationToken ct)
    {
        Substitution = await LoadAsync(id, ct);
        if (Substitution is null)
        {
            return NotFound();
        }

        var absent = Substitution.Position!;
        var before = Substitution.Snapshot();
        if (Substitution.From > Today)
        {
            db.Substitutions.Remove(Substitution);
            audit.Record("Substitution.Removed", nameof(OrgChart.Substitution), absent.Mailbox, before, null);
            Message = t["Die geplante Vertretung für „{0}“ wurde entfernt.", absent.Title];
        }
        else if (Substitution.Until < Today)
        {
            Message = t["Die Vertretung für „{0}“ war schon beendet.", absent.Title];
            return Redirect("/intern/organisation/vertretungen");
        }
        else
        {
            Substitution.Until = EndDay;
            audit.Record("Substitution.Ended", nameof(OrgChart.Substitution), absent.Mailbox, before, Substitution.Snapshot());
            Message = t["Die Vertretung für „{0}“ endet am {1}.", absent.Title, SubstitutionsModel.Day(EndDay)];
        }

        await db.SaveChangesAsync(ct);
        return Redirect("/intern/organisation/vertretungen");
    }

    private Task<Substitution?> LoadAsync(int id, CancellationToken ct) =>
        db.Substitutions.Include(s => s.Position).SingleOrDefaultAsync(s => s.Id == id, ct);

    /// <summary>Adds an error next to each field that breaks a rule; returns the chosen positions by id.</summary>
    private async Task<IReadOnlyDictionary<int, Position>> CheckRulesAsync(CancellationToken ct)
    {
        int[] ids = [.. new[] { Input.PositionId, Input.SubstitutePositionId }.OfType<int>()];
        var positions = await db.Positions.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        CheckPosition(nameof(SubstitutionInput.PositionId), Input.PositionId, Substitution?.PositionId, positions);
        CheckPosition(nameof(SubstitutionInput.SubstitutePositionId), Input.SubstitutePositionId, Substitution?.SubstitutePositionId, positions);

        if (Input is { PositionId: int positionId, SubstitutePositionId: int substituteId, From: DateOnly from })
        {
            var candidate = new Substitution
            {
                Id = Substitution?.Id ?? 0,
                PositionId = positionId,
                SubstitutePositionId = substituteId,
                From = from,
                Until = Input.Until,
            };
            var existing = await db.Substitutions.AsNoTracking().Where(s => s.PositionId == positionId).ToListAsync(ct);
            foreach (var violation in OrgRules.CheckSubstitution(candidate, existing))
            {
                ModelState.AddModelError("Input." + violation.Field, t[violation.Message]);
            }
        }

        return positions;
    }

    // An inactive position may stay where it already was (e.g. to correct the dates), but not be newly chosen.
    private void CheckPosition(string field, int? chosen, int? stored, Dictionary<int, Position> positions)
    {
        if (chosen is not int id)
        {
            return;
        }

        if (!positions.TryGetValue(id, out var position))
        {
            ModelState.AddModelError("Input." + field, t["Diese Stelle gibt es nicht."]);
        }
        else if (!position.IsActive && id != stored)
        {
            ModelState.AddModelError("Input." + field, t["Die Stelle „{0}“ ist deaktiviert und kann nicht gewählt werden.", position.Title]);
        }
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        int?[] keep = [Input.PositionId, Input.SubstitutePositionId, Substitution?.PositionId, Substitution?.SubstitutePositionId];
        var positions = await db.Positions.AsNoTracking()
            .Where(p => p.IsActive || keep.Contains(p.Id))
            .ToListAsync(ct);
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        var parents = units.ToDictionary(u => u.Key, u => u.Value.ParentId);

        // Grouped by unit in the order of the org chart, so equal titles ("Sachbearbeitung …") stay apart.
        string TreeOrder(int unitId) => string.Join('\u0001', OrgRules.PathUp(parents, unitId).Reverse().Select(id => units[id].Code));
        PositionItems = [.. positions
            .GroupBy(p => p.OrgUnitId)
            .OrderBy(g => TreeOrder(g.Key), StringComparer.Ordinal)
            .SelectMany(g =>
            {
                var unit = units[g.Key];
                var group = new SelectListGroup { Name = unit.Code + " – " + unit.Name };
                return g.OrderByDescending(p => p.IsLead).ThenBy(p => p.Title)
                    .Select(p => new SelectListItem(p.IsActive ? p.Title : p.Title + " (" + t["deaktiviert"] + ")", p.Id.ToString(CultureInfo.InvariantCulture)) { Group = group });
            })];
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}

public sealed class SubstitutionInput
{
    [Display(Name = "Vertretene Stelle")]
    [Required(ErrorMessage = "Bitte wählen Sie die Stelle, die vertreten wird.")]
    public int? PositionId { get; set; }

    [Display(Name = "Vertretung durch")]
    [Required(ErrorMessage = "Bitte wählen Sie die Stelle, die die Vertretung übernimmt.")]
    public int? SubstitutePositionId { get; set; }

    [Display(Name = "Von")]
    [Required(ErrorMessage = "Bitte geben Sie den ersten Tag der Vertretung an.")]
    public DateOnly? From { get; set; }

    [Display(Name = "Bis")]
    public DateOnly? Until { get; set; }

    [Display(Name = "Grund")]
    [StringLength(500, ErrorMessage = "Der Grund darf höchstens {1} Zeichen lang sein.")]
    public string? Reason { get; set; }

    public static SubstitutionInput Of(Substitution substitution) => new()
    {
        PositionId = substitution.PositionId,
        SubstitutePositionId = substitution.SubstitutePositionId,
        From = substitution.From,
        Until = substitution.Until,
        Reason = substitution.Reason,
    };
}
