using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rathaus.Concerns.Model;
using Rathaus.Data;
using Rathaus.Platform.Calendar;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Concerns.Deadlines;

/// <summary>
/// Escalation along the Dienstweg. A concern still open when a deadline (first reply or final answer) has passed goes to
/// the lead of its unit (level 1); if it is still overdue after <see cref="DeadlineOptions.EscalateAgainAfterDays"/>
/// more working days, to the next lead up (level 2), and so on up to the Dezernat. Each step is stored on the concern,
/// as an internal timeline entry and in the audit log, and the lead's mailbox (and a substitute's) gets one mail per run.
/// A concern waiting for the citizen's answer does not escalate: the administration cannot act.
/// </summary>
/// <remarks>
/// Set-based, so that it stays fast over a million concerns: each step is one UPDATE per chain length (the units are
/// grouped by how many leads their Dienstweg has), and the timeline and audit entries are one INSERT … SELECT each.
/// Every concern escalated in a run gets the same next-step time, so no per-row calendar arithmetic is needed.
/// </remarks>
public sealed class DeadlineCheck(RathausDb db, OrgChartService orgChart, PositionMails notices, IOptions<DeadlineOptions> options, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        // Whole milliseconds: the run's instant marks its rows, and both databases must store it exactly.
        var ticks = clock.GetUtcNow().UtcTicks;
        var now = new DateTime(ticks - (ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
        var nextStepAt = WorkingDays.DeadlineUtc(now, Math.Max(1, options.Value.EscalateAgainAfterDays));
        var chains = await orgChart.EscalationChainsAsync(ct);
        var escalated = 0;

        // The next steps first (a concern escalated for the first time in this run is not due for its next step yet).
        foreach (var group in chains.Where(c => c.Value.Count >= 2).GroupBy(c => c.Value.Count))
        {
            var units = group.Select(g => g.Key).ToList();
            var top = group.Key;
            escalated += await Overdue(now).Where(c => units.Contains(c.OrgUnitId)
                    && c.EscalationLevel >= 1 && c.EscalationLevel < top && c.NextEscalationAt <= now)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.EscalationLevel, c => c.EscalationLevel + 1)
                    .SetProperty(c => c.EscalatedAt, now)
                    .SetProperty(c => c.NextEscalationAt, c => c.EscalationLevel + 1 < top ? nextStepAt : null), ct);
        }

        foreach (var group in chains.Where(c => c.Value.Count >= 1).GroupBy(c => c.Value.Count >= 2))
        {
            var units = group.Select(g => g.Key).ToList();
            DateTime? next = group.Key ? nextStepAt : null;
            escalated += await Overdue(now).Where(c => units.Contains(c.OrgUnitId) && c.EscalationLevel == 0)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.EscalationLevel, 1)
                    .SetProperty(c => c.EscalatedAt, now)
                    .SetProperty(c => c.NextEscalationAt, next), ct);
        }

        if (escalated > 0)
        {
            await RecordStepsAsync(chains, now, ct);
            await NotifyLeadsAsync(chains, now, ct);
        }

        return escalated;
    }

    /// <summary>Open (and not waiting for the citizen) with a deadline passed: the final answer's, or the first reply's before it was given.</summary>
    private IQueryable<Concern> Overdue(DateTime now) =>
        db.Concerns.Where(c => (c.Status == ConcernStatus.Received || c.Status == ConcernStatus.InProgress)
            && c.MergedIntoId == null
            && (c.DueAt < now || (c.FirstReplyAt == null && c.FirstReplyDueAt < now)));

    /// <summary>One internal timeline entry and one audit entry per step, written by the database from the run's rows.</summary>
    private async Task RecordStepsAsync(IReadOnlyDictionary<int, IReadOnlyList<Position>> chains, DateTime now, CancellationToken ct)
    {
        // (unit, level) → the lead of that step; numbers only, so the list can be part of the statement's text.
        var steps = new StringBuilder();
        foreach (var (unitId, chain) in chains)
        {
            for (var level = 1; level <= chain.Count; level++)
            {
                steps.Append(steps.Length == 0 ? "" : ", ")
                    .Append(CultureInfo.InvariantCulture, $"({unitId}, {level}, {chain[level - 1].Id}, {chain[level - 1].OrgUnitId})");
            }
        }

        // Only integers from the database go into the text; every other value is a parameter.
#pragma warning disable EF1003
        var with = $"""WITH "Step"("UnitId", "Level", "PositionId", "PositionUnitId") AS (VALUES {steps}) """;
        await db.Database.ExecuteSqlRawAsync(with + """
            INSERT INTO "ConcernEntries" ("ConcernId", "At", "Kind", "IsPublic", "ToOrgUnitId", "ToPositionId")
            SELECT c."Id", {0}, {1}, {2}, s."PositionUnitId", s."PositionId"
            FROM "Concerns" c JOIN "Step" s ON s."UnitId" = c."OrgUnitId" AND s."Level" = c."EscalationLevel"
            WHERE c."EscalatedAt" = {0}
            """, [now, (int)EntryKind.Escalation, false], ct);
        await db.Database.ExecuteSqlRawAsync(with + """
            INSERT INTO "AuditEntries" ("At", "StaffMemberName", "Action", "EntityType", "EntityKey", "Before", "After")
            SELECT {0}, {1}, {2}, {3}, c."ReferenceNumber",
                {4} || CAST(c."EscalationLevel" - 1 AS TEXT) || {6},
                {4} || CAST(c."EscalationLevel" AS TEXT) || {5} || CAST(s."PositionId" AS TEXT) || {6}
            FROM "Concerns" c JOIN "Step" s ON s."UnitId" = c."OrgUnitId" AND s."Level" = c."EscalationLevel"
            WHERE c."EscalatedAt" = {0}
            """, [now, "System", "Concern.Escalated", nameof(Concern), "{\"EscalationLevel\":", ",\"ToPositionId\":", "}"], ct);
#pragma warning restore EF1003
    }

    /// <summary>One mail per lead (and substitute) with the number of concerns that reached them in this run and the oldest of them.</summary>
    /// <remarks>
    /// The run's rows are read once, oldest deadline first, with five narrow columns: measured faster than a query per
    /// lead (which PostgreSQL answers by walking a deadline index), and still only a few megabytes for a backlog.
    /// </remarks>
    private async Task NotifyLeadsAsync(IReadOnlyDictionary<int, IReadOnlyList<Position>> chains, DateTime now, CancellationToken ct)
    {
        var rows = await db.Concerns.AsNoTracking().Where(c => c.EscalatedAt == now)
            .OrderBy(c => c.DueAt).ThenBy(c => c.Id)
            .Select(c => new { c.ReferenceNumber, c.OrgUnitId, c.EscalationLevel, c.DueAt, c.FirstReplyDueAt, c.FirstReplyAt })
            .ToListAsync(ct);
        var unitCodes = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Code, ct);
        var mails = rows
            .Where(r => chains.TryGetValue(r.OrgUnitId, out var chain) && r.EscalationLevel >= 1 && r.EscalationLevel <= chain.Count)
            .Select(r => (Lead: chains[r.OrgUnitId][r.EscalationLevel - 1].Id,
                Line: new ConcernLine(r.ReferenceNumber, unitCodes[r.OrgUnitId], r.DueAt < now || r.FirstReplyAt != null ? r.DueAt : r.FirstReplyDueAt)))
            .GroupBy(x => x.Lead)
            .ToDictionary(g => g.Key, g => (Total: g.Count(), Oldest: (IReadOnlyList<ConcernLine>)[.. g.Take(StaffMails.ListedAtMost).Select(x => x.Line)]));
        await notices.EnqueueAsync(mails, (to, title, mail, asSubstitute) => StaffMails.Escalated(to, title, mail.Total, mail.Oldest, notices.BaseUrl, asSubstitute), ct);
        await db.SaveChangesAsync(ct);
    }
}
