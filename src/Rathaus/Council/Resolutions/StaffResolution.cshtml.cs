using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Data;
using Rathaus.Platform;
using Rathaus.Platform.Audit;
using Rathaus.Platform.Auth;

namespace Rathaus.Council.Resolutions;

/// <summary>
/// One resolution in the staff area: the responsible unit reports progress and sets the state; the council office
/// assigns the unit and the target date. Someone who may not see it gets 404, as for concerns.
/// </summary>
public sealed class StaffResolutionModel(
    RathausDb db,
    ResolutionAccess access,
    ResolutionRecords records,
    AuditLog audit,
    TimeProvider clock,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public ResolutionRow Row { get; private set; } = null!;
    public ResolutionTracking Tracking { get; private set; } = null!;
    public string? ResolutionText { get; private set; }
    public string? SettledByReference { get; private set; }
    public IReadOnlyList<ResolutionProgress> Progress { get; private set; } = [];
    public IReadOnlyList<SelectListItem> UnitItems { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool IsCouncilOffice => User.IsInRole(StaffRoles.CouncilOffice);

    public ProgressInput Report { get; set; } = new();
    public StatusInput State { get; set; } = new();
    public AssignmentInput Assignment { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public IEnumerable<SelectListItem> StatusItems => Enum.GetValues<ResolutionStatus>()
        .Select(s => new SelectListItem(t[ResolutionTexts.Status(s)], s.ToString()));

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Report.Date = Today;
        State = new StatusInput { Status = Tracking.Status, SettledByReference = SettledByReference };
        Assignment = new AssignmentInput { UnitId = Tracking.OrgUnitId, TargetDate = Tracking.TargetDate };
        return Page();
    }

    public async Task<IActionResult> OnPostReportAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        await TryUpdateModelAsync(Report, nameof(Report));
        if (Report.Date is DateOnly date && date > Today)
        {
            ModelState.AddModelError("Report.Date", t["Ein Sachstand kann nicht in der Zukunft liegen."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var position = await access.ActingPositionAsync(User, Tracking.OrgUnitId, ct);
        if (position is null)
        {
            ModelState.AddModelError("Report.Text", t["Sie haben keine Stelle, in deren Auftrag Sie berichten können."]);
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var progress = new ResolutionProgress
        {
            ResolutionTrackingId = Tracking.Id,
            Date = Report.Date!.Value,
            Text = Report.Text!.Trim().ReplaceLineEndings("\n"),
            SignedByUnit = position.OrgUnit!.Name,
            SignedByPosition = position.Title,
            PositionId = position.Id,
            StaffMemberId = Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var staffId) ? staffId : null,
            At = now,
        };
        db.ResolutionProgress.Add(progress);
        var before = Tracking.Snapshot();
        if (Tracking.Status == ResolutionStatus.Open)
        {
            Tracking.Status = ResolutionStatus.InProgress; // a report means the work has begun
        }

        Tracking.Modified = now;
        await records.TouchPublishedAsync(Tracking.AgendaItemId, now, ct);
        audit.Record("Resolution.ProgressReported", nameof(ResolutionTracking), Key, before,
            new { Tracking.Status, progress.Date, progress.Text, progress.SignedByUnit, progress.SignedByPosition });
        await db.SaveChangesAsync(ct);
        Message = t["Der Sachstand ist gespeichert und wird mit dem Beschluss veröffentlicht."];
        return Redirect(Here());
    }

    public async Task<IActionResult> OnPostStatusAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        await TryUpdateModelAsync(State, nameof(State));
        int? settledBy = null;
        if (State.Status == ResolutionStatus.Superseded)
        {
            var reference = State.SettledByReference?.Trim();
            if (string.IsNullOrEmpty(reference))
            {
                ModelState.AddModelError("State.SettledByReference", t["Bitte geben Sie die Drucksachennummer an, durch die der Beschluss erledigt ist."]);
            }
            else
            {
                settledBy = await db.Papers.Where(p => p.Reference == reference && !p.Deleted).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);
                if (settledBy is null)
                {
                    ModelState.AddModelError("State.SettledByReference", t["Eine Vorlage mit dieser Drucksachennummer gibt es nicht."]);
                }
                else if (settledBy == Row.PaperId)
                {
                    ModelState.AddModelError("State.SettledByReference", t["Ein Beschluss kann nicht durch seine eigene Vorlage erledigt sein."]);
                }
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var before = Tracking.Snapshot();
        Tracking.Status = State.Status!.Value;
        Tracking.SettledByPaperId = settledBy;
        Tracking.Modified = now;
        await records.TouchPublishedAsync(Tracking.AgendaItemId, now, ct);
        audit.Record("Resolution.StatusChanged", nameof(ResolutionTracking), Key, before, Tracking.Snapshot());
        await db.SaveChangesAsync(ct);
        Message = t["Der Stand der Umsetzung ist jetzt „{0}“.", t[ResolutionTexts.Status(Tracking.Status)]];
        return Redirect(Here());
    }

    public async Task<IActionResult> OnPostAssignAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!IsCouncilOffice)
        {
            return Forbid();
        }

        await TryUpdateModelAsync(Assignment, nameof(Assignment));
        if (Assignment.UnitId is int unitId && !UnitItems.Any(u => u.Value == unitId.ToString(CultureInfo.InvariantCulture)))
        {
            ModelState.AddModelError("Assignment.UnitId", t["Diese Organisationseinheit gibt es nicht. Bitte wählen Sie eine aus der Liste."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var before = Tracking.Snapshot();
        Tracking.OrgUnitId = Assignment.UnitId;
        Tracking.TargetDate = Assignment.TargetDate;
        Tracking.Modified = now;
        await records.TouchPublishedAsync(Tracking.AgendaItemId, now, ct);
        audit.Record("Resolution.Assigned", nameof(ResolutionTracking), Key, before, Tracking.Snapshot());
        await db.SaveChangesAsync(ct);
        Message = t["Zuständigkeit und Zieldatum sind gespeichert."];
        return Redirect(Here());
    }

    private string Key => Tracking.Id.ToString(CultureInfo.InvariantCulture);

    private string Here() => $"/intern/beschluesse/{Key}";

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var visible = await access.VisibleAsync(User, ct);
        var tracking = await visible.Where(r => r.Id == id && !r.AgendaItem!.Deleted).SingleOrDefaultAsync(ct);
        if (tracking is null)
        {
            return false;
        }

        Tracking = tracking;
        Row = await ResolutionRows.Select(db.ResolutionTrackings.Where(r => r.Id == id)).SingleAsync(ct);
        ResolutionText = await db.AgendaItems.Where(a => a.Id == tracking.AgendaItemId).Select(a => a.ResolutionText).SingleAsync(ct);
        SettledByReference = tracking.SettledByPaperId is int p ? await db.Papers.Where(x => x.Id == p).Select(x => x.Reference).SingleAsync(ct) : null;
        Progress = await db.ResolutionProgress.AsNoTracking().Where(x => x.ResolutionTrackingId == id).OrderByDescending(x => x.Date).ThenByDescending(x => x.Id).ToListAsync(ct);
        UnitItems = await ResolutionUnits.ItemsAsync(db, ct);
        Today = clock.Today();
        return true;
    }
}

public sealed class ProgressInput
{
    [Display(Name = "Datum")]
    [Required(ErrorMessage = "Bitte geben Sie das Datum des Sachstands an.")]
    public DateOnly? Date { get; set; }

    [Display(Name = "Sachstand")]
    [Required(ErrorMessage = "Bitte beschreiben Sie den Stand der Umsetzung.")]
    [StringLength(4000, ErrorMessage = "Der Sachstand darf höchstens {1} Zeichen lang sein.")]
    public string? Text { get; set; }
}

public sealed class StatusInput
{
    [Display(Name = "Stand")]
    [Required(ErrorMessage = "Bitte wählen Sie den Stand der Umsetzung.")]
    public ResolutionStatus? Status { get; set; }

    [Display(Name = "Erledigt durch Drucksache")]
    [StringLength(20, ErrorMessage = "Die Drucksachennummer darf höchstens {1} Zeichen lang sein.")]
    public string? SettledByReference { get; set; }
}

public sealed class AssignmentInput
{
    [Display(Name = "Zuständig für die Umsetzung")]
    public int? UnitId { get; set; }

    [Display(Name = "Umsetzen bis")]
    public DateOnly? TargetDate { get; set; }
}
