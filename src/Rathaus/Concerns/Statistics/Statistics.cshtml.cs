using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rathaus.Data;

namespace Rathaus.Concerns.Statistics;

/// <summary>„Statistik“: what the city receives and how fast it answers, for everyone, without personal data.</summary>
[AllowAnonymous]
public sealed class StatisticsModel(ConcernStatistics statistics, RathausDb db, TimeProvider clock) : PageModel
{
    private const int FirstYear = 2000;

    [BindProperty(SupportsGet = true, Name = "jahr")]
    public int? Year { get; set; }

    public StatisticsReport Report { get; private set; } = null!;
    public IReadOnlyList<int> Years { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var current = clock.GetUtcNow().Year;
        var year = ValidYear(Year, clock);
        Report = await statistics.ForYearAsync(year, ct);
        var first = await db.Concerns.MinAsync(c => (DateTime?)c.ReceivedAt, ct) is { } earliest ? Math.Max(earliest.Year, FirstYear) : current;
        Years = Enumerable.Range(Math.Min(first, year), current - Math.Min(first, year) + 1).Reverse().ToList();
    }

    /// <summary>A year someone could have asked about; anything else shows the current year.</summary>
    internal static int ValidYear(int? year, TimeProvider clock)
    {
        var current = clock.GetUtcNow().Year;
        return year is { } y && y >= FirstYear && y <= current ? y : current;
    }

    public static string Number(int? count) => count is { } n ? n.ToString("N0", CultureInfo.CurrentCulture) : "< 3";

    public static string Days(double value) => value.ToString("N1", CultureInfo.CurrentCulture);

    public string DownloadUrl(string format) => $"/statistik/anliegen.{format}?jahr={Report.Year}";
}
