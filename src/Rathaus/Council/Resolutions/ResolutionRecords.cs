using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Model;
using Rathaus.Data;
using Rathaus.Platform.Audit;

namespace Rathaus.Council.Resolutions;

/// <summary>Creates and changes the implementation records of resolutions; every change is audited.</summary>
public sealed class ResolutionRecords(RathausDb db, AuditLog audit)
{
    /// <summary>
    /// After the office saved an agenda item: an item with a resolution text gets its record (once). The unit is the
    /// one the office chose, else the unit that wrote the paper treated (the usual owner of its implementation).
    /// A record stays when the text is removed later: its progress reports are part of the public record.
    /// </summary>
    public async Task<ResolutionTracking?> EnsureAsync(AgendaItem item, int? unitId, DateOnly? targetDate, DateTime now, CancellationToken ct)
    {
        var tracking = item.Id == 0 ? null : await db.ResolutionTrackings.SingleOrDefaultAsync(r => r.AgendaItemId == item.Id, ct);
        if (tracking is null)
        {
            if (string.IsNullOrWhiteSpace(item.ResolutionText))
            {
                return null;
            }

            var paperId = item.Consultation?.PaperId;
            tracking = new ResolutionTracking
            {
                AgendaItem = item,
                OrgUnitId = unitId ?? (paperId is int p ? await db.Papers.Where(x => x.Id == p).Select(x => x.OriginatorUnitId).SingleOrDefaultAsync(ct) : null),
                Status = ResolutionStatus.Open,
                TargetDate = targetDate,
                Created = now,
                Modified = now,
            };
            db.ResolutionTrackings.Add(tracking);
            await db.SaveChangesAsync(ct); // the id is the audit key
            audit.Record("Resolution.Created", nameof(ResolutionTracking), tracking.Id.ToString(CultureInfo.InvariantCulture), null, tracking.Snapshot());
            return tracking;
        }

        if ((unitId is not null && unitId != tracking.OrgUnitId) || (targetDate is not null && targetDate != tracking.TargetDate))
        {
            var before = tracking.Snapshot();
            tracking.OrgUnitId = unitId ?? tracking.OrgUnitId;
            tracking.TargetDate = targetDate ?? tracking.TargetDate;
            tracking.Modified = now;
            audit.Record("Resolution.Assigned", nameof(ResolutionTracking), tracking.Id.ToString(CultureInfo.InvariantCulture), before, tracking.Snapshot());
        }

        return tracking;
    }

    /// <summary>
    /// OParl publishes the record inside its agenda item, the item's meeting and the paper: their <c>modified</c>
    /// must move with it, or clients polling with <c>modified_since</c> never see the change.
    /// </summary>
    public async Task TouchPublishedAsync(int agendaItemId, DateTime now, CancellationToken ct)
    {
        var item = await db.AgendaItems.Include(a => a.Meeting).Include(a => a.Consultation).ThenInclude(c => c!.Paper)
            .SingleAsync(a => a.Id == agendaItemId, ct);
        item.Modified = now;
        item.Meeting!.Modified = now;
        if (item.Consultation?.Paper is { } paper)
        {
            paper.Modified = now;
        }
    }
}
