using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Rathaus.Council.Files;
using Rathaus.Council.Model;
using Rathaus.Data;
using Rathaus.Platform;
using Rathaus.Platform.Audit;
using Rathaus.Platform.Auth;

namespace Rathaus.Council.Office;

/// <summary>
/// Creating and changing a meeting, and adding agenda items to it. Changing time, place or state raises the
/// meeting's calendar sequence (see <see cref="Meeting.RaiseSequences"/>); every change is audited.
/// </summary>
[Authorize(Roles = StaffRoles.CouncilOffice)]
[RequestSizeLimit(EditPaperModel.RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = EditPaperModel.RequestLimit)]
public sealed class EditMeetingModel(RathausDb db, AuditLog audit, Resolutions.ResolutionRecords resolutions, TimeProvider clock, IOptions<CouncilOptions> options, IStringLocalizer<SharedResource> t) : PageModel
{
    public MeetingFileInput Upload { get; set; } = new();

    public IReadOnlyList<CouncilFile> Files { get; private set; } = [];

    public int MaxMegabytes => options.Value.MaxFileMegabytes;

    public IEnumerable<SelectListItem> FileRoleItems =>
    [
        new(t["Einladung"], nameof(FileRole.Invitation)),
        new(t["Ergebnisprotokoll"], nameof(FileRole.ResultsProtocol)),
        new(t["Anlage"], nameof(FileRole.Auxiliary)),
    ];

    // Two forms on one page: each handler binds and validates only its own input.
    public MeetingInput Input { get; set; } = new();

    public AgendaItemInput Item { get; set; } = new();

    public Meeting? Meeting { get; private set; }
    public IReadOnlyList<SelectListItem> OrganizationItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> LocationItems { get; private set; } = [];
    public IEnumerable<SelectListItem> StateItems => Enum.GetValues<MeetingState>().Select(s => new SelectListItem(t[CouncilNames.State(s)], s.ToString()));

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (id is not null && Meeting is null)
        {
            return NotFound();
        }

        if (Meeting is { } meeting)
        {
            var start = Pages.CouncilTime.Local(meeting.Start);
            Input = new MeetingInput
            {
                Name = meeting.Name,
                OrganizationId = meeting.Organizations.FirstOrDefault()?.Id,
                Date = DateOnly.FromDateTime(start),
                StartTime = TimeOnly.FromDateTime(start),
                EndTime = TimeOnly.FromDateTime(Pages.CouncilTime.Local(meeting.End)),
                LocationId = meeting.LocationId,
                State = meeting.State,
            };
        }

        Item.Number = Meeting is null ? "Ö 1" : $"Ö {Meeting.AgendaItems.Count(a => a.Public) + 1}";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (id is not null && Meeting is null)
        {
            return NotFound();
        }

        await TryUpdateModelAsync(Input, nameof(Input));

        var organization = Input.OrganizationId is int organizationId
            ? await db.CouncilOrganizations.SingleOrDefaultAsync(o => o.Id == organizationId && !o.Deleted, ct)
            : null;
        if (Input.OrganizationId is not null && organization is not { IsCommittee: true })
        {
            ModelState.AddModelError("Input.OrganizationId", t["Bitte wählen Sie ein Gremium aus der Liste."]);
        }

        if (Input.LocationId is int locationId && !await db.CouncilLocations.AnyAsync(l => l.Id == locationId && !l.Deleted, ct))
        {
            ModelState.AddModelError("Input.LocationId", t["Bitte wählen Sie einen Ort aus der Liste."]);
        }

        DateTime start = default, end = default;
        if (Input.Date is { } date && Input.StartTime is { } from && Input.EndTime is { } until)
        {
            start = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(from), CityClock.Zone);
            end = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(until), CityClock.Zone);
            foreach (var violation in CouncilRules.CheckMeeting(start, end))
            {
                ModelState.AddModelError("Input.EndTime", t[violation.Message]);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var meeting = Meeting ?? new Meeting { Name = "" };
        var before = Meeting is null ? null : Snapshot(Meeting);
        meeting.Name = Input.Name!.Trim();
        meeting.Start = start;
        meeting.End = end;
        meeting.LocationId = Input.LocationId;
        meeting.State = Input.State!.Value;
        meeting.Cancelled = Input.State == MeetingState.Cancelled;
        meeting.Organizations.Clear();
        meeting.Organizations.Add(organization!);
        meeting.Modified = now;
        if (Meeting is null)
        {
            meeting.Created = now;
            db.CouncilMeetings.Add(meeting);
            await db.SaveChangesAsync(ct); // the id is the audit key
        }

        audit.Record(before is null ? "Meeting.Created" : "Meeting.Changed", nameof(Meeting), meeting.Id.ToString(CultureInfo.InvariantCulture), before, Snapshot(meeting));
        await db.SaveChangesAsync(ct);
        Message = t["Die Sitzung ist gespeichert."];
        return Redirect($"/intern/rat/sitzung/{meeting.Id.ToString(CultureInfo.InvariantCulture)}");
    }

    public async Task<IActionResult> OnPostItemAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (Meeting is null)
        {
            return NotFound();
        }

        await TryUpdateModelAsync(Item, nameof(Item));

        Paper? paper = null;
        if (!string.IsNullOrWhiteSpace(Item.PaperReference))
        {
            var reference = Item.PaperReference.Trim();
            paper = await db.Papers.SingleOrDefaultAsync(p => p.Reference == reference && !p.Deleted, ct);
            if (paper is null)
            {
                ModelState.AddModelError("Item.PaperReference", t["Eine Vorlage mit dieser Drucksachennummer gibt es nicht."]);
            }
        }

        if (!ModelState.IsValid)
        {
            var entered = Item;
            await OnGetAsync(id, ct);
            Item = entered; // keep what was typed
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var item = new AgendaItem
        {
            MeetingId = Meeting.Id,
            Number = Item.Number!.Trim(),
            Order = Meeting.AgendaItems.Count == 0 ? 1 : Meeting.AgendaItems.Max(a => a.Order) + 1,
            Name = Item.Name!.Trim(),
            Public = Item.Public,
            Result = string.IsNullOrWhiteSpace(Item.Result) ? null : Item.Result.Trim(),
            ResolutionText = string.IsNullOrWhiteSpace(Item.ResolutionText) ? null : Item.ResolutionText.Trim(),
        };
        item.Stamp(now);
        db.AgendaItems.Add(item);
        if (paper is not null)
        {
            var consultation = new Consultation
            {
                Paper = paper,
                MeetingId = Meeting.Id,
                AgendaItem = item,
                OrganizationId = Meeting.Organizations.First().Id,
                Role = "Beratung", // data, like the demo roles, not a UI text
                Order = await db.Consultations.CountAsync(c => c.PaperId == paper.Id, ct) + 1,
                Result = item.Result,
            };
            consultation.Stamp(now);
            db.Consultations.Add(consultation);
        }

        Meeting.Modified = now; // OParl embeds agenda items in the meeting
        await db.SaveChangesAsync(ct);
        audit.Record("AgendaItem.Created", nameof(AgendaItem), item.Id.ToString(CultureInfo.InvariantCulture), null,
            new { item.MeetingId, item.Number, item.Name, item.Public, Paper = paper?.Reference, item.Result, item.ResolutionText });
        await resolutions.EnsureAsync(item, null, null, now, ct); // Beschlusskontrolle starts with the resolution text
        await db.SaveChangesAsync(ct);
        Message = t["Der Tagesordnungspunkt {0} ist angelegt.", item.Number];
        return Redirect($"/intern/rat/sitzung/{Meeting.Id.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>Invitation, minutes or another file of the meeting, checked like every council document.</summary>
    public async Task<IActionResult> OnPostFileAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (Meeting is null)
        {
            return NotFound();
        }

        await TryUpdateModelAsync(Upload, nameof(Upload));
        CouncilDocumentFile? accepted = null;
        if (Upload.File is { } file)
        {
            var (document, error) = await CouncilDocument.CheckAsync(file, options.Value.MaxFileBytes, ct);
            accepted = document;
            if (error is not null)
            {
                ModelState.AddModelError("Upload.File", t[error, Path.GetFileName(file.FileName), options.Value.MaxFileMegabytes]);
            }
        }

        if (Upload.Role is not (null or FileRole.Invitation or FileRole.ResultsProtocol or FileRole.Auxiliary))
        {
            ModelState.AddModelError("Upload.Role", t["Bitte wählen Sie die Art der Datei."]);
        }

        if (!ModelState.IsValid)
        {
            var entered = Upload;
            await OnGetAsync(id, ct);
            Upload = entered;
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var stored = CouncilFile.From(Upload.Name!.Trim(), accepted!.FileName, accepted.MimeType, accepted.Content, now);
        stored.MeetingId = Meeting.Id;
        stored.Role = Upload.Role!.Value;
        stored.Date = clock.Today();
        db.CouncilFiles.Add(stored);
        Meeting.Modified = now; // OParl embeds the files in the meeting
        await db.SaveChangesAsync(ct);
        audit.Record("CouncilFile.Created", nameof(CouncilFile), stored.Id.ToString(CultureInfo.InvariantCulture), null,
            new { stored.MeetingId, stored.Name, stored.FileName, stored.MimeType, stored.Size, stored.Sha256, Role = stored.Role.ToString() });
        await db.SaveChangesAsync(ct);
        Message = t["Die Datei {0} ist gespeichert.", stored.FileName];
        return Redirect($"/intern/rat/sitzung/{Meeting.Id.ToString(CultureInfo.InvariantCulture)}");
    }

    public async Task<IActionResult> OnPostDeleteFileAsync(int id, int fileId, CancellationToken ct)
    {
        var file = await db.CouncilFiles.Include(f => f.Meeting).SingleOrDefaultAsync(f => f.Id == fileId && f.MeetingId == id && !f.Deleted, ct);
        if (file is null)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        file.Deleted = true;
        file.Modified = now;
        file.Meeting!.Modified = now;
        audit.Record("CouncilFile.Deleted", nameof(CouncilFile), fileId.ToString(CultureInfo.InvariantCulture), new { file.Name, file.FileName, file.Sha256 }, null);
        await db.SaveChangesAsync(ct);
        Message = t["Die Datei {0} ist gelöscht.", file.FileName];
        return Redirect($"/intern/rat/sitzung/{id.ToString(CultureInfo.InvariantCulture)}");
    }

    private async Task LoadAsync(int? id, CancellationToken ct)
    {
        if (id is int meetingId)
        {
            Meeting = await db.CouncilMeetings.Include(m => m.Organizations).Include(m => m.AgendaItems.OrderBy(a => a.Order))
                .SingleOrDefaultAsync(m => m.Id == meetingId && !m.Deleted, ct);
            Files = await db.CouncilFiles.AsNoTracking().Where(f => f.MeetingId == meetingId && !f.Deleted).OrderBy(f => f.Id).ToListAsync(ct);
        }

        OrganizationItems = (await db.CouncilOrganizations.AsNoTracking().Where(o => !o.Deleted).OrderBy(o => o.Kind).ThenBy(o => o.Name).ToListAsync(ct))
            .Where(o => o.IsCommittee).Select(o => new SelectListItem(o.Name, o.Id.ToString(CultureInfo.InvariantCulture))).ToList();
        LocationItems = await db.CouncilLocations.AsNoTracking().Where(l => !l.Deleted).OrderBy(l => l.Description)
            .Select(l => new SelectListItem(l.Description, l.Id.ToString(CultureInfo.InvariantCulture))).ToListAsync(ct);
    }

    private static object Snapshot(Meeting m) => new { m.Name, m.Start, m.End, m.LocationId, State = m.State.ToString(), m.Cancelled, Organizations = m.Organizations.Select(o => o.Id).ToArray() };
}

public sealed class MeetingInput
{
    [Display(Name = "Bezeichnung")]
    [Required(ErrorMessage = "Bitte geben Sie die Bezeichnung der Sitzung an.")]
    [StringLength(300, ErrorMessage = "Die Bezeichnung darf höchstens {1} Zeichen lang sein.")]
    public string? Name { get; set; }

    [Display(Name = "Gremium")]
    [Required(ErrorMessage = "Bitte wählen Sie das Gremium.")]
    public int? OrganizationId { get; set; }

    [Display(Name = "Datum")]
    [Required(ErrorMessage = "Bitte geben Sie das Datum der Sitzung an.")]
    public DateOnly? Date { get; set; }

    [Display(Name = "Beginn")]
    [Required(ErrorMessage = "Bitte geben Sie den Beginn an.")]
    public TimeOnly? StartTime { get; set; }

    [Display(Name = "Ende")]
    [Required(ErrorMessage = "Bitte geben Sie das voraussichtliche Ende an.")]
    public TimeOnly? EndTime { get; set; }

    [Display(Name = "Ort")]
    public int? LocationId { get; set; }

    [Display(Name = "Status")]
    [Required(ErrorMessage = "Bitte wählen Sie den Status der Sitzung.")]
    public MeetingState? State { get; set; }
}

public sealed class AgendaItemInput
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
    public bool Public { get; set; } = true;

    [Display(Name = "Drucksachennummer")]
    [StringLength(20, ErrorMessage = "Die Drucksachennummer darf höchstens {1} Zeichen lang sein.")]
    public string? PaperReference { get; set; }

    [Display(Name = "Ergebnis")]
    [StringLength(200, ErrorMessage = "Das Ergebnis darf höchstens {1} Zeichen lang sein.")]
    public string? Result { get; set; }

    [Display(Name = "Beschlusstext")]
    [StringLength(20000, ErrorMessage = "Der Beschlusstext darf höchstens {1} Zeichen lang sein.")]
    public string? ResolutionText { get; set; }
}

public sealed class MeetingFileInput
{
    [Display(Name = "Titel der Datei")]
    [Required(ErrorMessage = "Bitte geben Sie den Titel der Datei an.")]
    [StringLength(300, ErrorMessage = "Der Titel darf höchstens {1} Zeichen lang sein.")]
    public string? Name { get; set; }

    [Display(Name = "Art der Datei")]
    [Required(ErrorMessage = "Bitte wählen Sie die Art der Datei.")]
    public FileRole? Role { get; set; }

    [Display(Name = "Datei")]
    [Required(ErrorMessage = "Bitte wählen Sie eine Datei aus.")]
    public Microsoft.AspNetCore.Http.IFormFile? File { get; set; }
}
