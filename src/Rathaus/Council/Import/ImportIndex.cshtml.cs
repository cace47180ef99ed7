using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Data;
using Rathaus.Platform.Audit;
using Rathaus.Platform.Auth;

namespace Rathaus.Council.Import;

/// <summary>Starting an OParl import and the list of imports with their progress; the work happens in the background.</summary>
[Authorize(Roles = StaffRoles.CouncilOffice)]
public sealed class ImportIndexModel(RathausDb db, CouncilImporter importer, AuditLog audit, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public ImportInput Input { get; set; } = new();

    public IReadOnlyList<CouncilImportJob> Jobs { get; private set; } = [];

    public static string StateName(CouncilImportState state) => state switch
    {
        CouncilImportState.Waiting => Texts.Key("wartet"),
        CouncilImportState.Running => Texts.Key("läuft"),
        CouncilImportState.Completed => Texts.Key("abgeschlossen"),
        _ => Texts.Key("abgebrochen"),
    };

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var url = Input.BaseUrl?.Trim();
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            ModelState.AddModelError("Input.BaseUrl", t["Bitte geben Sie eine vollständige Adresse an, die mit http:// oder https:// beginnt."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var job = await importer.StartAsync(url!, User.FindFirst(StaffClaims.DisplayName)?.Value ?? User.Identity?.Name ?? "", ct);
        audit.Record("CouncilImport.Started", nameof(CouncilImportJob), job.Id.ToString(CultureInfo.InvariantCulture), null, new { job.BaseUrl });
        await db.SaveChangesAsync(ct);
        return Redirect($"/intern/rat/import/{job.Id.ToString(CultureInfo.InvariantCulture)}");
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Jobs = await db.CouncilImportJobs.AsNoTracking().Include(j => j.Lists).OrderByDescending(j => j.Id).Take(50).ToListAsync(ct);
}

public sealed class ImportInput
{
    [Display(Name = "Adresse des OParl-Systems")]
    [Required(ErrorMessage = "Bitte geben Sie die Adresse des OParl-Systems an.")]
    [StringLength(1000, ErrorMessage = "Die Adresse darf höchstens {1} Zeichen lang sein.")]
    public string? BaseUrl { get; set; }
}
