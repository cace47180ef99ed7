namespace Rathaus.Platform.Calendar;

/// <summary>
/// Working days in Lower Saxony: Monday to Friday except the statutory public holidays (Niedersächsisches Gesetz über
/// die Feiertage, § 2: Neujahr, Karfreitag, Ostermontag, 1. Mai, Christi Himmelfahrt, Pfingstmontag, Tag der Deutschen
/// Einheit, Reformationstag since 2018, 1. und 2. Weihnachtstag). Deadlines end at midnight in Lüneburg.
/// </summary>
public static class WorkingDays
{
    public static bool IsHoliday(DateOnly day)
    {
        var (month, date) = (day.Month, day.Day);
        if ((month, date) is (1, 1) or (5, 1) or (10, 3) or (10, 31) or (12, 25) or (12, 26))
        {
            return true;
        }

        var easter = EasterSunday(day.Year);
        var offset = day.DayNumber - easter.DayNumber;
        return offset is -2 or 1 or 39 or 50; // Karfreitag, Ostermontag, Christi Himmelfahrt, Pfingstmontag
    }

    public static bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(day);

    /// <summary>The <paramref name="count"/>-th working day after <paramref name="day"/> (the day itself never counts).</summary>
    public static DateOnly Add(DateOnly day, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var current = day;
        for (var added = 0; added < count;)
        {
            current = current.AddDays(1);
            if (IsWorkingDay(current))
            {
                added++;
            }
        }

        return current;
    }

    /// <summary>
    /// The deadline for something that arrived at <paramref name="fromUtc"/>: the end (midnight in Lüneburg) of the
    /// <paramref name="count"/>-th working day after the day it arrived, as a UTC instant.
    /// </summary>
    public static DateTime DeadlineUtc(DateTime fromUtc, int count) =>
        EndOfDayUtc(Add(LocalDay(fromUtc), count));

    /// <summary>Midnight after <paramref name="day"/> in Lüneburg, as a UTC instant (23:00 or 22:00 UTC, by season).</summary>
    public static DateTime EndOfDayUtc(DateOnly day) => StartOfDayUtc(day.AddDays(1));

    /// <summary>Midnight before <paramref name="day"/> in Lüneburg, as a UTC instant (midnight is never in a DST gap there).</summary>
    public static DateTime StartOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), CityClock.Zone);

    /// <summary>The last day before a deadline that ends at midnight: the day a person reads as "due on".</summary>
    public static DateOnly LastDay(DateTime deadlineUtc) => LocalDay(deadlineUtc.AddTicks(-1));

    /// <summary>The day in Lüneburg at a UTC instant.</summary>
    public static DateOnly LocalDay(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), CityClock.Zone));

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
