using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Model;
using Rathaus.Data;
using Rathaus.Platform.Auth;

namespace Rathaus.Council.Office;

/// <summary>The papers to maintain, newest first.</summary>
[Authorize(Roles = StaffRoles.CouncilOffice)]
public sealed class PapersModel(RathausDb db) : PageModel
{
    public IReadOnlyList<Paper> Papers { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Papers = await db.Papers.AsNoTracking().Where(p => !p.Deleted).OrderByDescending(p => p.Date).ThenByDescending(p => p.Id).ToListAsync(ct);
}
