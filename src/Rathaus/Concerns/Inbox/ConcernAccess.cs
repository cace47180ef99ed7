using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Model;
using Rathaus.Data;
using Rathaus.Platform.Auth;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Concerns.Inbox;

/// <summary>What a staff member may see, derived from the positions they act for today and the org tree.</summary>
public sealed record StaffScope(
    IReadOnlySet<int> HeldPositionIds,
    IReadOnlySet<int> SubstitutedPositionIds,
    IReadOnlySet<int> UnitIds,
    IReadOnlySet<int> SubtreeUnitIds,
    bool SeesAll)
{
    public IReadOnlySet<int> ActingPositionIds => HeldPositionIds.Union(SubstitutedPositionIds).ToHashSet();

    public bool IsLead => SubtreeUnitIds.Count > 0;
}

/// <summary>
/// Authorization of concerns from positions and the org tree: a case worker sees the concerns of the positions they hold
/// or substitute for and of those positions' units, a lead the whole subtree, the central triage everything.
/// Administrators manage the org chart; that alone does not let them read citizens' concerns.
/// </summary>
public sealed class ConcernAccess(RathausDb db, OrgChartService orgChart)
{
    public async Task<StaffScope> ScopeAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var staffId))
        {
            return new StaffScope(new HashSet<int>(), new HashSet<int>(), new HashSet<int>(), new HashSet<int>(), false);
        }

        var acting = await orgChart.ActingPositionIdsAsync(staffId, ct);
        var held = user.FindAll(StaffClaims.PositionId)
            .Select(c => int.Parse(c.Value, CultureInfo.InvariantCulture))
            .Where(acting.Contains)
            .ToHashSet();
        var positions = await db.Positions.AsNoTracking()
            .Where(p => acting.Contains(p.Id))
            .Select(p => new { p.OrgUnitId, p.IsLead })
            .ToListAsync(ct);
        var subtree = new HashSet<int>();
        if (positions.Any(p => p.IsLead))
        {
            var parents = await orgChart.ParentMapAsync(ct);
            foreach (var lead in positions.Where(p => p.IsLead))
            {
                subtree.UnionWith(OrgRules.Subtree(parents, lead.OrgUnitId));
            }
        }

        return new StaffScope(
            held,
            acting.Except(held).ToHashSet(),
            positions.Select(p => p.OrgUnitId).ToHashSet(),
            subtree,
            user.IsInRole(StaffRoles.CentralTriage));
    }

    public async Task<IQueryable<Concern>> VisibleAsync(ClaimsPrincipal user, CancellationToken ct) =>
        Visible(await ScopeAsync(user, ct));

    /// <summary>The concerns this user may see, of all or of those given (e.g. the result of a search).</summary>
    public IQueryable<Concern> Visible(StaffScope scope, IQueryable<Concern>? concerns = null)
    {
        concerns ??= db.Concerns;
        if (scope.SeesAll)
        {
            return concerns;
        }

        var positions = scope.ActingPositionIds.ToList();
        var units = scope.UnitIds.Union(scope.SubtreeUnitIds).ToList();
        return concerns.Where(c => units.Contains(c.OrgUnitId)
            || (c.AssignedPositionId != null && positions.Contains(c.AssignedPositionId.Value)));
    }

    /// <summary>The concern, or null when it does not exist or this user may not see it (both answer 404).</summary>
    public async Task<Concern?> FindVisibleAsync(ClaimsPrincipal user, string referenceNumber, CancellationToken ct) =>
        await (await VisibleAsync(user, ct)).SingleOrDefaultAsync(c => c.ReferenceNumber == referenceNumber, ct);

    /// <summary>The position the user acts in on this concern: theirs in the concern's unit if they hold one, else their first.</summary>
    public async Task<Position?> ActingPositionAsync(ClaimsPrincipal user, Concern concern, CancellationToken ct)
    {
        var ids = user.FindAll(StaffClaims.PositionId).Select(c => int.Parse(c.Value, CultureInfo.InvariantCulture)).ToList();
        var positions = await db.Positions.Include(p => p.OrgUnit).Where(p => ids.Contains(p.Id) && p.IsActive).OrderBy(p => p.Id).ToListAsync(ct);
        return positions.FirstOrDefault(p => p.OrgUnitId == concern.OrgUnitId) ?? positions.FirstOrDefault();
    }
}
