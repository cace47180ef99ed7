using System.Globalization;
using Rathaus.Platform;

namespace Rathaus.Council.Pages;

/// <summary>Meeting times as people in Lüneburg read them (stored in UTC).</summary>
public static class CouncilTime
{
    public static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), CityClock.Zone);

    public static string Day(DateTime utc) => Local(utc).ToString("dddd, d. MMMM yyyy", CultureInfo.CurrentCulture);

    public static string Time(DateTime utc) => Local(utc).ToString("HH:mm", CultureInfo.CurrentCulture);

    public static string Date(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.CurrentCulture);

    public static string Size(long bytes) => bytes < 1024 ? $"{bytes} B" : (bytes / 1024.0).ToString("N0", CultureInfo.CurrentCulture) + " KB";
}
