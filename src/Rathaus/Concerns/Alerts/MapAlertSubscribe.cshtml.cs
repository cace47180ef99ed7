using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using Rathaus.Concerns.Places;
using Rathaus.Concerns.Submit;
using Rathaus.Data;
using Rathaus.Platform.Alerts;

namespace Rathaus.Concerns.Alerts;

/// <summary>
/// Subscribe to new map reports in a district or around a point (the map can link here with <c>?lat=…&amp;lon=…</c>
/// or <c>?stadtteil=…</c>), optionally for one category. Works without JavaScript: the point is typed in as numbers.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AlertsModule.RateLimitPolicy)]
public sealed class MapAlertSubscribeModel(
    RathausDb db,
    CityArea city,
    AlertSubscriptions subscriptions,
    IConfiguration configuration,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public MapAlertInput Input { get; set; } = new();

    /// <summary>The honeypot: hidden from people, filled in by form-filling bots.</summary>
    [BindProperty]
    public string? Website { get; set; }

    public IReadOnlyList<SelectListItem> DistrictItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> RadiusItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> CategoryItems { get; private set; } = [];

    public async Task OnGetAsync(string? stadtteil, string? lat, string? lon, int? kategorie, CancellationToken ct)
    {
        Input.District = stadtteil;
        Input.Latitude = lat;
        Input.Longitude = lon;
        Input.CategoryId = kategorie;
        Input.Area = lat is not null || lon is not null ? MapAlertArea.Circle : stadtteil is not null ? MapAlertArea.District : null;
        await LoadChoicesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(Website))
        {
            return RedirectToPage("/Platform/Alerts/Requested"); // the bot learns nothing; a person never sees the field
        }

        await LoadChoicesAsync(ct);
        var filter = Input.Check(city, CategoryItems, ModelState, t);
        if (!ModelState.IsValid || filter is null)
        {
            return Page();
        }

        var language = Platform.PlatformModule.CurrentLanguage;
        var refusal = await subscriptions.SubscribeAsync(Input.Email!, AlertKind.MapReports, filter.ToJson(), language,
            TrackingLinks.BaseUrl(Request, configuration), t, ct);
        if (refusal is not null)
        {
            ModelState.AddModelError("Input.Email", t[refusal]);
            return Page();
        }

        return RedirectToPage("/Platform/Alerts/Requested");
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        DistrictItems = city.Districts.Select(d => d.Name).Order(StringComparer.Create(PlatformCulture, false)).Select(n => new SelectListItem(n, n)).ToList();
        RadiusItems = MapReportFilter.Radii.Select(r => new SelectListItem(t["{0} m", r.ToString("N0", PlatformCulture)], r.ToString(CultureInfo.InvariantCulture))).ToList();
        CategoryItems = await CategoryChoices.LoadAsync(db, ct);
    }

    private static CultureInfo PlatformCulture => Platform.PlatformModule.German;
}

public enum MapAlertArea
{
    District,
    Circle,
}

public sealed class MapAlertInput
{
    [Display(Name = "E-Mail-Adresse")]
    [Required(ErrorMessage = "Bitte geben Sie Ihre E-Mail-Adresse an.")]
    [StringLength(254, ErrorMessage = "Die E-Mail-Adresse darf höchstens 254 Zeichen lang sein.")]
    public string? Email { get; set; }

    [Display(Name = "Gebiet")]
    [Required(ErrorMessage = "Bitte wählen Sie, ob Sie einen Stadtteil oder einen Umkreis beobachten möchten.")]
    public MapAlertArea? Area { get; set; }

    [Display(Name = "Stadtteil")]
    public string? District { get; set; }

    // Text, not double: "53,2487" and "53.2487" are both what people type, and a wrong value is shown back as typed.
    [Display(Name = "Breitengrad")]
    public string? Latitude { get; set; }

    [Display(Name = "Längengrad")]
    public string? Longitude { get; set; }

    [Display(Name = "Umkreis")]
    public int? RadiusMeters { get; set; }

    [Display(Name = "Thema")]
    public int? CategoryId { get; set; }

    /// <summary>Checks beyond the attributes; returns the filter when everything is right.</summary>
    public MapReportFilter? Check(CityArea city, IReadOnlyList<SelectListItem> categories, ModelStateDictionary modelState, IStringLocalizer t)
    {
        if (Email is { Length: > 0 } email && !AlertSubscriptions.IsValidEmail(email))
        {
            modelState.AddModelError("Input.Email", t["Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@beispiel.de."]);
        }

        if (CategoryId is int categoryId && !CategoryChoices.Contains(categories, categoryId))
        {
            modelState.AddModelError("Input.CategoryId", t["Dieses Thema gibt es nicht. Bitte wählen Sie eines aus der Liste."]);
        }

        switch (Area)
        {
            case MapAlertArea.District:
                if (string.IsNullOrWhiteSpace(District))
                {
                    modelState.AddModelError("Input.District", t["Bitte wählen Sie einen Stadtteil."]);
                    return null;
                }

                if (!city.Districts.Any(d => d.Name == District))
                {
                    modelState.AddModelError("Input.District", t["Diesen Stadtteil gibt es nicht. Bitte wählen Sie einen aus der Liste."]);
                    return null;
                }

                return MapReportFilter.ForDistrict(District, CategoryId);
            case MapAlertArea.Circle:
                var latitude = Coordinate(Latitude, "Input.Latitude", -90, 90, modelState, t);
                var longitude = Coordinate(Longitude, "Input.Longitude", -180, 180, modelState, t);
                if (RadiusMeters is not int radius || !MapReportFilter.Radii.Contains(radius))
                {
                    modelState.AddModelError("Input.RadiusMeters", t["Bitte wählen Sie einen Umkreis aus der Liste."]);
                    return null;
                }

                if (latitude is not double lat || longitude is not double lon)
                {
                    return null;
                }

                if (!city.Contains(lat, lon))
                {
                    modelState.AddModelError("Input.Latitude", t["Dieser Punkt liegt nicht in der Stadt. Bitte prüfen Sie Breiten- und Längengrad."]);
                    return null;
                }

                return MapReportFilter.ForCircle(lat, lon, radius, CategoryId);
            default:
                return null;
        }
    }

    private static double? Coordinate(string? text, string field, double min, double max, ModelStateDictionary modelState, IStringLocalizer t)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            modelState.AddModelError(field, t["Bitte geben Sie den Punkt als Breiten- und Längengrad an, zum Beispiel 53,2487 und 10,4077."]);
            return null;
        }

        if (!double.TryParse(text.Trim().Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || value < min || value > max)
        {
            modelState.AddModelError(field, t["Das ist keine gültige Koordinate. Bitte schreiben Sie sie als Dezimalzahl, zum Beispiel 53,2487."]);
            return null;
        }

        return value;
    }
}
