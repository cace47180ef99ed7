using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using Rathaus.Concerns.Capture;
using Rathaus.Concerns.Submit;
using Rathaus.Concerns.Uploads;
using Rathaus.Data;
using Rathaus.Platform;
using Rathaus.Platform.Auth;

namespace Rathaus.Post;

/// <summary>
/// Registering a letter in the Posteingangsbuch, made for the keyboard: one form, fields in the order of the letter,
/// the site kept from one letter to the next, the cursor back in the first field after saving.
/// </summary>
[Authorize(Roles = StaffRoles.Mailroom)]
[RequestSizeLimit(UploadInspector.MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadInspector.MaxBytes + 1024 * 1024)]
public sealed class RegisterModel(RathausDb db, PostBook book, IConfiguration configuration, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty]
    public PostInput Input { get; set; } = new();

    /// <summary>Set when the scan was registered before; the clerk confirms to register it again.</summary>
    public IReadOnlyList<string> SameScan { get; private set; } = [];

    public IReadOnlyList<SelectListItem> SiteItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> UnitItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> PositionItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> CategoryItems { get; private set; } = [];
    public IEnumerable<SelectListItem> KindItems => PostTexts.KindItems(t);

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? ReceiptFor { get; set; }

    public async Task OnGetAsync(int? standort, CancellationToken ct)
    {
        await LoadAsync(ct);
        Input.IdempotencyKey = Guid.NewGuid();
        Input.SiteId = standort ?? await book.OwnSiteAsync(User, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Input.IdempotencyKey == Guid.Empty)
        {
            Input.IdempotencyKey = Guid.NewGuid();
        }

        await CheckAsync(ct);
        var scan = Input.Scan is null ? [] : await FormUploads.InspectAsync([Input.Scan], ModelState, "Input.Scan", t, ct);
        if (ModelState.IsValid && scan.Count == 1 && !Input.RegisterAgain)
        {
            SameScan = await book.SameScanAsync(scan[0].Content, ct);
        }

        if (!ModelState.IsValid || SameScan.Count > 0)
        {
            return Page();
        }

        var registered = await book.RegisterAsync(new PostRegistration(
            Input.IdempotencyKey, Input.SiteId!.Value, Input.Kind!.Value, Input.Sender!.Trim().ReplaceLineEndings("\n"),
            Input.LetterDate, Input.Subject!.Trim(), Input.AddresseeUnitId!.Value, Input.AddresseePositionId, Input.Pages,
            Input.Kind == PostKind.CitizenConcern ? Input.CategoryId : null, scan.FirstOrDefault(),
            Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var staff) ? staff : null,
            int.TryParse(User.FindFirstValue(StaffClaims.ActingPositionId), out var position) ? position : null),
            token => TrackingLinks.Url(Request, configuration, token), ct);

        if (registered.ReferenceNumber is { } reference && registered.TrackingToken is { } token)
        {
            CapturedModel.Remember(TempData, reference, token);
            ReceiptFor = reference;
            Message = t["Nr. {0} ist erfasst. Daraus wurde das Anliegen {1}.", registered.Number, reference];
        }
        else
        {
            Message = t["Nr. {0} ist erfasst.", registered.Number];
        }

        return Redirect($"/intern/poststelle/erfassen?standort={Input.SiteId.Value.ToString(CultureInfo.InvariantCulture)}");
    }

    private async Task CheckAsync(CancellationToken ct)
    {
        if (Input.LetterDate is { } date && date > clock.Today())
        {
            ModelState.AddModelError("Input.LetterDate", t["Das Briefdatum liegt in der Zukunft. Bitte prüfen Sie das Datum auf dem Brief."]);
        }

        if (Input.SiteId is int site && !SiteItems.Any(s => s.Value == site.ToString(CultureInfo.InvariantCulture)))
        {
            ModelState.AddModelError("Input.SiteId", t["Bitte wählen Sie einen Standort aus der Liste."]);
        }

        if (Input.AddresseeUnitId is int unit && !await db.OrgUnits.AnyAsync(u => u.Id == unit && u.IsActive, ct))
        {
            ModelState.AddModelError("Input.AddresseeUnitId", t["Diese Einheit gibt es nicht. Bitte wählen Sie eine aus der Liste."]);
        }

        if (Input.AddresseePositionId is int positionId
            && !await db.Positions.AnyAsync(p => p.Id == positionId && p.IsActive && p.OrgUnitId == Input.AddresseeUnitId, ct))
        {
            ModelState.AddModelError("Input.AddresseePositionId", t["Diese Stelle gehört nicht zur gewählten Einheit."]);
        }

        if (Input.CategoryId is int category && Input.Kind == PostKind.CitizenConcern && !CategoryChoices.Contains(CategoryItems, category))
        {
            ModelState.AddModelError("Input.CategoryId", t["Dieses Thema gibt es nicht. Bitte wählen Sie eines aus der Liste."]);
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        SiteItems = await db.Sites.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.Name)
            .Select(s => new SelectListItem(s.Name, s.Id.ToString())).ToListAsync(ct);
        // Flat and by code, not as an indented tree: a clerk types "7.1" into the closed list to jump there.
        UnitItems = (await db.OrgUnits.AsNoTracking().Where(u => u.IsActive).Select(u => new { u.Id, u.Code, u.Name }).ToListAsync(ct))
            .OrderBy(u => u.Code, StringComparer.Ordinal)
            .Select(u => new SelectListItem(u.Code + " – " + u.Name, u.Id.ToString(CultureInfo.InvariantCulture))).ToList();
        PositionItems = await db.Positions.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.OrgUnit!.Code).ThenBy(p => p.Title)
            .Select(p => new SelectListItem(p.OrgUnit!.Code + " – " + p.Title, p.Id.ToString())).ToListAsync(ct);
        CategoryItems = await CategoryChoices.LoadAsync(db, ct);
    }
}

public sealed class PostInput
{
    public Guid IdempotencyKey { get; set; }

    [Display(Name = "Standort")]
    [Required(ErrorMessage = "Bitte wählen Sie den Standort, an dem der Brief eingegangen ist.")]
    public int? SiteId { get; set; }

    [Display(Name = "Art")]
    [Required(ErrorMessage = "Bitte wählen Sie, was für ein Poststück es ist.")]
    public PostKind? Kind { get; set; }

    [Display(Name = "Absender")]
    [Required(ErrorMessage = "Bitte geben Sie den Absender an.")]
    [StringLength(1000, ErrorMessage = "Der Absender darf höchstens {1} Zeichen lang sein.")]
    public string? Sender { get; set; }

    [Display(Name = "Datum des Briefs")]
    public DateOnly? LetterDate { get; set; }

    [Display(Name = "Betreff")]
    [Required(ErrorMessage = "Bitte geben Sie den Betreff oder eine kurze Inhaltsangabe an.")]
    [StringLength(500, ErrorMessage = "Der Betreff darf höchstens {1} Zeichen lang sein.")]
    public string? Subject { get; set; }

    [Display(Name = "An Einheit")]
    [Required(ErrorMessage = "Bitte wählen Sie die Einheit, an die der Brief gerichtet ist.")]
    public int? AddresseeUnitId { get; set; }

    [Display(Name = "An Stelle")]
    public int? AddresseePositionId { get; set; }

    [Display(Name = "Seiten")]
    [Range(1, 9999, ErrorMessage = "Die Seitenzahl muss zwischen {1} und {2} liegen.")]
    public int? Pages { get; set; }

    [Display(Name = "Thema")]
    public int? CategoryId { get; set; }

    [Display(Name = "Scan")]
    public IFormFile? Scan { get; set; }

    /// <summary>The clerk saw the warning that this scan is already in the book and registers it anyway.</summary>
    public bool RegisterAgain { get; set; }
}
