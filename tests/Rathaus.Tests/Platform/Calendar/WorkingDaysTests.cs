using Rathaus.Platform.Calendar;

namespace Rathaus.Tests.Platform.Calendar;

/// <summary>Working days in Lower Saxony, checked against the calendar on the wall.</summary>
public sealed class WorkingDaysTests
{
    [Theory]
    [InlineData(2019, 4, 21)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    public void Easter_Sunday_is_computed(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), WorkingDays.EasterSunday(year));

    [Fact]
    public void The_public_holidays_of_Lower_Saxony_in_2026_are_exactly_these()
    {
        var holidays = Enumerable.Range(0, 365).Select(i => new DateOnly(2026, 1, 1).AddDays(i)).Where(WorkingDays.IsHoliday);

        Assert.Equal(
            [
                new(2026, 1, 1), new(2026, 4, 3), new(2026, 4, 6), new(2026, 5, 1), new(2026, 5, 14), new(2026, 5, 25),
                new(2026, 10, 3), new(2026, 10, 31), new(2026, 12, 25), new(2026, 12, 26),
            ],
            holidays.ToArray());
    }

    [Fact]
    public void Corpus_Christi_Epiphany_and_Christmas_Eve_are_working_days_in_Lower_Saxony()
    {
        Assert.True(WorkingDays.IsWorkingDay(new DateOnly(2026, 6, 4)));   // Fronleichnam (Thursday)
        Assert.True(WorkingDays.IsWorkingDay(new DateOnly(2026, 1, 6)));   // Heilige Drei Könige (Tuesday)
        Assert.True(WorkingDays.IsWorkingDay(new DateOnly(2026, 12, 24))); // Heiligabend (Thursday)
        Assert.False(WorkingDays.IsWorkingDay(new DateOnly(2026, 11, 28))); // a Saturday
    }

    [Theory]
    [InlineData("2026-04-02", 3, "2026-04-09")] // Thursday before Easter: Karfreitag and Ostermontag do not count
    [InlineData("2027-03-25", 1, "2027-03-30")] // Easter 2027, the weekend of the change to summer time
    [InlineData("2026-05-13", 1, "2026-05-15")] // Christi Himmelfahrt
    [InlineData("2026-05-22", 1, "2026-05-26")] // Pfingstmontag
    [InlineData("2026-12-23", 3, "2026-12-29")] // Heiligabend counts, both Christmas days do not
    [InlineData("2026-12-30", 1, "2026-12-31")] // Silvester is a working day …
    [InlineData("2026-12-31", 1, "2027-01-04")] // … Neujahr is not, nor the weekend after it
    [InlineData("2028-10-30", 1, "2028-11-01")] // Reformationstag on a Tuesday
    [InlineData("2026-11-27", 0, "2026-11-27")]
    [InlineData("2026-11-28", 1, "2026-11-30")] // from a Saturday, Monday is the first working day
    [InlineData("2026-11-25", 20, "2026-12-23")] // four full weeks
    public void Adding_working_days_skips_weekends_and_holidays(string from, int count, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), WorkingDays.Add(DateOnly.Parse(from), count));

    [Fact]
    public void A_deadline_ends_at_midnight_in_Lueneburg_in_summer_and_in_winter()
    {
        // Friday before the change to summer time: due end of Monday, 30 March 2026 (CEST, UTC+2).
        Assert.Equal(Utc("2026-03-30T22:00:00Z"), WorkingDays.DeadlineUtc(Utc("2026-03-27T09:00:00Z"), 1));

        // Friday before the change to winter time: due end of Monday, 26 October 2026 (CET, UTC+1).
        Assert.Equal(Utc("2026-10-26T23:00:00Z"), WorkingDays.DeadlineUtc(Utc("2026-10-23T09:00:00Z"), 1));

        // Easter 2026: three working days from Maundy Thursday end on Thursday, 9 April.
        Assert.Equal(Utc("2026-04-09T22:00:00Z"), WorkingDays.DeadlineUtc(Utc("2026-04-02T08:00:00Z"), 3));
    }

    [Fact]
    public void The_day_of_arrival_is_the_day_in_Lueneburg_not_in_UTC()
    {
        // 23:30 UTC on Thursday is already Friday 00:30 in Lüneburg: one working day later is Monday, not Friday.
        Assert.Equal(Utc("2026-03-30T22:00:00Z"), WorkingDays.DeadlineUtc(Utc("2026-03-26T23:30:00Z"), 1));

        // 22:30 UTC on a winter Thursday is 23:30 the same Thursday in Lüneburg: due end of Friday.
        Assert.Equal(Utc("2026-11-27T23:00:00Z"), WorkingDays.DeadlineUtc(Utc("2026-11-26T22:30:00Z"), 1));
    }

    private static DateTime Utc(string text) =>
        DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
}
