using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rathaus.Data;
using Rathaus.Platform.Auth;

namespace Rathaus.Platform.OrgChart.Staff;

/// <summary>All staff members with the positions they hold, filtered by a text in name, user name or email.</summary>
[Authorize(Roles = StaffRoles.Administrator)]
public sealed class StaffListModel(RathausDb db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "suche")]
    public string? Search { get; set; }

    public IReadOnlyList<StaffMember> Staff { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var staff = await db.StaffMembers.AsNoTracking().Include(s => s.Positions).AsSplitQuery().ToListAsync(ct);

        // Filtered here, not in SQL: SQLite's lower() knows no umlauts, and a town hall has hundreds of staff, not millions.
        var search = Search?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            staff = staff.Where(s => s.DisplayName.Contains(search, StringComparison.CurrentCultureIgnoreCase)
                || (s.UserName?.Contains(search, StringComparison.CurrentCultureIgnoreCase) ?? false)
                || (s.Email?.Contains(search, StringComparison.CurrentCultureIgnoreCase) ?? false)).ToList();
        }

        Staff = staff.OrderBy(s => s.DisplayName, StringComparer.CurrentCulture).ToList();
    }
}
