using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Model;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Council;

/// <summary>The Atom feeds of new papers (RFC 4287), read back with .NET's syndication parser.</summary>
public abstract class PaperFeedTests(RathausApp app)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static async Task<(SyndicationFeed Feed, XDocument Xml)> FeedAsync(PageClient client, string url)
    {
        var response = await client.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var reader = XmlReader.Create(new MemoryStream(bytes));
        var formatter = new Atom10FeedFormatter();
        Assert.True(formatter.CanRead(reader));
        formatter.ReadFrom(reader);
        return (formatter.Feed, XDocument.Load(new MemoryStream(bytes)));
    }

    [Fact]
    public async Task The_feed_of_all_papers_lists_the_newest_with_the_elements_atom_requires()
    {
        await using var db = app.Db();
        var newest = await db.Papers.Where(p => !p.Deleted).OrderByDescending(p => p.Date).ThenByDescending(p => p.Id).FirstAsync();
        using var client = app.Client();
        var (feed, xml) = await FeedAsync(client, "/rat/vorlagen.atom");

        Assert.Equal("http://localhost/rat/vorlagen.atom", feed.Id);
        Assert.Contains(feed.Links, l => l.RelationshipType == "self" && l.Uri.AbsolutePath == "/rat/vorlagen.atom");
        Assert.NotEmpty(feed.Authors);
        Assert.InRange(feed.Items.Count(), 1, 50);
        var first = feed.Items.First();
        Assert.Equal($"http://localhost/rat/vorlagen/{newest.Id}", first.Id);
        Assert.Equal($"{newest.Reference}: {newest.Name}", first.Title.Text);
        Assert.Contains(first.Links, l => l.RelationshipType == "alternate" && l.Uri.AbsolutePath == $"/rat/vorlagen/{newest.Id}");
        Assert.NotEqual(default, first.LastUpdatedTime);

        // RFC 4287 4.1.2: every entry has exactly one id, title and updated; ids are unique.
        var entries = xml.Root!.Elements(Atom + "entry").ToList();
        Assert.All(entries, e =>
        {
            Assert.Single(e.Elements(Atom + "id"));
            Assert.Single(e.Elements(Atom + "title"));
            Assert.Single(e.Elements(Atom + "updated"));
        });
        Assert.Equal(entries.Count, entries.Select(e => e.Element(Atom + "id")!.Value).Distinct().Count());
    }

    [Fact]
    public async Task An_organizations_feed_has_the_papers_on_its_consultation_path_or_filed_by_it_and_no_other()
    {
        await using var db = app.Db();
        var faction = await db.CouncilOrganizations.Where(o => o.Kind == OrganizationKind.Faction && db.Papers.Any(p => p.OriginatorOrganizationId == o.Id)).OrderBy(o => o.Id).FirstAsync();
        var theirs = await db.Papers.Where(p => !p.Deleted && (p.OriginatorOrganizationId == faction.Id || p.Consultations.Any(c => c.OrganizationId == faction.Id)))
            .OrderByDescending(p => p.Date).ThenByDescending(p => p.Id).Take(50).Select(p => p.Id).ToListAsync();
        using var client = app.Client();
        var (feed, _) = await FeedAsync(client, $"/rat/gremien/{faction.Id}/vorlagen.atom");
        Assert.Equal(theirs.Select(id => $"http://localhost/rat/vorlagen/{id}"), feed.Items.Select(i => i.Id));
        Assert.Contains(faction.Name, feed.Title.Text);

        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/rat/gremien/999999/vorlagen.atom")).StatusCode);
    }

    [Fact]
    public async Task Hostile_paper_titles_stay_text_in_the_feed()
    {
        await using var db = app.Db();
        var body = await db.CouncilBodies.OrderBy(b => b.Id).FirstAsync();
        var paper = new Paper { BodyId = body.Id, Reference = $"F/{Random.Shared.Next(1_000_000):D6}", Name = "<![CDATA[x]]> </title><script>&amp; \"Zitat\"", Date = new DateOnly(2099, 1, 1) };
        paper.Stamp(DateTime.UtcNow);
        db.Papers.Add(paper);
        await db.SaveChangesAsync();
        using var client = app.Client();
        var (feed, _) = await FeedAsync(client, "/rat/vorlagen.atom");
        Assert.Equal($"{paper.Reference}: {paper.Name}", feed.Items.First().Title.Text);
    }

    [Fact]
    public async Task The_pages_announce_the_feeds_in_their_head_and_link_to_them()
    {
        await using var db = app.Db();
        var committee = await db.CouncilOrganizations.Where(o => o.Kind == OrganizationKind.Committee).OrderBy(o => o.Id).FirstAsync();
        var paper = await db.Papers.Where(p => !p.Deleted).OrderBy(p => p.Id).FirstAsync();
        using var client = app.Client();
        foreach (var (url, feed) in new[] { ("/rat", "/rat/vorlagen.atom"), ($"/rat/vorlagen/{paper.Id}", "/rat/vorlagen.atom"), ($"/rat/gremien/{committee.Id}", $"/rat/gremien/{committee.Id}/vorlagen.atom") })
        {
            var page = await client.GetPageAsync(url);
            Assert.NotNull(page.Head!.QuerySelector($"link[rel=alternate][type='application/atom+xml'][href='{feed}']"));
            Assert.NotNull(page.QuerySelector($"main a[href='{feed}']"));
        }
    }
}

[Collection(nameof(SqliteApp))]
public sealed class PaperFeedTests_Sqlite(SqliteApp app) : PaperFeedTests(app);

[Collection(nameof(PostgresApp))]
public sealed class PaperFeedTests_Postgres(PostgresApp app) : PaperFeedTests(app);
