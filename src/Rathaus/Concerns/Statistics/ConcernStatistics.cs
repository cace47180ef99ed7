using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Model;
using Rathaus.Data;

namespace Rathaus.Concerns.Statistics;

/// <summary>One cell of the open data: how many concerns of the year have this value in this dimension.</summary>
/// <param name="Count">Null when suppressed: 1 or 2 concerns in a district could point to a person.</param>
public sealed record StatisticRow(string Dimension, string Value, int? Count)
{
    public bool Suppressed => Count is null;
}

/// <summary>The summary figures. Shares and medians are null when there is nothing to compute them from.</summary>
public sealed record KeyFigures(
    int Concerns,
    int Withdrawn,
    int Merged,
    int WithDeadline,
    int WithinDeadline,
    double? ShareWithinDeadlinePercent,
    double? MedianDaysToFirstReply,
    double? MedianDaysToClose);

public sealed record StatisticsReport(int Year, DateTimeOffset AsOf, IReadOnlyList<StatisticRow> Rows, KeyFigures Figures)
{
    public IEnumerable<StatisticRow> Of(string dimension) => Rows.Where(r => r.Dimension == dimension);
}

/// <summary>
/// The public statistics of one year's concerns: only counts per category-level value and timing figures, never a
/// description, a contact or a place. Counted by date of receipt.
/// </summary>
public sealed class ConcernStatistics(RathausDb db, TimeProvider clock)
{
    public const string Category = "kategorie";
    public const string Kind = "art";
    public const string ChannelDimension = "kanal";
    public const string District = "stadtteil";
    public const string Month = "monat";

    /// <summary>Named districts with fewer concerns than this are shown as „&lt; 3“ (re-identification).</summary>
    public const int SmallestShownCount = 3;

    public static readonly string NoDistrict = Texts.Key("ohne Angabe");
    public static readonly string NoCategory = Texts.Key("ohne Thema");

    public async Task<StatisticsReport> ForYearAsync(int year, CancellationToken ct)
    {
        var from = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = from.AddYears(1);
        var now = clock.GetUtcNow();
        var inYear = db.Concerns.AsNoTracking().Where(c => c.ReceivedAt >= from && c.ReceivedAt < to);

        var rows = new List<StatisticRow>();
        rows.AddRange(await CategoryRowsAsync(inYear, ct));

        var kinds = await inYear.GroupBy(c => c.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        rows.AddRange(kinds.OrderBy(k => k.Key).Select(k => new StatisticRow(Kind, ConcernTexts.KindName(k.Key), k.Count)));

        var channels = await inYear.GroupBy(c => c.Channel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        rows.AddRange(channels.OrderBy(c => c.Key).Select(c => new StatisticRow(ChannelDimension, ConcernTexts.ChannelName(c.Key), c.Count)));

        var districts = await inYear.GroupBy(c => c.District).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        rows.AddRange(districts
            .Select(d => new StatisticRow(District, d.Key ?? NoDistrict, d.Key is not null && d.Count < SmallestShownCount ? null : d.Count))
            .OrderBy(d => d.Value == NoDistrict).ThenBy(d => d.Value, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("de-DE"), false)));

        var months = await inYear.GroupBy(c => c.ReceivedAt.Month).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        rows.AddRange(Enumerable.Range(1, 12).Select(m => new StatisticRow(Month, m.ToString(System.Globalization.CultureInfo.InvariantCulture),
            months.SingleOrDefault(x => x.Key == m)?.Count ?? 0)));

        return new StatisticsReport(year, now, rows, await FiguresAsync(inYear, now.UtcDateTime, ct));
    }

    /// <summary>Counted by topic: a sub-category counts for its top-level category.</summary>
    private async Task<IEnumerable<StatisticRow>> CategoryRowsAsync(IQueryable<Concern> inYear, CancellationToken ct)
    {
        var counts = await inYear.GroupBy(c => c.CategoryId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var categories = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.Name, c.ParentId, c.SortOrder }).ToDictionaryAsync(c => c.Id, ct);
        string TopicOf(int? id)
        {
            if (id is null || !categories.TryGetValue(id.Value, out var category))
            {
                return NoCategory;
            }

            while (category.ParentId is { } parent && categories.TryGetValue(parent, out var up))
            {
                category = up;
            }

            return category.Name;
        }

        return counts.GroupBy(c => TopicOf(c.Key))
            .Select(g => new StatisticRow(Category, g.Key, g.Sum(c => c.Count)))
            .OrderBy(r => r.Value == NoCategory).ThenByDescending(r => r.Count).ThenBy(r => r.Value, StringComparer.Ordinal);
    }

    private static async Task<KeyFigures> FiguresAsync(IQueryable<Concern> inYear, DateTime now, CancellationToken ct)
    {
        var total = await inYear.CountAsync(ct);
        var withdrawn = await inYear.CountAsync(c => c.Status == ConcernStatus.Withdrawn, ct);
        var merged = await inYear.CountAsync(c => c.MergedIntoId != null, ct);

        // Merged duplicates were answered through the concern they went into: counting them twice would skew the timings.
        var timed = inYear.Where(c => c.MergedIntoId == null);

        // A deadline that has not yet passed without an answer is not decided either way.
        var decided = timed.Where(c => c.DueAt != null && (c.FirstReplyAt != null || c.ClosedAt != null || c.DueAt < now));
        var withDeadline = await decided.CountAsync(ct);
        var withinDeadline = await decided.CountAsync(c => c.FirstReplyAt <= c.DueAt || c.ClosedAt <= c.DueAt, ct);

        // Medians in memory over two timestamps per concern; a later step may compute them in SQL (percentile_cont).
        var replies = await timed.Where(c => c.FirstReplyAt != null).Select(c => new { c.ReceivedAt, At = c.FirstReplyAt!.Value }).ToListAsync(ct);
        var closes = await timed.Where(c => c.ClosedAt != null).Select(c => new { c.ReceivedAt, At = c.ClosedAt!.Value }).ToListAsync(ct);

        return new KeyFigures(
            total,
            withdrawn,
            merged,
            withDeadline,
            withinDeadline,
            withDeadline == 0 ? null : Math.Round(100.0 * withinDeadline / withDeadline, 1),
            MedianDays(replies.Select(r => r.At - r.ReceivedAt)),
            MedianDays(closes.Select(r => r.At - r.ReceivedAt)));
    }

    internal static double? MedianDays(IEnumerable<TimeSpan> durations)
    {
        var days = durations.Select(d => d.TotalDays).Order().ToList();
        if (days.Count == 0)
        {
            return null;
        }

        var middle = days.Count / 2;
        var median = days.Count % 2 == 1 ? days[middle] : (days[middle - 1] + days[middle]) / 2;
        return Math.Round(median, 1, MidpointRounding.AwayFromZero);
    }
}
