using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rathaus.Data;
using Rathaus.Platform.Auth;

namespace Rathaus.Platform.OrgChart.Tree;

[Authorize(Roles = StaffRoles.Administrator)]
public sealed class TreeModel(RathausDb db) : PageModel
{
    public IReadOnlyList<OrgUnit> Units { get; private set; } = [];
    public IReadOnlyDictionary<int, int> PositionCounts { get; private set; } = new Dictionary<int, int>();
    private ILookup<int?, OrgUnit> _children = Enumerable.Empty<OrgUnit>().ToLookup(u => u.ParentId);

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Units = await db.OrgUnits.AsNoTracking().Include(u => u.Site).ToListAsync(ct);
        PositionCounts = await db.Positions.Where(p => p.IsActive).GroupBy(p => p.OrgUnitId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        _children = Units.ToLookup(u => u.ParentId);
    }

    public IEnumerable<OrgUnit> Children(int? parentId) =>
        _children[parentId].OrderBy(u => u.Code, StringComparer.Ordinal);
}
