using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rathaus.Data;
using Rathaus.Platform.Auth;

namespace Rathaus.Platform.OrgChart.Substitutions;

/// <summary>Current and planned substitutions; past ones on request.</summary>
[Authorize(Roles = StaffRoles.Administrator)]
public sealed class SubstitutionsModel(RathausDb db, TimeProvider clock) : PageModel
{
    public bool ShowPast { get; private set; }

    public DateOnly Today { get; private set; }
    public IReadOnlyList<Substitution> Substitutions { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(int? alle, CancellationToken ct)
    {
        ShowPast = alle == 1;
        Today = clock.Today();
        var query = db.Substitutions.AsNoTracking()
            .Include(s => s.Position).ThenInclude(p => p!.OrgUnit)
            .Include(s => s.SubstitutePosition).ThenInclude(p => p!.OrgUnit)
            .AsQueryable();
        if (!ShowPast)
        {
            query = query.Where(s => s.Until == null || s.Until >= Today);
        }

        Substitutions = await query.OrderBy(s => s.From).ThenBy(s => s.Id).ToListAsync(ct);
    }

    /// <summary>Dates read the German way in both languages (the app's formats stay de-DE).</summary>
    public static string Day(DateOnly day) => day.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
}
