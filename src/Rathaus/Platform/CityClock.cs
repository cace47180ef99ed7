namespace Rathaus.Platform;

/// <summary>The city's calendar: a day in Rathaus is a day in Lüneburg, whatever the server's time zone.</summary>
public static class CityClock
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>Today's date in Lüneburg (a substitution ending today still runs until midnight there).</summary>
    public static DateOnly Today(this TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).DateTime);
}
