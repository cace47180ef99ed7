using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Model;
using Rathaus.Data;
using Rathaus.Platform;

namespace Rathaus.Council.Pages;

/// <summary>„Sitzungskalender“: one month as a calendar and as a list; other months by <c>?monat=2026-11</c>.</summary>
[AllowAnonymous]
public sealed class MeetingsModel(RathausDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "monat")]
    public string? MonthText { get; set; }

    /// <summary>The first day of the month shown.</summary>
    public DateOnly Month { get; private set; }

    public IReadOnlyList<Meeting> Meetings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = clock.Today();
        Month = DateOnly.TryParseExact(MonthText, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && month.Year is >= 2000 and <= 2100
            ? month
            : new DateOnly(today.Year, today.Month, 1);
        var from = TimeZoneInfo.ConvertTimeToUtc(Month.ToDateTime(TimeOnly.MinValue), CityClock.Zone);
        var until = TimeZoneInfo.ConvertTimeToUtc(Month.AddMonths(1).ToDateTime(TimeOnly.MinValue), CityClock.Zone);
        Meetings = await db.CouncilMeetings.AsNoTracking().Include(m => m.Organizations)
            .Where(m => !m.Deleted && m.Start >= from && m.Start < until).OrderBy(m => m.Start).ThenBy(m => m.Id).ToListAsync(ct);
    }

    public static string MonthParameter(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public string MonthName => Month.ToString("MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>The weeks of the month, Monday first; days of the neighbouring months are null.</summary>
    public IEnumerable<DateOnly?[]> Weeks()
    {
        var offset = ((int)Month.DayOfWeek + 6) % 7;
        var days = DateTime.DaysInMonth(Month.Year, Month.Month);
        for (var start = -offset; start < days; start += 7)
        {
            yield return Enumerable.Range(start, 7).Select(d => d >= 0 && d < days ? Month.AddDays(d) : (DateOnly?)null).ToArray();
        }
    }

    public IEnumerable<Meeting> On(DateOnly day) => Meetings.Where(m => DateOnly.FromDateTime(CouncilTime.Local(m.Start)) == day);
}
