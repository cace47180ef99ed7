using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Model;
using Rathaus.Data;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Concerns.Deadlines;

/// <summary>
/// Tägliche Übersicht: every lead position with overdue concerns in its subtree gets one mail (and its substitutes a
/// copy) with their number and the oldest of them.
/// </summary>
public sealed class OverdueDigest(RathausDb db, OrgChartService orgChart, PositionMails notices, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var overdue = db.Concerns.AsNoTracking()
            .Where(c => (c.Status == ConcernStatus.Received || c.Status == ConcernStatus.InProgress || c.Status == ConcernStatus.WaitingForCitizen)
                && c.MergedIntoId == null && c.DueAt < now);

        // Counted by the database per unit; only the few oldest per lead are read as rows.
        var perUnit = await overdue.GroupBy(c => c.OrgUnitId).Select(g => new { UnitId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.UnitId, g => g.Count, ct);
        if (perUnit.Count == 0)
        {
            return 0;
        }

        var parents = await orgChart.ParentMapAsync(ct);
        var leads = await db.Positions.AsNoTracking().Where(p => p.IsLead && p.IsActive)
            .Select(p => new { p.Id, p.OrgUnitId }).ToListAsync(ct);
        var digests = new Dictionary<int, (int Total, IReadOnlyList<ConcernLine> Oldest)>();
        foreach (var lead in leads)
        {
            var units = OrgRules.Subtree(parents, lead.OrgUnitId).Where(perUnit.ContainsKey).ToList();
            if (units.Count == 0)
            {
                continue;
            }

            var oldest = await overdue.Where(c => units.Contains(c.OrgUnitId))
                .OrderBy(c => c.DueAt).ThenBy(c => c.Id).Take(StaffMails.ListedAtMost)
                .Select(c => new ConcernLine(c.ReferenceNumber, c.OrgUnit!.Code, c.DueAt))
                .ToListAsync(ct);
            digests[lead.Id] = (units.Sum(u => perUnit[u]), oldest);
        }

        var sent = await notices.EnqueueAsync(digests, (to, title, digest, asSubstitute) => StaffMails.Digest(to, title, digest.Total, digest.Oldest, notices.BaseUrl, asSubstitute), ct);
        await db.SaveChangesAsync(ct);
        return sent;
    }
}
