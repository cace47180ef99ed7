using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Concerns.Places;
using Rathaus.Data;
using Rathaus.Platform.Auth;

namespace Rathaus.Concerns.Map;

/// <summary>
/// /intern/karte: the administrator imports the Straßenverzeichnis (CSV) and the city boundary with its districts
/// (GeoJSON), as a file or pasted text; downloads the current addresses; returns to the shipped polygons.
/// </summary>
[Authorize(Roles = StaffRoles.Administrator)]
[RequestFormLimits(MultipartBodyLengthLimit = 3 * AddressImport.MaxBytes)]
[RequestSizeLimit(3 * AddressImport.MaxBytes)]
public sealed class MapAdminModel(RathausDb db, AddressImport addresses, AreaImport areas, CityArea city, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    [Display(Name = "CSV-Datei")]
    public IFormFile? AddressFile { get; set; }

    [BindProperty]
    [Display(Name = "oder CSV-Text")]
    public string? AddressText { get; set; }

    [BindProperty]
    [Display(Name = "GeoJSON-Datei")]
    public IFormFile? AreaFile { get; set; }

    [BindProperty]
    [Display(Name = "oder GeoJSON-Text")]
    public string? AreaText { get; set; }

    public int AddressCount { get; private set; }
    public CityArea Area { get; private set; } = city;
    public CityAreaImport? LastImport { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct) =>
        File(await addresses.ExportAsync(ct), "text/csv; charset=utf-8", "strassenverzeichnis.csv");

    public async Task<IActionResult> OnPostAdressenAsync(CancellationToken ct)
    {
        var text = await ReadAsync(AddressFile, AddressText, nameof(AddressFile), AddressImport.MaxBytes, ct);
        if (text is not null)
        {
            var result = await addresses.ImportAsync(text, ct);
            if (result.Succeeded)
            {
                Message = t["Das Straßenverzeichnis wurde ersetzt: {0} Adressen.", result.Imported];
                return RedirectToPage();
            }

            Errors = result.Errors;
            ModelState.AddModelError(nameof(AddressFile), t["Die Datei wurde nicht übernommen, weil sie Fehler enthält. Bitte korrigieren Sie die genannten Zeilen."]);
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostGebieteAsync(CancellationToken ct)
    {
        var text = await ReadAsync(AreaFile, AreaText, nameof(AreaFile), AreaImport.MaxBytes, ct);
        if (text is not null)
        {
            var (area, errors) = await areas.ImportAsync(text, User.Identity?.Name ?? "?", ct);
            if (area is not null)
            {
                Message = t["Stadtgrenze und Stadtteile wurden übernommen: {0} Stadtteile.", area.Districts.Count];
                return RedirectToPage();
            }

            Errors = errors;
            ModelState.AddModelError(nameof(AreaFile), t["Die Datei wurde nicht übernommen, weil sie Fehler enthält."]);
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostStandardAsync(CancellationToken ct)
    {
        await areas.RestoreShippedAsync(ct);
        Message = t["Es gelten wieder die mitgelieferten Stadtteilgrenzen."];
        return RedirectToPage();
    }

    private async Task<string?> ReadAsync(IFormFile? file, string? text, string field, int maxBytes, CancellationToken ct)
    {
        if (file is { Length: > 0 })
        {
            if (file.Length > maxBytes)
            {
                ModelState.AddModelError(field, t["Die Datei ist größer als {0} MB.", maxBytes / 1024 / 1024]);
                return null;
            }

            using var reader = new StreamReader(file.OpenReadStream(), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return await reader.ReadToEndAsync(ct);
        }

        if (!string.IsNullOrWhiteSpace(text))
        {
            return text;
        }

        ModelState.AddModelError(field, t["Bitte wählen Sie eine Datei aus oder fügen Sie den Text ein."]);
        return null;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        AddressCount = await db.GazetteerAddresses.CountAsync(ct);
        LastImport = await db.CityAreaImports.AsNoTracking().OrderByDescending(i => i.Id).Select(i => new CityAreaImport { Id = i.Id, GeoJson = "", ImportedAt = i.ImportedAt, ImportedBy = i.ImportedBy }).FirstOrDefaultAsync(ct);
    }
}
