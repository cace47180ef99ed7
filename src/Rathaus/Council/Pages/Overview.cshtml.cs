using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Model;
using Rathaus.Data;

namespace Rathaus.Council.Pages;

/// <summary>„Rat und Ausschüsse“: the next meetings, the committees and factions, the newest papers.</summary>
[AllowAnonymous]
public sealed class OverviewModel(RathausDb db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Meeting> Upcoming { get; private set; } = [];
    public IReadOnlyList<Organization> Committees { get; private set; } = [];
    public IReadOnlyList<Organization> Factions { get; private set; } = [];
    public IReadOnlyList<Paper> Papers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Upcoming = await db.CouncilMeetings.AsNoTracking().Include(m => m.Organizations)
            .Where(m => !m.Deleted && m.End >= now).OrderBy(m => m.Start).ThenBy(m => m.Id).Take(6).ToListAsync(ct);
        var organizations = await db.CouncilOrganizations.AsNoTracking().Where(o => !o.Deleted).OrderBy(o => o.Kind).ThenBy(o => o.Name).ToListAsync(ct);
        Committees = organizations.Where(o => o.IsCommittee).ToList();
        Factions = organizations.Where(o => !o.IsCommittee).ToList();
        Papers = await db.Papers.AsNoTracking().Where(p => !p.Deleted).OrderByDescending(p => p.Date).ThenByDescending(p => p.Id).Take(10).ToListAsync(ct);
    }
}
