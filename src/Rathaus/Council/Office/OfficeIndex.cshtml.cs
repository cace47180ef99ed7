using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Model;
using Rathaus.Data;
using Rathaus.Platform.Auth;

namespace Rathaus.Council.Office;

/// <summary>Ratsbüro: the meetings to maintain, newest first.</summary>
[Authorize(Roles = StaffRoles.CouncilOffice)]
public sealed class OfficeIndexModel(RathausDb db) : PageModel
{
    public IReadOnlyList<Meeting> Meetings { get; private set; } = [];

    [Microsoft.AspNetCore.Mvc.TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Meetings = await db.CouncilMeetings.AsNoTracking().Where(m => !m.Deleted).OrderByDescending(m => m.Start).ThenByDescending(m => m.Id).ToListAsync(ct);
}
