using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Model;
using Rathaus.Concerns.Submit;
using Rathaus.Concerns.Uploads;
using Rathaus.Data;

namespace Rathaus.Concerns.Capture;

/// <summary>
/// Quick capture by staff (Bürgerbüro, any unit) of a concern brought by phone or at the counter. The same intake as
/// the web form: routing, reference number, tracking link, acknowledgement mail when an address is given. Afterwards
/// the receipt page shows reference and link to read out or print for the citizen.
/// </summary>
[Authorize]
[RequestSizeLimit(UploadInspector.MaxFiles * UploadInspector.MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadInspector.MaxFiles * UploadInspector.MaxBytes + 1024 * 1024)]
public sealed class CaptureModel(RathausDb db, ConcernIntake intake, IConfiguration configuration, IStringLocalizer<SharedResource> t, ILogger<CaptureModel> logger) : PageModel
{
    [BindProperty]
    public CaptureInput Input { get; set; } = new();

    public IEnumerable<SelectListItem> KindItems => ConcernTexts.KindItems(t);
    public IReadOnlyList<SelectListItem> CategoryItems { get; private set; } = [];

    public IEnumerable<SelectListItem> ChannelItems =>
        new[] { Channel.Phone, Channel.Counter }.Select(c => new SelectListItem(t[ConcernTexts.ChannelName(c)], c.ToString()));

    public static IEnumerable<SelectListItem> LanguageItems => [new("Deutsch", "de"), new("English", "en")];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.IdempotencyKey = Guid.NewGuid();
        CategoryItems = await CategoryChoices.LoadAsync(db, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Input.IdempotencyKey == Guid.Empty)
        {
            Input.IdempotencyKey = Guid.NewGuid();
            ModelState.Remove("Input.IdempotencyKey");
        }

        CategoryItems = await CategoryChoices.LoadAsync(db, ct);
        Input.Check(CategoryItems, ModelState, t);
        if (Input.Channel is not null and not (Channel.Phone or Channel.Counter))
        {
            // Web, mail, letter and apps have their own way in.
            ModelState.AddModelError("Input.Channel", t["Bitte wählen Sie, wie das Anliegen kam: am Telefon oder am Schalter."]);
        }

        var files = await FormUploads.InspectAsync(Input.Files, ModelState, "Input.Files", t, ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var submission = Input.ToSubmission(Input.Channel!.Value, Input.Language == "en" ? "en" : "de", files);
        var submitted = await intake.SubmitAsync(submission, token => TrackingLinks.Url(Request, configuration, token), ct);
        logger.LogInformation("Concern {ReferenceNumber} captured by staff ({Channel}){Retry}", submitted.ReferenceNumber, submission.Channel, submitted.WasAlreadySubmitted ? " (repeated submission)" : "");
        CapturedModel.Remember(TempData, submitted.ReferenceNumber, submitted.TrackingToken);
        return Redirect("/intern/anliegen/erfasst");
    }
}

public sealed class CaptureInput : SubmitInput
{
    [Display(Name = "Eingangskanal")]
    [Required(ErrorMessage = "Bitte wählen Sie, wie das Anliegen kam: am Telefon oder am Schalter.")]
    public Channel? Channel { get; set; }

    [Display(Name = "Sprache der Bürgerin oder des Bürgers")]
    public string Language { get; set; } = "de";
}
