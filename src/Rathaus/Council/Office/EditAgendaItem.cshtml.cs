using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Council.Model;
using Rathaus.Council.Resolutions;
using Rathaus.Data;
using Rathaus.Platform.Audit;
using Rathaus.Platform.Auth;

namespace Rathaus.Council.Office;

/// <summary>
/// Recording the result of an agenda item after the meeting, or correcting it; audited. A resolution text starts the
/// Beschlusskontrolle: the item gets its implementation record with the unit and target date chosen here.
/// </summary>
[Authorize(Roles = StaffRoles.CouncilOffice)]
public sealed class EditAgendaItemModel(RathausDb db, AuditLog audit, ResolutionRecords resolutions, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public IReadOnlyList<SelectListItem> UnitItems { get; private set; } = [];

    /// <summary>The implementation record, once the item has a resolution.</summary>
    public ResolutionTracking? Tracking { get; private set; }

    [BindProperty]
    public AgendaItemChange Input { get; set; } = new();

    public AgendaItem Item { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input = new AgendaItemChange
        {
            Number = Item.Number,
            Name = Item.Name,
            Public = Item.Public,
            Result = Item.Result,
            ResolutionText = Item.ResolutionText,
            ResponsibleUnitId = Tracking?.OrgUnitId,
            TargetDate = Tracking?.TargetDate,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (Input.ResponsibleUnitId is int unitId && !UnitItems.Any(u => u.Value == unitId.ToString(CultureInfo.InvariantCulture)))
        {
            ModelState.AddModelError("Input.ResponsibleUnitId", t["Diese Organisationseinheit gibt es nicht. Bitte wählen Sie eine aus der Liste."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var before = Snapshot(Item);
        var now = clock.GetUtcNow().UtcDateTime;
        Item.Number = Input.Number!.Trim();
        Item.Name = Input.Name!.Trim();
        Item.Public = Input.Public;
        Item.Result = string.IsNullOrWhiteSpace(Input.Result) ? null : Input.Result.Trim();
        Item.ResolutionText = string.IsNullOrWhiteSpace(Input.ResolutionText) ? null : Input.ResolutionText.Trim();
        Item.Modified = now;
        Item.Meeting!.Modified = now; // OParl embeds the item in its meeting
        if (Item.Consultation is { } consultation)
        {
            consultation.Result = Item.Result;
            consultation.Modified = now;
        }

        audit.Record("AgendaItem.Changed", nameof(AgendaItem), Item.Id.ToString(CultureInfo.InvariantCulture), before, Snapshot(Item));
        var tracking = await resolutions.EnsureAsync(Item, Input.ResponsibleUnitId, Input.TargetDate, now, ct);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = tracking is { OrgUnitId: null }
            ? t["Der Tagesordnungspunkt {0} ist gespeichert. Bitte wählen Sie noch die Organisationseinheit, die den Beschluss umsetzt.", Item.Number].Value
            : t["Der Tagesordnungspunkt {0} ist gespeichert.", Item.Number].Value;
        return Redirect($"/intern/rat/sitzung/{Item.MeetingId.ToString(CultureInfo.InvariantCulture)}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var item = await db.AgendaItems.Include(a => a.Meeting).Include(a => a.Consultation).SingleOrDefaultAsync(a => a.Id == id && !a.Deleted, ct);
        if (item is null)
        {
            return false;
        }

        Item = item;
        Tracking = await db.ResolutionTrackings.AsNoTracking().SingleOrDefaultAsync(r => r.AgendaItemId == id, ct);
        UnitItems = await ResolutionUnits.ItemsAsync(db, ct);
        return true;
    }

    private static object Snapshot(AgendaItem a) => new { a.Number, a.Name, a.Public, a.Result, a.ResolutionText };
}

public sealed class AgendaItemChange
{
    [Display(Name = "Nummer")]
    [Required(ErrorMessage = "Bitte geben Sie die Nummer des Tagesordnungspunkts an.")]
    [StringLength(20, ErrorMessage = "Die Nummer darf höchstens {1} Zeichen lang sein.")]
    public string? Number { get; set; }

    [Display(Name = "Gegenstand")]
    [Required(ErrorMessage = "Bitte geben Sie den Gegenstand des Tagesordnungspunkts an.")]
    [StringLength(500, ErrorMessage = "Der Gegenstand darf höchstens {1} Zeichen lang sein.")]
    public string? Name { get; set; }

    [Display(Name = "Öffentlich")]
    public bool Public { get; set; }

    [Display(Name = "Ergebnis")]
    [StringLength(200, ErrorMessage = "Das Ergebnis darf höchstens {1} Zeichen lang sein.")]
    public string? Result { get; set; }

    [Display(Name = "Beschlusstext")]
    [StringLength(20000, ErrorMessage = "Der Beschlusstext darf höchstens {1} Zeichen lang sein.")]
    public string? ResolutionText { get; set; }

    [Display(Name = "Zuständig für die Umsetzung")]
    public int? ResponsibleUnitId { get; set; }

    [Display(Name = "Umsetzen bis")]
    public DateOnly? TargetDate { get; set; }
}
