using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Model;
using Rathaus.Data;

namespace Rathaus.Council.Calendar;

/// <summary>
/// The meeting calendars to subscribe to: all meetings, and those of one organization. One VEVENT per meeting with a
/// UID that never changes, the meeting's SEQUENCE (raised when time, place or state change) and STATUS:CANCELLED for
/// cancelled meetings, so calendar programs update their copy instead of adding a second one.
/// </summary>
internal static class MeetingCalendar
{
    public static void MapMeetingCalendars(this IEndpointRouteBuilder app)
    {
        app.MapGet("/rat/sitzungen.ics", (HttpContext http, RathausDb db, TimeProvider clock) =>
            CalendarAsync(http, db, clock, null, "Sitzungen – Rat der Hansestadt Lüneburg")).AllowAnonymous();
        app.MapGet("/rat/gremien/{id:int}/sitzungen.ics", async (int id, HttpContext http, RathausDb db, TimeProvider clock) =>
            await db.CouncilOrganizations.SingleOrDefaultAsync(o => o.Id == id && !o.Deleted) is { } organization
                ? await CalendarAsync(http, db, clock, id, $"Sitzungen – {organization.Name}")
                : Results.NotFound()).AllowAnonymous();
    }

    private static async Task<IResult> CalendarAsync(HttpContext http, RathausDb db, TimeProvider clock, int? organizationId, string name)
    {
        var query = db.CouncilMeetings.AsNoTracking().Include(m => m.Location).Include(m => m.Organizations).Where(m => !m.Deleted);
        if (organizationId is int id)
        {
            query = query.Where(m => m.Organizations.Any(o => o.Id == id));
        }

        var meetings = await query.OrderBy(m => m.Start).ThenBy(m => m.Id).ToListAsync(http.RequestAborted);
        var origin = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = new ICalendarWriter()
            .Line("BEGIN", "VCALENDAR")
            .Line("VERSION", "2.0")
            .Line("PRODID", "-//Hansestadt Lüneburg//Rathaus Ratsinformation//DE")
            .Line("CALSCALE", "GREGORIAN")
            .Line("METHOD", "PUBLISH")
            .Text("X-WR-CALNAME", name)
            .Line("X-WR-TIMEZONE", "Europe/Berlin");
        foreach (var meeting in meetings)
        {
            calendar.Line("BEGIN", "VEVENT")
                .Line("UID", Uid(meeting.Id, http.Request.Host.Host))
                .Instant("DTSTAMP", now)
                .Line("SEQUENCE", meeting.Sequence.ToString(CultureInfo.InvariantCulture))
                .Instant("DTSTART", meeting.Start)
                .Instant("DTEND", meeting.End)
                .Text("SUMMARY", meeting.Name)
                .Text("LOCATION", meeting.Location?.Description)
                .Text("DESCRIPTION", $"{string.Join(", ", meeting.Organizations.Select(o => o.Name))}\nTagesordnung und Unterlagen: {origin}/rat/sitzungen/{meeting.Id}")
                .Line("URL", $"{origin}/rat/sitzungen/{meeting.Id}")
                .Line("STATUS", meeting.Cancelled || meeting.State == MeetingState.Cancelled ? "CANCELLED" : meeting.State == MeetingState.Planned ? "TENTATIVE" : "CONFIRMED")
                .Instant("CREATED", meeting.Created)
                .Instant("LAST-MODIFIED", meeting.Modified)
                .Line("END", "VEVENT");
        }

        calendar.Line("END", "VCALENDAR");
        return Results.Text(calendar.ToString(), "text/calendar; charset=utf-8");
    }

    /// <summary>The same for a meeting whatever else changes about it.</summary>
    public static string Uid(int meetingId, string host) => $"sitzung-{meetingId.ToString(CultureInfo.InvariantCulture)}@{host}";
}
