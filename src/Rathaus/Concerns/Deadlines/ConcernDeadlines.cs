using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rathaus.Concerns.Model;
using Rathaus.Data;
using Rathaus.Platform.Calendar;

namespace Rathaus.Concerns.Deadlines;

/// <summary>The two Fristen of a concern, counted in working days of Lower Saxony from its category's periods.</summary>
public sealed class ConcernDeadlines(RathausDb db, IOptions<DeadlineOptions> options)
{
    /// <summary>The periods of a category (its own, else the defaults), in working days.</summary>
    public async Task<(int FirstReply, int FinalAnswer)> PeriodsAsync(int? categoryId, CancellationToken ct = default)
    {
        var defaults = options.Value;
        var own = categoryId is null ? null : await db.Categories.AsNoTracking()
            .Where(c => c.Id == categoryId)
            .Select(c => new { c.FirstReplyDays, c.FinalAnswerDays })
            .SingleOrDefaultAsync(ct);
        return (own?.FirstReplyDays ?? defaults.FirstReplyDays, own?.FinalAnswerDays ?? defaults.FinalAnswerDays);
    }

    /// <summary>Sets both deadlines of a new concern, counted from its arrival.</summary>
    public async Task SetOnIntakeAsync(Concern concern, CancellationToken ct = default)
    {
        var (firstReply, finalAnswer) = await PeriodsAsync(concern.CategoryId, ct);
        concern.FirstReplyDueAt = WorkingDays.DeadlineUtc(concern.ReceivedAt, firstReply);
        concern.DueAt = WorkingDays.DeadlineUtc(concern.ReceivedAt, finalAnswer);
    }

    /// <summary>
    /// The category changed: the citizen's deadlines are counted anew from the arrival with the new category's periods
    /// (a first reply already given stays given), and an escalation starts over if the new deadline lies ahead.
    /// </summary>
    public async Task RecomputeForCategoryAsync(Concern concern, DateTime now, CancellationToken ct = default)
    {
        await SetOnIntakeAsync(concern, ct);
        if (concern.DueAt > now)
        {
            ResetEscalation(concern);
        }
    }

    /// <summary>
    /// Forwarded to another unit: the citizen's final deadline stays (their waiting time does not start again), but
    /// the receiving unit gets at least the first-reply period to act, and the escalation starts over along its own
    /// Dienstweg — the old unit's leads are no longer the right ones.
    /// </summary>
    public async Task RecomputeForForwardAsync(Concern concern, DateTime now, CancellationToken ct = default)
    {
        var (firstReply, _) = await PeriodsAsync(concern.CategoryId, ct);
        var earliest = WorkingDays.DeadlineUtc(now, firstReply);
        if (concern.DueAt is null || concern.DueAt < earliest)
        {
            concern.DueAt = earliest;
        }

        if (concern.FirstReplyAt is null && (concern.FirstReplyDueAt is null || concern.FirstReplyDueAt < earliest))
        {
            concern.FirstReplyDueAt = earliest;
        }

        ResetEscalation(concern);
    }

    private static void ResetEscalation(Concern concern)
    {
        concern.EscalationLevel = 0;
        concern.EscalatedAt = null;
        concern.NextEscalationAt = null;
    }
}
