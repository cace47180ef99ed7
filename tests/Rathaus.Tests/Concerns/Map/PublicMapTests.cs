using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Model;
using Rathaus.Tests.Infrastructure;
using static Rathaus.Tests.Concerns.Map.MapTestData;

namespace Rathaus.Tests.Concerns.Map;

/// <summary>/karte, a report's public page and the feeds: what anyone sees, and never a citizen's personal data.</summary>
public abstract class PublicMapTests(RathausApp app)
{
    private static Dictionary<string, string?> WithContact(Dictionary<string, string?> values, string marker)
    {
        values["Input.ContactName"] = "Erika Mustermann " + marker;
        values["Input.ContactEmail"] = $"erika.{marker}@example.org";
        values["Input.ContactPhone"] = "04131 5550199";
        return values;
    }

    [Fact]
    public async Task The_map_lists_reports_with_topic_district_and_status_but_no_name_email_phone_or_description()
    {
        var topic = await NewTopicAsync(app);
        var marker = Guid.NewGuid().ToString("N");
        using var client = app.Client();
        var reference = await SubmitAsync(client, WithContact(Report(topic.Id, Kaltenmoor, "Geheime Beschreibung " + marker), marker));

        var map = await client.GetPageAsync($"/karte?kategorie={topic.Id}");
        var row = Assert.Single(map.QuerySelectorAll("#meldungen-liste tbody tr"));
        Assert.Contains(reference, row.TextContent);
        Assert.Contains(topic.Name, row.TextContent);
        Assert.Contains("Kaltenmoor", row.TextContent);
        Assert.Contains("Eingegangen", row.TextContent);

        var page = await client.GetPageAsync($"/karte/{reference}");
        var html = page.DocumentElement.OuterHtml;
        foreach (var secret in new[] { marker, "Mustermann", "erika.", "Geheime Beschreibung", "5550199" })
        {
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, map.DocumentElement.OuterHtml, StringComparison.Ordinal);
        }

        Assert.Contains("bei Carl-Friedrich-Goerdeler-Straße", Text(page));
        Assert.Contains("Kaltenmoor", Text(page));
    }

    [Fact]
    public async Task Status_district_and_date_filters_narrow_the_list()
    {
        var topic = await NewTopicAsync(app);
        using var client = app.Client();
        var open = await SubmitAsync(client, Report(topic.Id, Kaltenmoor, "offen"));
        var done = await SubmitAsync(client, Report(topic.Id, North(Altstadt, 500), "erledigt"));
        await using (var db = app.Db())
        {
            await db.Concerns.Where(c => c.ReferenceNumber == done).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ConcernStatus.Resolved));
        }

        async Task<List<string>> Listed(string query) =>
            (await client.GetPageAsync($"/karte?kategorie={topic.Id}&{query}")).QuerySelectorAll("#meldungen-liste tbody tr").Select(r => r.TextContent).ToList();

        Assert.Contains(open, Assert.Single(await Listed("status=offen")));
        Assert.Contains(done, Assert.Single(await Listed("status=erledigt")));
        Assert.Contains(open, Assert.Single(await Listed("bezirk=Kaltenmoor")));
        Assert.Equal(2, (await Listed("")).Count);
        Assert.Empty(await Listed("von=2000-01-01&bis=2000-12-31"));
        Assert.Equal(2, (await Listed($"von={DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}")).Count);

        var swapped = await client.GetPageAsync($"/karte?von=2026-12-31&bis=2026-01-01");
        Assert.Contains("Das Datum „von“ liegt nach dem Datum „bis“. Bitte tauschen Sie die beiden.", Text(swapped));

        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/karte/1999-000001")).StatusCode);
    }

    [Fact]
    public async Task Feeds_per_district_and_topic_are_valid_RSS_2_and_Atom_without_personal_data()
    {
        var topic = await NewTopicAsync(app);
        var marker = Guid.NewGuid().ToString("N");
        using var client = app.Client();
        var inKaltenmoor = await SubmitAsync(client, WithContact(Report(topic.Id, Kaltenmoor, "Beschreibung " + marker), marker));
        var inAltstadt = await SubmitAsync(client, Report(topic.Id, Altstadt, "Beschreibung " + marker));

        foreach (var (path, formatter) in new (string, SyndicationFeedFormatter)[] { ("/karte/feed.rss", new Rss20FeedFormatter()), ("/karte/feed.atom", new Atom10FeedFormatter()) })
        {
            var response = await client.Http.GetAsync($"{path}?bezirk=Kaltenmoor&kategorie={topic.Code}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var xml = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(marker, xml, StringComparison.Ordinal);
            Assert.DoesNotContain("Mustermann", xml, StringComparison.Ordinal);
            using var reader = XmlReader.Create(new StringReader(xml));
            Assert.True(formatter.CanRead(reader), $"{path} is not readable as {formatter.Version}");
            formatter.ReadFrom(reader);
            var item = Assert.Single(formatter.Feed.Items);
            Assert.Contains(inKaltenmoor, item.Title.Text);
            Assert.Contains(topic.Name, item.Title.Text);
            Assert.EndsWith("/karte/" + inKaltenmoor, item.Links.First().Uri.ToString());
            Assert.Contains("Kaltenmoor", formatter.Feed.Title.Text);
        }

        var rss = await client.Http.GetStringAsync($"/karte/feed.rss?kategorie={topic.Code}");
        Assert.Contains(inAltstadt, rss);
        Assert.Contains(inKaltenmoor, rss);
        Assert.Contains("application/rss+xml", (await client.Http.GetAsync("/karte/feed.rss")).Content.Headers.ContentType!.ToString());
    }
}

[Collection(nameof(SqliteApp))]
public sealed class PublicMapTests_Sqlite(SqliteApp app) : PublicMapTests(app);

[Collection(nameof(PostgresApp))]
public sealed class PublicMapTests_Postgres(PostgresApp app) : PublicMapTests(app);
