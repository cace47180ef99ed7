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

    /// <summary>Per unit the position that stands for it when nobody in particular is meant: the lead first, then the oldest.</summary>
    public async Task<IReadOnlyDictionary<int, int>> FirstPositionOfUnitsAsync(IReadOnlyCollection<int> orgUnitIds, CancellationToken ct = default) =>
        (await db.Positions.AsNoTracking().Where(p => orgUnitIds.Contains(p.OrgUnitId) && p.IsActive)
            .OrderByDescending(p => p.IsLead).ThenBy(p => p.Id).Select(p => new { p.OrgUnitId, p.Id }).ToListAsync(ct))
        .GroupBy(p => p.OrgUnitId).ToDictionary(g => g.Key, g => g.First().Id);

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

    /// <summary>
    /// For every unit, the lead positions along its Dienstweg, nearest first, up to and including the Dezernat (or the
    /// head of the administration for units directly below it): the steps an overdue concern of the unit escalates to.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<Position>>> EscalationChainsAsync(CancellationToken ct = default)
    {
        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId, u.Kind }).ToListAsync(ct);
        var parents = units.ToDictionary(u => u.Id, u => u.ParentId);
        var kinds = units.ToDictionary(u => u.Id, u => u.Kind);
        var leads = (await db.Positions.AsNoTracking().Where(p => p.IsLead && p.IsActive).OrderBy(p => p.Id).ToListAsync(ct))
            .ToLookup(p => p.OrgUnitId);
        var chains = new Dictionary<int, IReadOnlyList<Position>>();
        foreach (var unit in units)
        {
            var chain = new List<Position>();
            foreach (var id in OrgRules.PathUp(parents, unit.Id))
            {
                if (leads[id].FirstOrDefault() is { } lead && chain.All(p => p.Id != lead.Id))
                {
                    chain.Add(lead);
                }

                if (kinds[id] is OrgUnitKind.Department or OrgUnitKind.Executive)
                {
                    break;
                }
            }

            chains[unit.Id] = chain;
        }

        return chains;
    }

    /// <summary>
    /// Where news about a position's work goes today: its own functional mailbox and those of the positions
    /// substituting for it (a Vertretung between positions, so the substitute's holders read it in their mailbox).
    /// </summary>
    public async Task<IReadOnlyDictionary<int, PositionRecipients>> RecipientsAsync(IReadOnlyCollection<int> positionIds, CancellationToken ct = default)
    {
        var today = clock.Today();
        var ids = positionIds.Distinct().ToList();
        var positions = await db.Positions.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Title, p.Mailbox }).ToListAsync(ct);
        var substitutes = (await db.Substitutions.AsNoTracking()
                .Where(s => ids.Contains(s.PositionId) && s.From <= today && (s.Until == null || s.Until >= today) && s.SubstitutePosition!.IsActive)
                .Select(s => new { s.PositionId, s.SubstitutePosition!.Mailbox })
                .ToListAsync(ct))
            .ToLookup(s => s.PositionId, s => s.Mailbox);
        return positions.ToDictionary(
            p => p.Id,
            p => new PositionRecipients(p.Title, p.Mailbox, substitutes[p.Id].Where(m => m != p.Mailbox).Distinct().ToList()));
    }
}

/// <summary>A position's title and functional mailbox, and the mailboxes of the positions substituting for it today.</summary>
public sealed record PositionRecipients(string Title, string Mailbox, IReadOnlyList<string> SubstituteMailboxes);
