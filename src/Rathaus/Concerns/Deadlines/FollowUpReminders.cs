using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Model;
using Rathaus.Data;
using Rathaus.Platform;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Concerns.Deadlines;

/// <summary>
/// Wiedervorlage: on the set day, the holders of the concern's position (and its substitutes) are told by mail; the
/// inbox shows the concern on top from that day on (see the inbox's sort). Each follow-up date is reported once; a
/// concern without a position is reported to its unit's lead.
/// </summary>
public sealed class FollowUpReminders(RathausDb db, OrgChartService orgChart, PositionMails notices, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var today = clock.Today();
        var due = await db.Concerns.AsNoTracking()
            .Where(c => c.FollowUpOn != null && c.FollowUpOn <= today
                && (c.FollowUpNotifiedFor == null || c.FollowUpNotifiedFor != c.FollowUpOn)
                && (c.Status == ConcernStatus.Received || c.Status == ConcernStatus.InProgress || c.Status == ConcernStatus.WaitingForCitizen))
            .OrderBy(c => c.FollowUpOn).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.ReferenceNumber, c.AssignedPositionId, c.OrgUnitId, UnitCode = c.OrgUnit!.Code, c.DueAt })
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }

        var unitIds = due.Where(c => c.AssignedPositionId is null).Select(c => c.OrgUnitId).Distinct().ToList();
        var firstOfUnit = await orgChart.FirstPositionOfUnitsAsync(unitIds, ct);

        var byPosition = due
            .Select(c => (Concern: c, PositionId: c.AssignedPositionId ?? firstOfUnit.GetValueOrDefault(c.OrgUnitId)))
            .Where(x => x.PositionId != 0)
            .GroupBy(x => x.PositionId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ConcernLine>)[.. g.Select(x => new ConcernLine(x.Concern.ReferenceNumber, x.Concern.UnitCode, x.Concern.DueAt))]);
        var sent = await notices.EnqueueAsync(byPosition, (to, title, lines, asSubstitute) => StaffMails.FollowUps(to, title, lines, notices.BaseUrl, asSubstitute), ct);

        // Set-based and without raising the version: a reminder must not make a case worker's open form a conflict.
        foreach (var chunk in due.Select(c => c.Id).Chunk(1000))
        {
            await db.Concerns.Where(c => chunk.Contains(c.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.FollowUpNotifiedFor, c => c.FollowUpOn), ct);
        }

        await db.SaveChangesAsync(ct);
        return sent;
    }
}
