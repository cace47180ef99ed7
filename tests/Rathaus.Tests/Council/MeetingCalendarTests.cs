using System.Text;
using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Calendar;
using Rathaus.Council.Model;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Council;

public sealed class ICalendarWriterTests
{
    [Fact]
    public void Long_lines_are_folded_at_75_octets_without_splitting_a_character_and_text_is_escaped()
    {
        var name = "Sitzung des Ausschusses für Umwelt, Klimaschutz und Mobilität; Grünflächen\\Bäume\nzweite Zeile " + new string('ü', 60);
        var text = new ICalendarWriter().Text("SUMMARY", name).ToString();
        Assert.EndsWith("\r\n", text);
        var lines = text.Split("\r\n")[..^1];
        Assert.True(lines.Length > 2);
        Assert.All(lines, l => Assert.InRange(Encoding.UTF8.GetByteCount(l), 1, 75));
        Assert.All(lines.Skip(1), l => Assert.StartsWith(" ", l));
        var unfolded = string.Concat(lines.Select((l, i) => i == 0 ? l : l[1..]));
        Assert.Equal("SUMMARY:Sitzung des Ausschusses für Umwelt\\, Klimaschutz und Mobilität\\; Grünflächen\\\\Bäume\\nzweite Zeile " + new string('ü', 60), unfolded);
    }
}

public abstract class MeetingCalendarTests(RathausApp app)
{
    private static Ical.Net.Calendar Parse(string text) => Ical.Net.Calendar.Load(text)!;

    [Fact]
    public async Task The_feed_has_one_event_per_meeting_that_a_calendar_library_reads_back_with_time_place_and_link()
    {
        await using var db = app.Db();
        var meetings = await db.CouncilMeetings.Include(m => m.Location).Where(m => !m.Deleted).ToListAsync();
        using var client = app.Client();
        var response = await client.Http.GetAsync("/rat/sitzungen.ics");
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(text.Replace("\r\n", "", StringComparison.Ordinal), "\n");
        Assert.All(text.Split("\r\n"), l => Assert.True(Encoding.UTF8.GetByteCount(l) <= 75, l));

        var calendar = Parse(text);
        Assert.Equal(meetings.Count, calendar.Events.Count);
        Assert.Equal(calendar.Events.Count, calendar.Events.Select(e => e.Uid).Distinct().Count());
        var meeting = meetings.OrderBy(m => m.Id).First(m => !m.Cancelled);
        var ev = calendar.Events.Single(e => e.Uid == MeetingCalendar.Uid(meeting.Id, "localhost"));
        Assert.Equal(meeting.Name, ev.Summary);
        Assert.Equal(meeting.Location!.Description, ev.Location);
        Assert.Equal(meeting.Start, ev.DtStart!.AsUtc);
        Assert.Equal(meeting.End, ev.DtEnd!.AsUtc);
        Assert.EndsWith($"/rat/sitzungen/{meeting.Id}", ev.Url!.ToString());
        Assert.Equal(meeting.Sequence, ev.Sequence);
        Assert.All(calendar.Events.Where(e => meetings.Single(m => MeetingCalendar.Uid(m.Id, "localhost") == e.Uid).Cancelled), e => Assert.Equal("CANCELLED", e.Status));
    }

    [Fact]
    public async Task A_moved_and_then_cancelled_meeting_keeps_its_uid_raises_its_sequence_and_is_cancelled()
    {
        await using var db = app.Db();
        var organization = await db.CouncilOrganizations.FirstAsync(o => o.Kind == OrganizationKind.Committee);
        var meeting = new Meeting
        {
            Name = "Sondersitzung, Haushalt; Teil 2 " + Guid.NewGuid(),
            Start = new DateTime(2027, 3, 4, 16, 0, 0, DateTimeKind.Utc),
            End = new DateTime(2027, 3, 4, 18, 0, 0, DateTimeKind.Utc),
            Organizations = [organization],
        };
        meeting.Stamp(DateTime.UtcNow);
        db.CouncilMeetings.Add(meeting);
        await db.SaveChangesAsync();
        var uid = MeetingCalendar.Uid(meeting.Id, "localhost");
        using var client = app.Client();
        var feed = $"/rat/gremien/{organization.Id}/sitzungen.ics";

        var before = Parse(await client.Http.GetStringAsync(feed)).Events.Single(e => e.Uid == uid);
        Assert.Equal(meeting.Name, before.Summary);
        Assert.Equal("TENTATIVE", before.Status);

        meeting.Start = meeting.Start.AddDays(1);
        meeting.End = meeting.End.AddDays(1);
        await db.SaveChangesAsync();
        var moved = Parse(await client.Http.GetStringAsync(feed)).Events.Single(e => e.Uid == uid);
        Assert.True(moved.Sequence > before.Sequence);
        Assert.Equal(meeting.Start, moved.DtStart!.AsUtc);

        meeting.State = MeetingState.Cancelled;
        meeting.Cancelled = true;
        await db.SaveChangesAsync();
        var cancelled = Parse(await client.Http.GetStringAsync(feed)).Events.Single(e => e.Uid == uid);
        Assert.True(cancelled.Sequence > moved.Sequence);
        Assert.Equal("CANCELLED", cancelled.Status);

        // The organization's feed holds only its own meetings.
        var all = Parse(await client.Http.GetStringAsync("/rat/sitzungen.ics")).Events.Count;
        Assert.True(Parse(await client.Http.GetStringAsync(feed)).Events.Count < all);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.Http.GetAsync("/rat/gremien/999999/sitzungen.ics")).StatusCode);
    }
}

[Collection(nameof(SqliteApp))]
public sealed class MeetingCalendarTests_Sqlite(SqliteApp app) : MeetingCalendarTests(app);

[Collection(nameof(PostgresApp))]
public sealed class MeetingCalendarTests_Postgres(PostgresApp app) : MeetingCalendarTests(app);
