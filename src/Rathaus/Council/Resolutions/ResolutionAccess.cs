using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Inbox;
using Rathaus.Data;
using Rathaus.Platform.Auth;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Council.Resolutions;

/// <summary>
/// Who sees which resolutions in the staff area: the same rule as for concerns (the units of the positions one acts
/// for, a lead the subtree, the central triage everything), and the council office every resolution, since it
/// assigns them.
/// </summary>
public sealed class ResolutionAccess(RathausDb db, ConcernAccess concerns)
{
    public async Task<IQueryable<ResolutionTracking>> VisibleAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.IsInRole(StaffRoles.CouncilOffice))
        {
            return db.ResolutionTrackings;
        }

        var scope = await concerns.ScopeAsync(user, ct);
        if (scope.SeesAll)
        {
            return db.ResolutionTrackings;
        }

        var units = scope.UnitIds.Union(scope.SubtreeUnitIds).ToList();
        return db.ResolutionTrackings.Where(r => r.OrgUnitId != null && units.Contains(r.OrgUnitId.Value));
    }

    /// <summary>The position the user reports in: theirs in the resolution's unit if they hold one, else their first.</summary>
    public async Task<Position?> ActingPositionAsync(ClaimsPrincipal user, int? unitId, CancellationToken ct)
    {
        var ids = user.FindAll(StaffClaims.PositionId).Select(c => int.Parse(c.Value, CultureInfo.InvariantCulture)).ToList();
        var positions = await db.Positions.Include(p => p.OrgUnit).Where(p => ids.Contains(p.Id) && p.IsActive).OrderBy(p => p.Id).ToListAsync(ct);
        return positions.FirstOrDefault(p => p.OrgUnitId == unitId) ?? positions.FirstOrDefault();
    }
}
