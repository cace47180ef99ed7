using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Model;
using Rathaus.Concerns.Uploads;
using Rathaus.Data;
using Rathaus.Platform.Layout;

namespace Rathaus.Concerns.Submit;

/// <summary>
/// The citizen's web form for a new concern. Works without JavaScript; a double click or a browser retry carries the
/// same idempotency key and so ends on the same concern. Files cannot survive a refused form (browsers never refill a
/// file field), so the page names every file that has to be chosen again.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicy)]
[RequestSizeLimit(UploadLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimit)]
public sealed class SubmitModel(
    RathausDb db,
    ConcernIntake intake,
    Council.Petitions.CouncilPetitions petitions,
    TimeProvider clock,
    IConfiguration configuration,
    IOptions<SiteTextOptions> siteTexts,
    IStringLocalizer<SharedResource> t,
    ILogger<SubmitModel> logger) : PageModel
{
    public const string RateLimitPolicy = "concern-submit";

    // Five files of 10 MB plus the text fields and the multipart overhead; beyond that the request is cut off.
    private const long UploadLimit = UploadInspector.MaxFiles * UploadInspector.MaxBytes + 1024 * 1024;

    [BindProperty]
    public SubmitInput Input { get; set; } = new();

    /// <summary>The honeypot: hidden from people, filled in by form-filling bots.</summary>
    [BindProperty]
    public string? Website { get; set; }

    public IEnumerable<SelectListItem> KindItems => ConcernTexts.KindItems(t);
    public IReadOnlyList<SelectListItem> CategoryItems { get; private set; } = [];
    public string CityName => siteTexts.Value.CityName;

    /// <summary>Accepted files of a refused form: the citizen has to choose them again.</summary>
    public IReadOnlyList<string> FilesToChooseAgain { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.IdempotencyKey = Guid.NewGuid();
        CategoryItems = await CategoryChoices.LoadAsync(db, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(Website))
        {
            // Pretend success so the bot learns nothing; a person never sees the field.
            logger.LogWarning("Concern form: the honeypot field was filled in; nothing was stored.");
            ReceivedModel.Forget(TempData);
            return RedirectToPage("/Concerns/Submit/Received");
        }

        if (Input.IdempotencyKey == Guid.Empty)
        {
            // A form that lost its key (or had it mangled) still gets one for its next attempt; no message for that.
            Input.IdempotencyKey = Guid.NewGuid();
            ModelState.Remove("Input.IdempotencyKey");
        }

        CategoryItems = await CategoryChoices.LoadAsync(db, ct);
        Input.Check(CategoryItems, ModelState, t);
        var files = await InspectFilesAsync(ct);
        if (!ModelState.IsValid)
        {
            FilesToChooseAgain = files.Select(f => f.FileName).ToList();
            return Page();
        }

        var language = Platform.PlatformModule.CurrentLanguage;
        var submission = Input.ToSubmission(Channel.Web, language, files);
        if (Input.ToCouncil && await petitions.CouncilOfficeUnitIdAsync(ct) is int officeUnit)
        {
            // § 34 NKomVG: addressed to the council, handled by the council office instead of the routed unit.
            submission = submission with { AlsoStore = concern => petitions.AddWith(concern, clock.GetUtcNow().UtcDateTime), OrgUnitId = officeUnit };
        }

        var submitted = await intake.SubmitAsync(submission, token => TrackingLinks.Url(Request, configuration, token), ct);
        logger.LogInformation("Concern {ReferenceNumber} received by web form{Retry}", submitted.ReferenceNumber, submitted.WasAlreadySubmitted ? " (repeated submission)" : "");

        ReceivedModel.Remember(TempData, submitted.ReferenceNumber, submitted.TrackingToken, submission.ContactEmail is not null);
        return RedirectToPage("/Concerns/Submit/Received");
    }

    private Task<List<AcceptedFile>> InspectFilesAsync(CancellationToken ct) =>
        FormUploads.InspectAsync(Input.Files, ModelState, "Input.Files", t, ct);
}

public class SubmitInput
{
    /// <summary>Fixed when the empty form is shown; kept through every refused attempt.</summary>
    public Guid IdempotencyKey { get; set; }

    [Display(Name = "Art des Anliegens")]
    [Required(ErrorMessage = "Bitte wählen Sie, was für ein Anliegen Sie haben.")]
    public ConcernKind? Kind { get; set; }

    [Display(Name = "Thema")]
    public int? CategoryId { get; set; }

    [Display(Name = "Beschreibung")]
    [Required(ErrorMessage = "Bitte beschreiben Sie Ihr Anliegen.")]
    [StringLength(10_000, ErrorMessage = "Die Beschreibung ist zu lang. Bitte kürzen Sie sie auf höchstens 10.000 Zeichen.")]
    public string? Description { get; set; }

    [Display(Name = "Ort")]
    [StringLength(500, ErrorMessage = "Die Ortsangabe darf höchstens 500 Zeichen lang sein.")]
    public string? Location { get; set; }

    [Display(Name = "Dateien")]
    public List<IFormFile> Files { get; set; } = [];

    /// <summary>Anregungen und Beschwerden may be addressed to the council (§ 34 NKomVG).</summary>
    [Display(Name = "An den Rat richten")]
    public bool ToCouncil { get; set; }

    [Display(Name = "Name")]
    [StringLength(200, ErrorMessage = "Der Name darf höchstens 200 Zeichen lang sein.")]
    public string? ContactName { get; set; }

    [Display(Name = "E-Mail-Adresse")]
    [StringLength(254, ErrorMessage = "Die E-Mail-Adresse darf höchstens 254 Zeichen lang sein.")]
    public string? ContactEmail { get; set; }

    // Loose on purpose: people write numbers as "04131 309-0", "+49 (4131) 3090" or "04131/3090".
    [Display(Name = "Telefonnummer")]
    [RegularExpression(@"^\s*\+?[0-9][0-9 ()/.\-]{3,48}$", ErrorMessage = "Bitte geben Sie die Telefonnummer nur mit Ziffern an, zum Beispiel 04131 123456.")]
    public string? ContactPhone { get; set; }

    /// <summary>The checks beyond the attributes: the topic must be one on offer and the address must look like one.</summary>
    public void Check(IReadOnlyList<SelectListItem> categories, ModelStateDictionary modelState, IStringLocalizer t)
    {
        if (CategoryId is int categoryId && !CategoryChoices.Contains(categories, categoryId))
        {
            modelState.AddModelError("Input.CategoryId", t["Dieses Thema gibt es nicht. Bitte wählen Sie eines aus der Liste."]);
        }

        if (ToCouncil && Kind is ConcernKind kind && !Council.Petitions.CouncilPetitions.MayGoToCouncil(kind))
        {
            modelState.AddModelError("Input.ToCouncil", t["Nur Anregungen und Beschwerden können an den Rat gerichtet werden."]);
        }

        if (ContactEmail is { Length: > 0 } email && !LooksLikeEmail(email.Trim()))
        {
            modelState.AddModelError("Input.ContactEmail", t["Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@beispiel.de."]);
        }
    }

    /// <summary>A valid form as a submission for the intake, trimmed, empty fields as null.</summary>
    public ConcernSubmission ToSubmission(Channel channel, string language, IReadOnlyList<AcceptedFile> files) => new(
        IdempotencyKey: IdempotencyKey,
        Kind: Kind!.Value,
        CategoryId: CategoryId,
        Description: Description!.Trim().ReplaceLineEndings("\n"),
        LocationText: Blank(Location),
        District: null,
        ContactName: Blank(ContactName),
        ContactEmail: Blank(ContactEmail),
        ContactPhone: Blank(ContactPhone),
        Language: language,
        Channel: channel,
        Files: files);

    private static bool LooksLikeEmail(string email) =>
        System.Net.Mail.MailAddress.TryCreate(email, out var address)
        && address.Address == email
        && address.Host.Contains('.', StringComparison.Ordinal)
        && !address.Host.EndsWith('.');

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
