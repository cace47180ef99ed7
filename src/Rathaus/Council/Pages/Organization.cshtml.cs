using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Model;
using Rathaus.Data;

namespace Rathaus.Council.Pages;

/// <summary>A committee or faction: its current members and its meetings.</summary>
[AllowAnonymous]
public sealed class OrganizationModel(RathausDb db, TimeProvider clock) : PageModel
{
    public Organization Organization { get; private set; } = null!;
    public IReadOnlyList<Membership> Members { get; private set; } = [];
    public IReadOnlyList<Meeting> Meetings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var organization = await db.CouncilOrganizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id && !o.Deleted, ct);
        if (organization is null)
        {
            return NotFound();
        }

        Organization = organization;
        var today = Platform.CityClock.Today(clock);
        Members = await db.CouncilMemberships.AsNoTracking().Include(m => m.Person).Include(m => m.OnBehalfOf)
            .Where(m => m.OrganizationId == id && !m.Deleted && !m.Person!.Deleted && m.StartDate <= today && (m.EndDate == null || m.EndDate >= today))
            .OrderBy(m => m.Person!.FamilyName).ThenBy(m => m.Person!.GivenName).ToListAsync(ct);
        Meetings = await db.CouncilMeetings.AsNoTracking().Where(m => !m.Deleted && m.Organizations.Any(o => o.Id == id))
            .OrderByDescending(m => m.Start).ToListAsync(ct);
        return Page();
    }
}
