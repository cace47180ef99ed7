using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
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
/// A paper (Drucksache) with its consultation path, related papers and files. The reference is unique (a second
/// paper with it is refused with a message, never a database error); files must be what their extension says.
/// </summary>
[Authorize(Roles = StaffRoles.CouncilOffice)]
[RequestSizeLimit(EditPaperModel.RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = EditPaperModel.RequestLimit)]
public sealed class EditPaperModel(RathausDb db, AuditLog audit, TimeProvider clock, IOptions<CouncilOptions> options, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>The ceiling for one request; the office's own limit (Council:MaxFileMegabytes, 20 MB by default) is checked below it.</summary>
    public const long RequestLimit = 200L * 1024 * 1024;

    // Several forms on one page: each handler binds and validates only its own input.
    public PaperInput Input { get; set; } = new();

    public ConsultationInput Consultation { get; set; } = new();

    public FileUploadInput Upload { get; set; } = new();

    [Display(Name = "Drucksachennummer der verwandten Drucksache")]
    public string? RelatedReference { get; set; }

    public Paper? Paper { get; private set; }
    public IReadOnlyList<Paper> Related { get; private set; } = [];
    public IReadOnlyList<SelectListItem> UnitItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> FactionItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> CommitteeItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> MeetingItems { get; private set; } = [];
    public IEnumerable<SelectListItem> TypeItems => Enum.GetValues<PaperType>().Select(x => new SelectListItem(t[CouncilNames.PaperType(x)], x.ToString()));
    public int MaxMegabytes => options.Value.MaxFileMegabytes;

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (Paper is { } p)
        {
            Input = new PaperInput { Reference = p.Reference, Name = p.Name, Type = p.Type, Date = p.Date, OriginatorUnitId = p.OriginatorUnitId, OriginatorOrganizationId = p.OriginatorOrganizationId };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        await TryUpdateModelAsync(Input, nameof(Input));
        var reference = Input.Reference?.Trim();
        if (reference is not null)
        {
            var taken = await db.Papers.AnyAsync(p => p.Reference == reference && p.Id != (Paper == null ? 0 : Paper.Id), ct);
            foreach (var violation in CouncilRules.CheckPaperReference(reference, taken))
            {
                ModelState.AddModelError("Input.Reference", t[violation.Message]);
            }
        }

        if (Input.OriginatorUnitId is int unitId && !await db.OrgUnits.AnyAsync(u => u.Id == unitId, ct))
        {
            ModelState.AddModelError("Input.OriginatorUnitId", t["Bitte wählen Sie eine Organisationseinheit aus der Liste."]);
        }

        if (Input.OriginatorOrganizationId is int factionId
            && !await db.CouncilOrganizations.AnyAsync(o => o.Id == factionId && !o.Deleted && (o.Kind == OrganizationKind.Faction || o.Kind == OrganizationKind.Group), ct))
        {
            ModelState.AddModelError("Input.OriginatorOrganizationId", t["Bitte wählen Sie eine Fraktion oder Gruppe aus der Liste."]);
        }

        if (Input.OriginatorUnitId is not null && Input.OriginatorOrganizationId is not null)
        {
            ModelState.AddModelError("Input.OriginatorOrganizationId", t["Eine Drucksache kommt entweder von der Verwaltung oder von einer Fraktion, nicht von beiden."]);
        }

        var body = await db.CouncilBodies.OrderBy(b => b.Id).FirstOrDefaultAsync(b => !b.Deleted, ct);
        if (body is null)
        {
            ModelState.AddModelError("", t["Es ist noch keine Körperschaft angelegt."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var paper = Paper ?? new Paper { Reference = "", Name = "", BodyId = body!.Id, Created = now };
        var before = Paper is null ? null : Snapshot(Paper);
        paper.Reference = reference!;
        paper.Name = Input.Name!.Trim();
        paper.Type = Input.Type!.Value;
        paper.Date = Input.Date!.Value;
        paper.OriginatorUnitId = Input.OriginatorUnitId;
        paper.OriginatorOrganizationId = Input.OriginatorOrganizationId;
        paper.Modified = now;
        if (Paper is null)
        {
            db.Papers.Add(paper);
            await db.SaveChangesAsync(ct);
        }

        audit.Record(before is null ? "Paper.Created" : "Paper.Changed", nameof(Model.Paper), paper.Id.ToString(CultureInfo.InvariantCulture), before, Snapshot(paper));
        await db.SaveChangesAsync(ct);
        Message = t["Die Drucksache {0} ist gespeichert.", paper.Reference];
        return Redirect(PaperUrl(paper.Id));
    }

    public async Task<IActionResult> OnPostConsultationAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Paper is null)
        {
            return NotFound();
        }

        await TryUpdateModelAsync(Consultation, nameof(Consultation));
        var organization = Consultation.OrganizationId is int organizationId
            ? await db.CouncilOrganizations.SingleOrDefaultAsync(o => o.Id == organizationId && !o.Deleted, ct)
            : null;
        if (Consultation.OrganizationId is not null && organization is not { IsCommittee: true })
        {
            ModelState.AddModelError("Consultation.OrganizationId", t["Bitte wählen Sie ein Gremium aus der Liste."]);
        }

        var meeting = Consultation.MeetingId is int meetingId
            ? await db.CouncilMeetings.Include(m => m.Organizations).SingleOrDefaultAsync(m => m.Id == meetingId && !m.Deleted, ct)
            : null;
        if (Consultation.MeetingId is not null && meeting is null)
        {
            ModelState.AddModelError("Consultation.MeetingId", t["Bitte wählen Sie eine Sitzung aus der Liste."]);
        }
        else if (meeting is not null && organization is not null && !meeting.Organizations.Contains(organization))
        {
            ModelState.AddModelError("Consultation.MeetingId", t["Diese Sitzung ist keine Sitzung des gewählten Gremiums."]);
        }

        if (!ModelState.IsValid)
        {
            return await KeepEnteredAsync(id, ct);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var consultation = new Consultation
        {
            PaperId = Paper.Id,
            OrganizationId = organization!.Id,
            MeetingId = meeting?.Id,
            Role = Consultation.Role!.Trim(),
            Authoritative = Consultation.Authoritative,
            Result = string.IsNullOrWhiteSpace(Consultation.Result) ? null : Consultation.Result.Trim(),
            Order = Paper.Consultations.Count == 0 ? 1 : Paper.Consultations.Max(c => c.Order) + 1,
        };
        consultation.Stamp(now);
        db.Consultations.Add(consultation);
        Paper.Modified = now; // OParl embeds the consultations in the paper
        await db.SaveChangesAsync(ct);
        audit.Record("Consultation.Created", nameof(Model.Consultation), consultation.Id.ToString(CultureInfo.InvariantCulture), null,
            new { consultation.PaperId, consultation.OrganizationId, consultation.MeetingId, consultation.Role, consultation.Authoritative, consultation.Result });
        await db.SaveChangesAsync(ct);
        Message = t["Die Beratung im Gremium {0} ist gespeichert.", organization.Name];
        return Redirect(PaperUrl(Paper.Id));
    }

    public async Task<IActionResult> OnPostDeleteConsultationAsync(int id, int consultationId, CancellationToken ct)
    {
        var consultation = await db.Consultations.Include(c => c.Paper).SingleOrDefaultAsync(c => c.Id == consultationId && c.PaperId == id && !c.Deleted, ct);
        if (consultation is null)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        consultation.Deleted = true;
        consultation.Modified = now;
        consultation.Paper!.Modified = now;
        audit.Record("Consultation.Deleted", nameof(Model.Consultation), consultationId.ToString(CultureInfo.InvariantCulture), new { consultation.OrganizationId, consultation.MeetingId, consultation.Role }, null);
        await db.SaveChangesAsync(ct);
        Message = t["Die Beratung ist gelöscht."];
        return Redirect(PaperUrl(id));
    }

    public async Task<IActionResult> OnPostRelatedAsync(int id, string? relatedReference, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Paper is null)
        {
            return NotFound();
        }

        var reference = relatedReference?.Trim();
        var related = string.IsNullOrEmpty(reference) ? null : await db.Papers.SingleOrDefaultAsync(p => p.Reference == reference && !p.Deleted, ct);
        if (string.IsNullOrEmpty(reference))
        {
            ModelState.AddModelError(nameof(RelatedReference), t["Bitte geben Sie die Drucksachennummer an."]);
        }
        else if (related is null)
        {
            ModelState.AddModelError(nameof(RelatedReference), t["Eine Vorlage mit dieser Drucksachennummer gibt es nicht."]);
        }
        else if (related.Id == Paper.Id)
        {
            ModelState.AddModelError(nameof(RelatedReference), t["Eine Drucksache kann nicht mit sich selbst verwandt sein."]);
        }

        if (!ModelState.IsValid)
        {
            RelatedReference = relatedReference;
            return Page();
        }

        if (!Related.Contains(related!))
        {
            Paper.RelatedPapers.Add(related!);
            var now = clock.GetUtcNow().UtcDateTime;
            Paper.Modified = now;
            related!.Modified = now; // both papers publish the relation
            audit.Record("Paper.RelatedAdded", nameof(Model.Paper), Paper.Id.ToString(CultureInfo.InvariantCulture), null, new { Related = related.Reference });
            await db.SaveChangesAsync(ct);
        }

        Message = t["Die Drucksache {0} ist als verwandt eingetragen.", related!.Reference];
        return Redirect(PaperUrl(Paper.Id));
    }

    public async Task<IActionResult> OnPostFileAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Paper is null)
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

        if (!ModelState.IsValid)
        {
            return await KeepEnteredAsync(id, ct);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var stored = CouncilFile.From(Upload.Name!.Trim(), accepted!.FileName, accepted.MimeType, accepted.Content, now);
        stored.PaperId = Paper.Id;
        stored.Date = clock.Today();
        stored.Role = Upload.MainFile && !Paper.Files.Any(f => f.Role == FileRole.MainFile && !f.Deleted) ? FileRole.MainFile : FileRole.Auxiliary;
        db.CouncilFiles.Add(stored);
        Paper.Modified = now;
        await db.SaveChangesAsync(ct);
        audit.Record("CouncilFile.Created", nameof(CouncilFile), stored.Id.ToString(CultureInfo.InvariantCulture), null,
            new { stored.PaperId, stored.Name, stored.FileName, stored.MimeType, stored.Size, stored.Sha256, Role = stored.Role.ToString() });
        await db.SaveChangesAsync(ct);
        Message = t["Die Datei {0} ist gespeichert.", stored.FileName];
        return Redirect(PaperUrl(Paper.Id));
    }

    public async Task<IActionResult> OnPostDeleteFileAsync(int id, int fileId, CancellationToken ct)
    {
        var file = await db.CouncilFiles.Include(f => f.Paper).SingleOrDefaultAsync(f => f.Id == fileId && f.PaperId == id && !f.Deleted, ct);
        if (file is null)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        file.Deleted = true;
        file.Modified = now;
        file.Paper!.Modified = now;
        audit.Record("CouncilFile.Deleted", nameof(CouncilFile), fileId.ToString(CultureInfo.InvariantCulture), new { file.Name, file.FileName, file.Sha256 }, null);
        await db.SaveChangesAsync(ct);
        Message = t["Die Datei {0} ist gelöscht.", file.FileName];
        return Redirect(PaperUrl(id));
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Paper is null)
        {
            return NotFound();
        }

        // Its consultations and files belong to it (OParl embeds them): they go with it.
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var part in Paper.Consultations.Where(c => !c.Deleted).Cast<CouncilObject>().Concat(Paper.Files.Where(f => !f.Deleted)))
        {
            part.Deleted = true;
            part.Modified = now;
        }

        Paper.Deleted = true;
        Paper.Modified = now;
        audit.Record("Paper.Deleted", nameof(Model.Paper), id.ToString(CultureInfo.InvariantCulture), Snapshot(Paper), null);
        await db.SaveChangesAsync(ct);
        Message = t["Die Drucksache {0} ist gelöscht.", Paper.Reference];
        return Redirect("/intern/rat/drucksachen");
    }

    private async Task<IActionResult> KeepEnteredAsync(int id, CancellationToken ct)
    {
        var (consultation, upload) = (Consultation, Upload);
        await OnGetAsync(id, ct);
        (Consultation, Upload) = (consultation, upload); // keep what was typed
        return Page();
    }

    private static string PaperUrl(int id) => $"/intern/rat/drucksache/{id.ToString(CultureInfo.InvariantCulture)}";

    private async Task<bool> LoadAsync(int? id, CancellationToken ct)
    {
        if (id is int paperId)
        {
            Paper = await db.Papers
                .Include(p => p.Consultations.Where(c => !c.Deleted)).ThenInclude(c => c.Organization)
                .Include(p => p.Consultations.Where(c => !c.Deleted)).ThenInclude(c => c.Meeting)
                .Include(p => p.Files.Where(f => !f.Deleted))
                .Include(p => p.RelatedPapers)
                .AsSplitQuery()
                .SingleOrDefaultAsync(p => p.Id == paperId && !p.Deleted, ct);
            if (Paper is null)
            {
                return false;
            }

            // A relation is stored on one of the two papers; both show it.
            var pointingHere = await db.Papers.Where(p => !p.Deleted && p.RelatedPapers.Any(r => r.Id == paperId)).ToListAsync(ct);
            Related = Paper.RelatedPapers.Where(r => !r.Deleted).Concat(pointingHere).Distinct().OrderBy(r => r.Reference).ToList();
        }

        UnitItems = await db.OrgUnits.AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.Code)
            .Select(u => new SelectListItem(u.Code + " " + u.Name, u.Id.ToString(CultureInfo.InvariantCulture))).ToListAsync(ct);
        var organizations = await db.CouncilOrganizations.AsNoTracking().Where(o => !o.Deleted).OrderBy(o => o.Kind).ThenBy(o => o.Name).ToListAsync(ct);
        FactionItems = organizations.Where(o => !o.IsCommittee).Select(o => new SelectListItem(o.Name, o.Id.ToString(CultureInfo.InvariantCulture))).ToList();
        CommitteeItems = organizations.Where(o => o.IsCommittee).Select(o => new SelectListItem(o.Name, o.Id.ToString(CultureInfo.InvariantCulture))).ToList();
        MeetingItems = await db.CouncilMeetings.AsNoTracking().Where(m => !m.Deleted).OrderByDescending(m => m.Start)
            .Select(m => new SelectListItem(m.Name, m.Id.ToString(CultureInfo.InvariantCulture))).ToListAsync(ct);
        return true;
    }

    private static object Snapshot(Paper p) => new { p.Reference, p.Name, Type = p.Type.ToString(), p.Date, p.OriginatorUnitId, p.OriginatorOrganizationId };
}

public sealed class PaperInput
{
    [Display(Name = "Drucksachennummer")]
    [Required(ErrorMessage = "Bitte geben Sie die Drucksachennummer an.")]
    [StringLength(20, ErrorMessage = "Die Drucksachennummer darf höchstens {1} Zeichen lang sein.")]
    public string? Reference { get; set; }

    [Display(Name = "Betreff")]
    [Required(ErrorMessage = "Bitte geben Sie den Betreff der Drucksache an.")]
    [StringLength(500, ErrorMessage = "Der Betreff darf höchstens {1} Zeichen lang sein.")]
    public string? Name { get; set; }

    [Display(Name = "Art")]
    [Required(ErrorMessage = "Bitte wählen Sie die Art der Drucksache.")]
    public PaperType? Type { get; set; }

    [Display(Name = "Datum")]
    [Required(ErrorMessage = "Bitte geben Sie das Datum der Drucksache an.")]
    public DateOnly? Date { get; set; }

    [Display(Name = "Einreichende Organisationseinheit")]
    public int? OriginatorUnitId { get; set; }

    [Display(Name = "Einreichende Fraktion oder Gruppe")]
    public int? OriginatorOrganizationId { get; set; }
}

public sealed class ConsultationInput
{
    [Display(Name = "Gremium")]
    [Required(ErrorMessage = "Bitte wählen Sie das Gremium.")]
    public int? OrganizationId { get; set; }

    [Display(Name = "Sitzung")]
    public int? MeetingId { get; set; }

    [Display(Name = "Rolle")]
    [Required(ErrorMessage = "Bitte geben Sie die Rolle der Beratung an.")]
    [StringLength(100, ErrorMessage = "Die Rolle darf höchstens {1} Zeichen lang sein.")]
    public string? Role { get; set; }

    [Display(Name = "Entscheidet abschließend")]
    public bool Authoritative { get; set; }

    [Display(Name = "Ergebnis")]
    [StringLength(200, ErrorMessage = "Das Ergebnis darf höchstens {1} Zeichen lang sein.")]
    public string? Result { get; set; }
}

public sealed class FileUploadInput
{
    [Display(Name = "Titel der Datei")]
    [Required(ErrorMessage = "Bitte geben Sie den Titel der Datei an.")]
    [StringLength(300, ErrorMessage = "Der Titel darf höchstens {1} Zeichen lang sein.")]
    public string? Name { get; set; }

    [Display(Name = "Hauptdokument der Drucksache")]
    public bool MainFile { get; set; }

    [Display(Name = "Datei")]
    [Required(ErrorMessage = "Bitte wählen Sie eine Datei aus.")]
    public IFormFile? File { get; set; }
}
