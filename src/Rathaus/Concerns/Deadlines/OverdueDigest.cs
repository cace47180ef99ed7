using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Model;
using Rathaus.Data;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Concerns.Deadlines;

/// <summary>
/// Tägliche Übersicht: every lead position with overdue concerns in its subtree gets one mail (and its substitutes a
/// copy) with their number and the oldest of them.
/// </summary>
public sealed class OverdueDigest(RathausDb db, OrgChartService orgChart, StaffNotices notices, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var overdue = await db.Concerns.AsNoTracking()
            .Where(c => (c.Status == ConcernStatus.Received || c.Status == ConcernStatus.InProgress || c.Status == ConcernStatus.WaitingForCitizen)
                && c.MergedIntoId == null && c.DueAt < now)
            .OrderBy(c => c.DueAt).ThenBy(c => c.Id)
            .Select(c => new { c.ReferenceNumber, c.OrgUnitId, UnitCode = c.OrgUnit!.Code, c.DueAt })
            .ToListAsync(ct);
        if (overdue.Count == 0)
        {
            return 0;
        }

        var parents = await orgChart.ParentMapAsync(ct);
        var leads = await db.Positions.AsNoTracking().Where(p => p.IsLead && p.IsActive)
            .Select(p => new { p.Id, p.OrgUnitId }).ToListAsync(ct);
        var byUnit = overdue.ToLookup(c => c.OrgUnitId);
        var digests = new Dictionary<int, (int Total, IReadOnlyList<ConcernLine> Oldest)>();
        foreach (var lead in leads)
        {
            var subtree = OrgRules.Subtree(parents, lead.OrgUnitId);
            var mine = subtree.SelectMany(u => byUnit[u]).OrderBy(c => c.DueAt).ThenBy(c => c.ReferenceNumber, StringComparer.Ordinal).ToList();
            if (mine.Count > 0)
            {
                digests[lead.Id] = (mine.Count, [.. mine.Take(StaffMails.ListedAtMost).Select(c => new ConcernLine(c.ReferenceNumber, c.UnitCode, c.DueAt))]);
            }
        }

        var sent = await notices.EnqueueAsync(digests, (to, title, digest, asSubstitute) => StaffMails.Digest(to, title, digest.Total, digest.Oldest, notices.BaseUrl, asSubstitute), ct);
        await db.SaveChangesAsync(ct);
        return sent;
    }
}
