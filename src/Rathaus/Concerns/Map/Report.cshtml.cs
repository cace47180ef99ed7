using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Model;
using Rathaus.Concerns.Places;
using Rathaus.Concerns.Submit;
using Rathaus.Concerns.Uploads;
using Rathaus.Data;

namespace Rathaus.Concerns.Map;

/// <summary>
/// /melden: a Mängelmeldung placed on the map. The same form rules, uploads, rate limit and idempotency as the web
/// form (<see cref="SubmitInput"/>, <see cref="FormUploads"/>, <see cref="ConcernIntake"/>); in addition a place that
/// lies in the city, found by pin, by coordinates or by an address from the local gazetteer. Works without JavaScript
/// and without map tiles: "Ort prüfen" resolves the address or coordinates on the server. Open reports of the same
/// category nearby are shown before a new one is stored, so the citizen can support one instead.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(SubmitModel.RateLimitPolicy)]
[RequestSizeLimit(UploadLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimit)]
public sealed class ReportModel(
    RathausDb db,
    ConcernIntake intake,
    CityArea city,
    Gazetteer gazetteer,
    MapReports reports,
    IOptions<MapOptions> map,
    IConfiguration configuration,
    IStringLocalizer<SharedResource> t,
    ILogger<ReportModel> logger) : PageModel
{
    private const long UploadLimit = UploadInspector.MaxFiles * UploadInspector.MaxBytes + 1024 * 1024;

    /// <summary>A long-lived cookie that makes "Ich bin auch betroffen" count once per browser.</summary>
    public const string SupporterCookie = "Rathaus.Unterstuetzer";

    [BindProperty]
    public ReportInput Input { get; set; } = new();

    [BindProperty]
    public string? Website { get; set; }

    public IReadOnlyList<SelectListItem> CategoryItems { get; private set; } = [];
    public MapOptions Map => map.Value;
    public IReadOnlyList<FoundAddress> AddressChoices { get; private set; } = [];
    public FoundAddress? NearestAddress { get; private set; }
    public string? District { get; private set; }

    /// <summary>Set once the place is known and lies in the city.</summary>
    public (double Latitude, double Longitude)? Place { get; private set; }

    public IReadOnlyList<(PublicReport Report, double Distance)> Nearby { get; private set; } = [];

    /// <summary>True when the form was stopped to show reports nearby first.</summary>
    public bool StoppedForNearby { get; private set; }

    public IReadOnlyList<string> FilesToChooseAgain { get; private set; } = [];

    public async Task OnGetAsync(int? kategorie, CancellationToken ct)
    {
        Input.IdempotencyKey = Guid.NewGuid();
        Input.CategoryId = kategorie;
        CategoryItems = await CategoryChoices.LoadAsync(db, ct);
        ModelState.Clear();
    }

    /// <summary>"Ort prüfen" without JavaScript: resolves the place and shows the nearest address and reports nearby.</summary>
    public async Task<IActionResult> OnPostOrtAsync(CancellationToken ct)
    {
        KeepKey();
        CategoryItems = await CategoryChoices.LoadAsync(db, ct);

        // Only the place is checked here; the rest of the form is not finished yet.
        ModelState.Clear();
        await LocateAsync(ct);
        FilesToChooseAgain = Request.Form.Files.Where(f => f.Length > 0).Select(f => f.FileName).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(Website))
        {
            logger.LogWarning("Map report: the honeypot field was filled in; nothing was stored.");
            ReceivedModel.Forget(TempData);
            return RedirectToPage("/Concerns/Submit/Received");
        }

        KeepKey();
        CategoryItems = await CategoryChoices.LoadAsync(db, ct);
        Input.Kind = ConcernKind.DefectReport;
        ModelState.Remove("Input.Kind");
        if (Input.CategoryId is null)
        {
            ModelState.AddModelError("Input.CategoryId", t["Bitte wählen Sie, was Sie melden möchten."]);
        }

        Input.Check(CategoryItems, ModelState, t);
        await LocateAsync(ct);
        var files = await FormUploads.InspectAsync(Input.Files, ModelState, "Input.Files", t, ct);
        // A retry of a form that was stored already goes straight to the intake, which finds the first concern.
        var retried = await db.Concerns.AnyAsync(c => c.IdempotencyKey == Input.IdempotencyKey, ct);
        if (ModelState.IsValid && !retried && Nearby.Count > 0 && Input.NearbyShownFor != NearbyKey())
        {
            // Not an error: the citizen decides after seeing them (support one, or send anyway).
            StoppedForNearby = true;
        }

        if (!ModelState.IsValid || StoppedForNearby)
        {
            FilesToChooseAgain = files.Select(f => f.FileName).ToList();
            return Page();
        }

        var (latitude, longitude) = Place!.Value;
        var language = Platform.PlatformModule.CurrentLanguage;
        var submission = Input.ToSubmission(Channel.Map, language, files) with
        {
            LocationText = NearestAddress is { } near ? t["bei {0}", near.Label].Value : Input.Location?.Trim(),
            District = District,
            Latitude = latitude,
            Longitude = longitude,
        };
        var submitted = await intake.SubmitAsync(submission, token => TrackingLinks.Url(Request, configuration, token), ct);
        logger.LogInformation("Concern {ReferenceNumber} received by map report{Retry}", submitted.ReferenceNumber, submitted.WasAlreadySubmitted ? " (repeated submission)" : "");
        ReceivedModel.Remember(TempData, submitted.ReferenceNumber, submitted.TrackingToken, submission.ContactEmail is not null);
        return RedirectToPage("/Concerns/Submit/Received");
    }

    /// <summary>"Ich bin auch betroffen" from the list of reports nearby.</summary>
    public async Task<IActionResult> OnPostUnterstuetzenAsync(string? support, CancellationToken ct)
    {
        KeepKey();
        if (string.IsNullOrEmpty(support) || support.Length > 20 || !await reports.SupportAsync(support, SupporterKey(Input.IdempotencyKey), ct))
        {
            return NotFound();
        }

        return Redirect($"/karte/{Uri.EscapeDataString(support)}?unterstuetzt=true");
    }

    /// <summary>For the map script: the nearest address, the district and the open reports nearby, or why the place is refused.</summary>
    public async Task<IActionResult> OnGetOrtAsync(double lat, double lon, int? kategorie, CancellationToken ct)
    {
        if (!double.IsFinite(lat) || !double.IsFinite(lon) || !city.Contains(lat, lon))
        {
            return new JsonResult(new { inCity = false, message = OutsideMessage() });
        }

        var nearest = await gazetteer.NearestAsync(lat, lon, ct);
        var nearby = kategorie is int category ? await reports.NearbyAsync(category, lat, lon, ct) : [];
        return new JsonResult(new
        {
            inCity = true,
            address = nearest?.Label,
            district = city.DistrictAt(lat, lon),
            key = kategorie is int c ? NearbyKey(c, lat, lon) : null,
            nearby = nearby.Select(n => new
            {
                reference = n.Report.ReferenceNumber,
                category = n.Report.Category,
                status = t[ConcernTexts.StatusName(n.Report.Status)].Value,
                date = MapReports.Date(n.Report.ReceivedAt),
                distance = t["{0} m entfernt", Math.Round(n.Distance)].Value,
                supporters = n.Report.Supporters,
                url = "/karte/" + n.Report.ReferenceNumber,
            }),
        });
    }

    /// <summary>For the map script: addresses starting with the typed text.</summary>
    public async Task<IActionResult> OnGetSucheAsync(string? q, CancellationToken ct)
    {
        var found = q is { Length: <= 100 } ? await gazetteer.SearchAsync(q, 10, ct) : [];
        return new JsonResult(found.Select(a => new { label = a.Label, lat = a.Latitude, lon = a.Longitude }));
    }

    public string OutsideMessage() => t["Dieser Ort liegt außerhalb des Stadtgebiets. Meldungen nehmen wir nur für das Stadtgebiet an. Bitte setzen Sie die Markierung innerhalb der Stadtgrenze."];

    public string? NearbyKey() => Place is { } p && Input.CategoryId is int c ? NearbyKey(c, p.Latitude, p.Longitude) : null;

    private static string NearbyKey(int category, double latitude, double longitude) =>
        string.Create(CultureInfo.InvariantCulture, $"{category}:{latitude:F5}:{longitude:F5}");

    private void KeepKey()
    {
        if (Input.IdempotencyKey == Guid.Empty)
        {
            Input.IdempotencyKey = Guid.NewGuid();
            ModelState.Remove("Input.IdempotencyKey");
        }
    }

    /// <summary>The browser's supporter cookie, set on the first support; without cookies the form's key counts.</summary>
    private Guid SupporterKey(Guid fallback)
    {
        if (Request.Cookies.TryGetValue(SupporterCookie, out var value) && Guid.TryParse(value, out var known))
        {
            return known;
        }

        Response.Cookies.Append(SupporterCookie, fallback.ToString("N"), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = Request.IsHttps,
            MaxAge = TimeSpan.FromDays(365),
        });
        return fallback;
    }

    /// <summary>The place from the pin or typed coordinates, else from the address; must lie in the city.</summary>
    private async Task LocateAsync(CancellationToken ct)
    {
        double? latitude = null, longitude = null;
        var latText = Input.Latitude?.Trim();
        var lonText = Input.Longitude?.Trim();
        if (!string.IsNullOrEmpty(Input.ChosenAddress) && await gazetteer.ExactAsync(Input.ChosenAddress, ct) is { } chosen)
        {
            Input.Location = chosen.Label;
            (latitude, longitude) = (chosen.Latitude, chosen.Longitude);
        }
        else if (!string.IsNullOrEmpty(latText) || !string.IsNullOrEmpty(lonText))
        {
            latitude = Coordinate(latText, 90, "Input.Latitude", t["Bitte geben Sie den Breitengrad als Dezimalzahl an, zum Beispiel 53,2489."]);
            longitude = Coordinate(lonText, 180, "Input.Longitude", t["Bitte geben Sie den Längengrad als Dezimalzahl an, zum Beispiel 10,4075."]);
        }
        else if (!string.IsNullOrWhiteSpace(Input.Location))
        {
            if (await gazetteer.ExactAsync(Input.Location, ct) is { } exact)
            {
                (latitude, longitude) = (exact.Latitude, exact.Longitude);
            }
            else
            {
                AddressChoices = await gazetteer.SearchAsync(Input.Location, 10, ct);
                if (AddressChoices.Count == 1)
                {
                    Input.Location = AddressChoices[0].Label;
                    (latitude, longitude) = (AddressChoices[0].Latitude, AddressChoices[0].Longitude);
                    AddressChoices = [];
                }
                else
                {
                    ModelState.AddModelError("Input.Location", AddressChoices.Count == 0
                        ? t["Diese Adresse finden wir nicht im Straßenverzeichnis. Bitte prüfen Sie die Schreibweise oder setzen Sie die Markierung auf der Karte."]
                        : t["Zu dieser Eingabe passen mehrere Adressen. Bitte wählen Sie eine aus."]);
                }
            }
        }
        else
        {
            ModelState.AddModelError("Input.Location", t["Bitte geben Sie an, wo das Problem ist: Setzen Sie eine Markierung auf der Karte oder geben Sie eine Adresse an."]);
        }

        if (latitude is not double lat || longitude is not double lon)
        {
            return;
        }

        if (!city.Contains(lat, lon))
        {
            ModelState.AddModelError("Input.Latitude", OutsideMessage());
            return;
        }

        Place = (lat, lon);
        Input.Latitude = Geo.Format(lat);
        Input.Longitude = Geo.Format(lon);
        ModelState.Remove("Input.Latitude");
        ModelState.Remove("Input.Longitude");
        District = city.DistrictAt(lat, lon);
        NearestAddress = await gazetteer.NearestAsync(lat, lon, ct);
        if (Input.CategoryId is int category)
        {
            Nearby = await reports.NearbyAsync(category, lat, lon, ct);
        }
    }

    private double? Coordinate(string? text, double limit, string field, string message)
    {
        // People type a German decimal comma as often as a point.
        var normalized = text?.Replace(',', '.');
        if (normalized is { Length: > 0 and <= 30 } && double.TryParse(normalized, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) && Math.Abs(value) <= limit)
        {
            return value;
        }

        ModelState.AddModelError(field, message);
        return null;
    }
}

/// <summary>The web form's fields and rules, plus the place of a map report.</summary>
public sealed class ReportInput : SubmitInput
{
    public ReportInput() => Kind = ConcernKind.DefectReport;

    [Display(Name = "Breitengrad")]
    [StringLength(30, ErrorMessage = "Bitte geben Sie den Breitengrad als Dezimalzahl an, zum Beispiel 53,2489.")]
    public string? Latitude { get; set; }

    [Display(Name = "Längengrad")]
    [StringLength(30, ErrorMessage = "Bitte geben Sie den Längengrad als Dezimalzahl an, zum Beispiel 10,4075.")]
    public string? Longitude { get; set; }

    /// <summary>One of several addresses the search found, chosen by the citizen.</summary>
    [StringLength(300)]
    public string? ChosenAddress { get; set; }

    /// <summary>The category and place for which the reports nearby were shown (set by the page or the map script).</summary>
    [StringLength(100)]
    public string? NearbyShownFor { get; set; }
}
