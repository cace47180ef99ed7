using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Rathaus.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Rathaus.BrowserTests.Council;

/// <summary>
/// The council office prepares a committee meeting: a paper, the meeting, an agenda item that treats the paper, and
/// the result. A citizen then finds it by search, reads the result and subscribes to the meeting calendar.
/// Every public council page is checked with axe-core on the way.
/// </summary>
public sealed class CouncilFlowTests(RathausServer server, Chromium chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task The_council_office_records_a_result_and_a_citizen_finds_it_by_search_and_subscribes_to_the_calendar()
    {
        // A made-up word that no demo text contains, so the search finds exactly what this test wrote.
        var word = "Kalkbergbuegel" + new string([.. Guid.NewGuid().ToString("N")[..6].Select(c => (char)('a' + (c % 26)))]);
        var reference = string.Create(CultureInfo.InvariantCulture, $"2026/{Random.Shared.Next(9000, 9999)}");
        var meetingDay = DateOnly.FromDateTime(DateTime.Today).AddDays(14);
        var meetingName = $"Sitzung des Umweltausschusses am {meetingDay:dd.MM.yyyy}";

        var page = await OpenAsync("/anmelden");
        await LogInAsync(page, "m.kruse");

        await page.GotoAsync("/intern/rat/drucksache");
        await Axe(page);
        await page.GetByLabel("Drucksachennummer").FillAsync(reference);
        await page.GetByLabel("Betreff").FillAsync($"Mehr Fahrradbügel am Kalkberg ({word})");
        await ChooseAsync(page.GetByLabel("Art", new() { Exact = true }), "Beschlussvorlage");
        await page.GetByLabel("Datum").FillAsync(DateOnly.FromDateTime(DateTime.Today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Drucksache speichern" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).Not.ToHaveTextAsync("Neue Drucksache anlegen");
        await Axe(page);

        await page.GotoAsync("/intern/rat/sitzung");
        await page.GetByLabel("Bezeichnung").FillAsync(meetingName);
        await ChooseAsync(page.GetByLabel("Gremium"), "Ausschuss für Umwelt, Klimaschutz und Mobilität");
        await page.GetByLabel("Datum").FillAsync(meetingDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Beginn").FillAsync("17:00");
        await page.GetByLabel("Ende").FillAsync("19:00");
        await ChooseAsync(page.GetByLabel("Status"), "eingeladen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sitzung speichern" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/intern/rat/sitzung/\d+$"));
        await Axe(page);

        await page.GetByLabel("Nummer", new() { Exact = true }).FillAsync("Ö 3");
        await page.GetByLabel("Gegenstand").FillAsync("Mehr Fahrradbügel am Kalkberg");
        await page.GetByLabel("Öffentlich").CheckAsync();
        await page.GetByLabel("Drucksachennummer").FillAsync(reference);
        await page.GetByLabel("Ergebnis").FillAsync("ungeändert beschlossen");
        await page.GetByLabel("Beschlusstext").FillAsync($"Die Verwaltung stellt am Kalkberg 40 Fahrradbügel auf ({word}).");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tagesordnungspunkt hinzufügen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ö 3 Mehr Fahrradbügel am Kalkberg" })).ToBeVisibleAsync();
        await Axe(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();

        // The citizen: search, find the agenda item and the paper with the word marked, read the result.
        await page.GotoAsync("/rat");
        await Axe(page);
        await page.GotoAsync("/rat/suche");
        await page.GetByLabel("Suchbegriffe").FillAsync(word);
        await page.GetByRole(AriaRole.Button, new() { Name = "Suchen" }).ClickAsync();
        var hits = page.Locator("#suchergebnisse");
        await Expect(hits.Locator("mark").First).ToHaveTextAsync(new Regex(word, RegexOptions.IgnoreCase));
        await Expect(hits).ToContainTextAsync(reference);
        await Axe(page);

        await hits.GetByRole(AriaRole.Link).Filter(new() { HasText = reference }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Mehr Fahrradbügel am Kalkberg");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(reference);
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("ungeändert beschlossen");
        await Axe(page);

        // The consultation path links the meeting by its date.
        await page.Locator("#beratungsfolge-tabelle").GetByRole(AriaRole.Link, new() { Name = meetingDay.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(meetingName);
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Mehr Fahrradbügel am Kalkberg");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("ungeändert beschlossen");
        await Axe(page);

        // The calendar of the meeting's month lists it; its subscribe button gives an iCalendar feed with the meeting.
        await page.GotoAsync("/rat/sitzungen?monat=" + meetingDay.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = meetingName }).First).ToBeVisibleAsync();
        await Axe(page);
        var subscribe = page.GetByRole(AriaRole.Link, new() { Name = "Kalender abonnieren" }).First;
        var feedUrl = await subscribe.GetAttributeAsync("href");
        Assert.NotNull(feedUrl);
        // The button is a webcal:// link (calendar programs subscribe to it); the same feed over HTTP(S).
        var feed = await page.APIRequest.GetAsync(Url(new Uri(feedUrl.Replace("webcal://", "http://", StringComparison.Ordinal)).PathAndQuery));
        Assert.Equal(200, feed.Status);
        Assert.StartsWith("text/calendar", feed.Headers["content-type"], StringComparison.Ordinal);
        var calendar = (await feed.TextAsync()).Replace("\r\n ", "", StringComparison.Ordinal); // RFC 5545 line folding
        Assert.Contains("BEGIN:VCALENDAR", calendar, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:" + meetingName, calendar, StringComparison.Ordinal);
        var start = TimeZoneInfo.ConvertTimeToUtc(meetingDay.ToDateTime(new TimeOnly(17, 0)), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        Assert.Contains("DTSTART:" + start.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture), calendar, StringComparison.Ordinal);

        // The other public council pages.
        await page.GotoAsync("/rat");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ausschuss für Umwelt, Klimaschutz und Mobilität" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Kalender abonnieren" }).First).ToBeVisibleAsync();
        await Axe(page);
        var member = page.Locator("a[href^='/rat/personen/']").First;
        if (await member.CountAsync() > 0)
        {
            await member.ClickAsync();
            await Axe(page);
        }

        foreach (var path in new[] { "/rat/beschluesse", "/rat/beschluesse/bericht", "/rat/benachrichtigungen", "/oparl/erweiterungen" })
        {
            await page.GotoAsync(path);
            await Axe(page);
        }
    }
}
