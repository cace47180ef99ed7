using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Rathaus.Platform.Auth;

namespace Rathaus.Platform.OrgChart.Exchange;

/// <summary>Download the whole org chart as CSV or JSON, upload a changed file to import it.</summary>
[Authorize(Roles = StaffRoles.Administrator)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimit)]
public sealed class ExchangeModel(OrgChartExport export, OrgChartImport import, IStringLocalizer<SharedResource> t) : PageModel
{
    // Above the import's own limit, so a file slightly too large gets the import's plain message, not a bare 400.
    private const int UploadLimit = 3 * OrgChartImport.MaxBytes;

    [BindProperty]
    [Display(Name = "Datei")]
    public IFormFile? Upload { get; set; }

    public ImportResult? Result { get; private set; }

    public Task<IActionResult> OnGetCsvAsync(CancellationToken ct) => ExportAsync(ExchangeFormat.Csv, ct);

    public Task<IActionResult> OnGetJsonAsync(CancellationToken ct) => ExportAsync(ExchangeFormat.Json, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is not { Length: > 0 })
        {
            ModelState.AddModelError(nameof(Upload), t["Bitte wählen Sie eine CSV- oder JSON-Datei aus."]);
            return Page();
        }

        await using var content = Upload.OpenReadStream();
        Result = await import.ImportAsync(content, Path.GetFileName(Upload.FileName), ct);
        Upload = null;
        return Page();
    }

    private async Task<IActionResult> ExportAsync(ExchangeFormat format, CancellationToken ct)
    {
        var file = await export.ExportAsync(format, ct);
        return File(file.Content, file.ContentType, file.FileName);
    }
}
