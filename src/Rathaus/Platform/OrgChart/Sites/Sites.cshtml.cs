using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rathaus.Data;
using Rathaus.Platform.Auth;

namespace Rathaus.Platform.OrgChart.Sites;

/// <summary>All sites with their address, opening hours and how many active units sit there.</summary>
[Authorize(Roles = StaffRoles.Administrator)]
public sealed class SitesModel(RathausDb db) : PageModel
{
    public IReadOnlyList<Site> Sites { get; private set; } = [];
    public IReadOnlyDictionary<int, int> UnitCounts { get; private set; } = new Dictionary<int, int>();

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Sites = await db.Sites.AsNoTracking().OrderByDescending(s => s.IsActive).ThenBy(s => s.Code).ToListAsync(ct);
        UnitCounts = await db.OrgUnits.Where(u => u.IsActive && u.SiteId != null).GroupBy(u => u.SiteId!.Value)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }
}
