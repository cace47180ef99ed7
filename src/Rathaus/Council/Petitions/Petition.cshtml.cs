using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using Rathaus.Concerns.Inbox;
using Rathaus.Concerns.Submit;
using Rathaus.Council.Model;
using Rathaus.Council.Pages;
using Rathaus.Data;
using Rathaus.Platform.Auth;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Council.Petitions;

/// <summary>One petition: put it on a committee meeting's agenda, then tell the citizen the outcome.</summary>
[Authorize(Roles = StaffRoles.CouncilOffice)]
public sealed class PetitionModel(
    RathausDb db,
    ConcernAccess access,
    CouncilPetitions petitions,
    IConfiguration configuration,
    TimeProvider clock,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public CouncilPetition Petition { get; private set; } = null!;
    public IReadOnlyList<SelectListItem> MeetingItems { get; private set; } = [];
    public Meeting? ScheduledMeeting { get; private set; }

    public ScheduleInput Schedule { get; set; } = new();
    public OutcomeInput Outcome { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var title = Petition.Concern!.Kind == Concerns.Model.ConcernKind.Complaint ? Texts.Key("Beschwerde nach § 34 NKomVG") : Texts.Key("Anregung nach § 34 NKomVG");
        Schedule.Title = t[title];
        return Page();
    }

    public async Task<IActionResult> OnPostScheduleAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        await TryUpdateModelAsync(Schedule, nameof(Schedule));
        Meeting? meeting = null;
        if (Petition.Status != PetitionStatus.Received)
        {
            ModelState.AddModelError("Schedule.MeetingId", t["Die Anregung oder Beschwerde steht bereits auf einer Tagesordnung."]);
        }
        else if (Schedule.MeetingId is int meetingId)
        {
            meeting = MeetingItems.Any(m => m.Value == meetingId.ToString(CultureInfo.InvariantCulture))
                ? await db.CouncilMeetings.SingleAsync(m => m.Id == meetingId, ct)
                : null;
            if (meeting is null)
            {
                ModelState.AddModelError("Schedule.MeetingId", t["Bitte wählen Sie eine der kommenden Sitzungen aus der Liste."]);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var acting = await ActingAsync(ct);
        var item = await petitions.ScheduleAsync(Petition, meeting!, Schedule.Title!.Trim(), Schedule.Public, acting, clock.GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
        Message = t["Die Anregung oder Beschwerde steht als {0} auf der Tagesordnung.", item.Number];
        return Redirect(Here());
    }

    public async Task<IActionResult> OnPostOutcomeAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        await TryUpdateModelAsync(Outcome, nameof(Outcome));
        if (Petition.Status != PetitionStatus.Scheduled)
        {
            ModelState.AddModelError("Outcome.Text", Petition.Status == PetitionStatus.Decided
                ? t["Das Ergebnis wurde bereits mitgeteilt."]
                : t["Bitte setzen Sie die Anregung oder Beschwerde zuerst auf die Tagesordnung einer Sitzung."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var acting = await ActingAsync(ct);
        await petitions.DecideAsync(Petition, Outcome.Text!.Trim().ReplaceLineEndings("\n"), acting, clock.GetUtcNow().UtcDateTime,
            token => TrackingLinks.Url(Request, configuration, token), ct);
        Message = t["Das Ergebnis ist gespeichert und der Bürgerin oder dem Bürger mitgeteilt."];
        return Redirect(Here());
    }

    private string Here() => $"/intern/rat/anregungen/{Petition.Id.ToString(CultureInfo.InvariantCulture)}";

    private async Task<Position> ActingAsync(CancellationToken ct) =>
        await access.ActingPositionAsync(User, Petition.Concern!, ct) ?? throw new InvalidOperationException("A council office member without a position.");

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var petition = await db.CouncilPetitions.Include(p => p.Concern).Include(p => p.AgendaItem).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (petition is null)
        {
            return false;
        }

        Petition = petition;
        ScheduledMeeting = petition.AgendaItem is { } item ? await db.CouncilMeetings.AsNoTracking().SingleAsync(m => m.Id == item.MeetingId, ct) : null;

        // Meetings from today on that are not cancelled, of the council and its committees (not of factions).
        var from = clock.GetUtcNow().UtcDateTime.Date;
        var meetings = await db.CouncilMeetings.AsNoTracking()
            .Where(m => !m.Deleted && !m.Cancelled && m.Start >= from
                && m.Organizations.Any(o => o.Kind != OrganizationKind.Faction && o.Kind != OrganizationKind.Group))
            .OrderBy(m => m.Start).Take(60).Select(m => new { m.Id, m.Name }).ToListAsync(ct);
        MeetingItems = [.. meetings.Select(m => new SelectListItem(m.Name, m.Id.ToString(CultureInfo.InvariantCulture)))];
        return true;
    }
}

public sealed class ScheduleInput
{
    [Display(Name = "Sitzung")]
    [Required(ErrorMessage = "Bitte wählen Sie die Sitzung, in der die Anregung oder Beschwerde beraten wird.")]
    public int? MeetingId { get; set; }

    [Display(Name = "Gegenstand")]
    [Required(ErrorMessage = "Bitte geben Sie den Gegenstand des Tagesordnungspunkts an.")]
    [StringLength(500, ErrorMessage = "Der Gegenstand darf höchstens {1} Zeichen lang sein.")]
    public string? Title { get; set; }

    [Display(Name = "Öffentlich")]
    public bool Public { get; set; } = true;
}

public sealed class OutcomeInput
{
    [Display(Name = "Ergebnis für die Bürgerin oder den Bürger")]
    [Required(ErrorMessage = "Bitte schreiben Sie das Ergebnis der Beratung.")]
    [StringLength(10000, ErrorMessage = "Das Ergebnis darf höchstens {1} Zeichen lang sein.")]
    public string? Text { get; set; }
}
