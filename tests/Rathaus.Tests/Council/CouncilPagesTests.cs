using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Model;
using Rathaus.Platform;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Council;

public abstract class CouncilPagesTests(RathausApp app)
{
    private static string MainText(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelector("main")!.TextContent;

    [Fact]
    public async Task The_overview_shows_committees_factions_next_meetings_and_new_papers_without_login()
    {
        using var client = app.Client();
        Assert.NotNull((await client.GetPageAsync("/")).QuerySelector("nav a[href='/rat']"));
        var page = await client.GetPageAsync("/rat");
        var text = MainText(page);
        Assert.Contains("Rat und Ausschüsse", text);
        Assert.Contains("Ausschuss für Bauen und Stadtentwicklung", text);
        Assert.Contains("SPD-Fraktion", text);
        Assert.NotEmpty(page.QuerySelectorAll("#naechste-sitzungen a"));
        Assert.NotNull(page.QuerySelector("a[href='/oparl/v1.1/']"));
    }

    [Fact]
    public async Task The_calendar_shows_a_months_meetings_as_calendar_and_list_and_falls_back_to_this_month()
    {
        await using var db = app.Db();
        var meeting = await db.CouncilMeetings.Where(m => !m.Deleted).OrderBy(m => m.Start).FirstAsync();
        var local = TimeZoneInfo.ConvertTimeFromUtc(meeting.Start, CityClock.Zone);
        using var client = app.Client();
        var page = await client.GetPageAsync($"/rat/sitzungen?monat={local:yyyy-MM}");
        Assert.Contains(local.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("de-DE")), page.QuerySelector("#kalender caption")!.TextContent);
        Assert.NotNull(page.QuerySelector($"#kalender a[href='/rat/sitzungen/{meeting.Id}']"));
        Assert.Contains(meeting.Name, page.QuerySelector("#sitzungsliste")!.TextContent);

        var fallback = await client.GetPageAsync("/rat/sitzungen?monat=kaputt");
        var today = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, CityClock.Zone);
        Assert.Contains(today.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("de-DE")), fallback.QuerySelector("#kalender caption")!.TextContent);
    }

    [Fact]
    public async Task A_meeting_page_shows_public_items_with_their_papers_files_and_place_and_never_a_non_public_item()
    {
        await using var db = app.Db();
        var secret = await db.AgendaItems.Include(a => a.Files).Where(a => !a.Public && a.Meeting!.State == MeetingState.Held && a.Meeting.AgendaItems.Any(p => p.Public && p.Consultation != null))
            .OrderBy(a => a.Id).FirstAsync();
        var publicItem = await db.AgendaItems.Include(a => a.Consultation).ThenInclude(c => c!.Paper)
            .FirstAsync(a => a.MeetingId == secret.MeetingId && a.Public && a.Consultation != null);
        using var client = app.Client();
        var page = await client.GetPageAsync($"/rat/sitzungen/{secret.MeetingId}");
        var text = MainText(page);
        Assert.Contains(publicItem.Name, text);
        Assert.NotNull(page.QuerySelector($"#top-{publicItem.Id} a[href='/rat/vorlagen/{publicItem.Consultation!.PaperId}']"));
        Assert.Contains("Rathaus", page.QuerySelector("#ort")!.TextContent);
        Assert.NotEmpty(page.QuerySelectorAll("a[href^='/oparl/v1.1/file/']"));

        Assert.DoesNotContain(secret.Name, text);
        Assert.Null(page.QuerySelector($"#top-{secret.Id}"));
        Assert.DoesNotContain("Vertraulich", page.DocumentElement.OuterHtml);
        foreach (var file in secret.Files)
        {
            Assert.Null(page.QuerySelector($"a[href^='/oparl/v1.1/file/{file.Id}/']"));
        }

        // The secret item's name appears on no other public page either.
        foreach (var url in new[] { "/rat", $"/rat/sitzungen?monat={TimeZoneInfo.ConvertTimeFromUtc(publicItem.Meeting?.Start ?? DateTime.UtcNow, CityClock.Zone):yyyy-MM}" })
        {
            Assert.DoesNotContain(secret.Name, (await client.GetPageAsync(url)).DocumentElement.OuterHtml);
        }
    }

    [Fact]
    public async Task A_paper_page_shows_its_reference_files_and_the_consultation_path_with_results()
    {
        await using var db = app.Db();
        var paper = await db.Papers.Include(p => p.Consultations).ThenInclude(c => c.Organization)
            .Where(p => p.Type == PaperType.ResolutionProposal && p.Consultations.Any(c => c.Result != null)).OrderBy(p => p.Id).FirstAsync();
        using var client = app.Client();
        var page = await client.GetPageAsync($"/rat/vorlagen/{paper.Id}");
        Assert.Equal(paper.Reference, page.QuerySelector("#drucksachennummer")!.TextContent.Trim());
        var path = page.QuerySelector("#beratungsfolge-tabelle tbody")!;
        var rows = path.QuerySelectorAll("tr");
        Assert.Equal(paper.Consultations.Count, rows.Length);
        Assert.Contains(paper.Consultations.OrderBy(c => c.Order).First().Organization!.Name, rows[0].TextContent);
        Assert.Contains(paper.Consultations.First(c => c.Result != null).Result!, path.TextContent);
        Assert.Contains("Entscheidung", path.TextContent);
        Assert.NotNull(page.QuerySelector("a[href$='/access']"));
    }

    [Fact]
    public async Task Committee_and_person_pages_show_members_and_memberships_over_both_terms()
    {
        await using var db = app.Db();
        var council = await db.CouncilOrganizations.SingleAsync(o => o.Kind == OrganizationKind.Council);
        using var client = app.Client();
        var committee = await client.GetPageAsync($"/rat/gremien/{council.Id}");
        var members = committee.QuerySelectorAll("#mitglieder-tabelle tbody tr");
        Assert.InRange(members.Length, 30, 40);
        var personLink = committee.QuerySelector("#mitglieder-tabelle a[href^='/rat/personen/']")!.GetAttribute("href")!;

        var person = await client.GetPageAsync(personLink);
        var memberships = person.QuerySelector("#mitgliedschaften-tabelle")!.TextContent;
        Assert.Contains("01.11.2021", memberships);
        Assert.Contains("01.11.2026", memberships);
        Assert.Contains("Rat der Hansestadt Lüneburg", memberships);
    }

    [Fact]
    public async Task The_web_link_of_every_oparl_object_kind_opens_the_page_with_the_same_id()
    {
        using var client = app.Client();
        foreach (var type in new[] { "meeting", "paper", "organization", "person" })
        {
            var list = JsonNode.Parse(await client.Http.GetStringAsync($"/oparl/v1.1/body/1/{type}?limit=1"))!;
            var item = list["data"]![0]!;
            var web = new Uri(item["web"]!.GetValue<string>());
            var id = item["id"]!.GetValue<string>().Split('/')[^1];
            Assert.EndsWith("/" + id, web.AbsolutePath);
            var page = await client.GetPageAsync(web.PathAndQuery);
            Assert.Contains(item["name"]!.GetValue<string>(), page.QuerySelector("h1")!.TextContent);
        }
    }

    [Fact]
    public async Task Unknown_or_deleted_objects_are_not_found()
    {
        using var client = app.Client();
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/rat/sitzungen/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/rat/vorlagen/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/rat/gremien/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/rat/personen/999999")).StatusCode);
    }
}

[Collection(nameof(SqliteApp))]
public sealed class CouncilPagesTests_Sqlite(SqliteApp app) : CouncilPagesTests(app);

[Collection(nameof(PostgresApp))]
public sealed class CouncilPagesTests_Postgres(PostgresApp app) : CouncilPagesTests(app);
