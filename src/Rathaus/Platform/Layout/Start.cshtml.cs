using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rathaus.Data;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Platform.Layout;

[AllowAnonymous]
public sealed class StartModel(RathausDb db, IOptions<SiteTextOptions> texts) : PageModel
{
    public string CityName => texts.Value.CityName;
    public IReadOnlyList<Site> Sites { get; private set; } = [];
    public IReadOnlyList<string> Departments { get; private set; } = [];
    public int UnitCount { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Sites = await db.Sites.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.Id).ToListAsync(ct);
        UnitCount = await db.OrgUnits.CountAsync(u => u.IsActive, ct);
        Departments = await db.OrgUnits.AsNoTracking()
            .Where(u => u.IsActive && (u.Kind == OrgUnitKind.Department || u.Kind == OrgUnitKind.Executive))
            .OrderBy(u => u.Kind).ThenBy(u => u.Code)
            .Select(u => u.Name)
            .ToListAsync(ct);
    }
}
