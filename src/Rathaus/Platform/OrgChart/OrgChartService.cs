using Microsoft.EntityFrameworkCore;
using Rathaus.Data;

namespace Rathaus.Platform.OrgChart;

/// <summary>The org chart's public surface for other modules: hierarchy, leads, who acts for whom.</summary>
public sealed class OrgChartService(RathausDb db, TimeProvider clock)
{
    public async Task<IReadOnlyDictionary<int, int?>> ParentMapAsync(CancellationToken ct = default) =>
        await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.ParentId, ct);

    /// <summary>The nearest active lead at or above the unit; with <paramref name="skipOwnUnit"/> the next one up.</summary>
    public async Task<Position?> FindLeadAboveAsync(int orgUnitId, bool skipOwnUnit = false, CancellationToken ct = default)
    {
        var parents = await ParentMapAsync(ct);
        var leads = await db.Positions.AsNoTracking().Where(p => p.IsLead && p.IsActive).ToListAsync(ct);
        return OrgRules.NearestLead(parents, leads, orgUnitId, skipOwnUnit);
    }

    /// <summary>The functional mailbox that speaks for a unit: its lead position's, else its first active position's.</summary>
    public Task<string?> UnitMailboxAsync(int orgUnitId, CancellationToken ct = default) =>
        db.Positions.Where(p => p.OrgUnitId == orgUnitId && p.IsActive)
            .OrderByDescending(p => p.IsLead).ThenBy(p => p.Id).Select(p => p.Mailbox).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlySet<int>> SubtreeAsync(int orgUnitId, CancellationToken ct = default) =>
        OrgRules.Subtree(await ParentMapAsync(ct), orgUnitId);

    /// <summary>Positions a staff member acts for today: those they hold and those their positions substitute.</summary>
    public async Task<IReadOnlySet<int>> ActingPositionIdsAsync(Guid staffMemberId, CancellationToken ct = default)
    {
        var today = clock.Today();
        var held = await db.StaffMembers.Where(s => s.Id == staffMemberId && s.IsActive)
            .SelectMany(s => s.Positions.Where(p => p.IsActive).Select(p => p.Id))
            .ToListAsync(ct);
        var substituted = await db.Substitutions
            .Where(s => held.Contains(s.SubstitutePositionId) && s.From <= today && (s.Until == null || s.Until >= today))
            .Select(s => s.PositionId)
            .ToListAsync(ct);
        return held.Concat(substituted).ToHashSet();
    }
}
