using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Rathaus.Data;
using Rathaus.Platform.Auth;

namespace Rathaus.Platform.OrgChart.Positions;

/// <summary>All positions, filtered by unit and by a text in title or mailbox.</summary>
[Authorize(Roles = StaffRoles.Administrator)]
public sealed class PositionListModel(RathausDb db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "einheit")]
    public int? UnitId { get; set; }

    [BindProperty(SupportsGet = true, Name = "suche")]
    public string? Search { get; set; }

    public IReadOnlyList<Position> Positions { get; private set; } = [];
    public IEnumerable<SelectListItem> UnitItems { get; private set; } = [];
    public OrgUnit? Unit { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var units = await db.OrgUnits.AsNoTracking().ToListAsync(ct);
        UnitItems = OrgTexts.UnitItems(units);
        Unit = units.FirstOrDefault(u => u.Id == UnitId);

        var query = db.Positions.AsNoTracking().Include(p => p.OrgUnit).Include(p => p.Holders).AsSplitQuery();
        if (UnitId is int unitId)
        {
            query = query.Where(p => p.OrgUnitId == unitId);
        }

        var positions = await query.ToListAsync(ct);

        // Filtered here, not in SQL: SQLite's lower() knows no umlauts, and an org chart has hundreds of rows, not millions.
        var search = Search?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            positions = positions.Where(p => p.Title.Contains(search, StringComparison.CurrentCultureIgnoreCase)
                || p.Mailbox.Contains(search, StringComparison.CurrentCultureIgnoreCase)).ToList();
        }

        Positions = positions
            .OrderBy(p => p.OrgUnit!.Code, StringComparer.Ordinal)
            .ThenByDescending(p => p.IsLead)
            .ThenBy(p => p.Title, StringComparer.CurrentCulture)
            .ToList();
    }
}
