namespace Rathaus.Council.Pages;

/// <summary>An iCalendar feed to subscribe to: <paramref name="Path"/> below the site, e.g. "/rat/sitzungen.ics".</summary>
public sealed record CalendarSubscription(string Path, string What);
