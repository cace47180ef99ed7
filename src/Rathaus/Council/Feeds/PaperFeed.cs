using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Rathaus.Council.Model;
using Rathaus.Data;

namespace Rathaus.Council.Feeds;

/// <summary>
/// Atom feeds (RFC 4287) of new papers: all of them, and those of one organization (filed by a faction, or on an
/// organization's consultation path). Entry ids are the papers' page URLs, which never change, so feed readers
/// recognise an entry again after an update.
/// </summary>
internal static class PaperFeed
{
    /// <summary>Feed readers poll often; the newest fifty cover any sensible interval.</summary>
    private const int Entries = 50;

    public const string AllUrl = "/rat/vorlagen.atom";

    public static string OrganizationUrl(int organizationId) => $"/rat/gremien/{organizationId.ToString(CultureInfo.InvariantCulture)}/vorlagen.atom";

    public static void MapPaperFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet(AllUrl, (HttpContext http, RathausDb db, IStringLocalizer<SharedResource> t, TimeProvider clock) =>
            FeedAsync(http, db, clock, null, t["Neue Vorlagen – Rat der Hansestadt Lüneburg"].Value)).AllowAnonymous();
        app.MapGet("/rat/gremien/{id:int}/vorlagen.atom", async (int id, HttpContext http, RathausDb db, IStringLocalizer<SharedResource> t, TimeProvider clock) =>
            await db.CouncilOrganizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id && !o.Deleted) is { } organization
                ? await FeedAsync(http, db, clock, id, t["Neue Vorlagen – {0}", organization.Name].Value)
                : Results.NotFound()).AllowAnonymous();
    }

    private static async Task<IResult> FeedAsync(HttpContext http, RathausDb db, TimeProvider clock, int? organizationId, string title)
    {
        var query = db.Papers.AsNoTracking().Where(p => !p.Deleted);
        if (organizationId is int id)
        {
            query = query.Where(p => p.OriginatorOrganizationId == id || p.Consultations.Any(c => c.OrganizationId == id && !c.Deleted));
        }

        var papers = await query.OrderByDescending(p => p.Date).ThenByDescending(p => p.Id).Take(Entries)
            .Select(p => new { p.Id, p.Reference, p.Name, p.Type, p.Date, p.Created, p.Modified, Unit = p.OriginatorUnit!.Name, Faction = p.OriginatorOrganization!.Name })
            .ToListAsync(http.RequestAborted);
        var t = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var origin = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        var self = origin + (organizationId is int o ? OrganizationUrl(o) : AllUrl);

        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = true }))
        {
            const string Atom = "http://www.w3.org/2005/Atom";
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            xml.WriteAttributeString("xml", "lang", null, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
            xml.WriteElementString("id", Atom, self);
            xml.WriteElementString("title", Atom, title);
            // RFC 4287 4.2.15: the feed changed when its newest entry did; an empty feed when the clock says.
            xml.WriteElementString("updated", Atom, Instant(papers.Count > 0 ? papers.Max(p => p.Modified) : clock.GetUtcNow().UtcDateTime));
            Link(xml, "self", self, "application/atom+xml");
            Link(xml, "alternate", origin + (organizationId is int g ? $"/rat/gremien/{g}" : "/rat"), "text/html");
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, t["Ratsbüro der Hansestadt Lüneburg"].Value);
            xml.WriteEndElement();
            xml.WriteElementString("generator", Atom, "Rathaus");
            foreach (var paper in papers)
            {
                var url = $"{origin}/rat/vorlagen/{paper.Id}";
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, url);
                xml.WriteElementString("title", Atom, $"{paper.Reference}: {paper.Name}");
                xml.WriteElementString("published", Atom, Instant(paper.Created));
                xml.WriteElementString("updated", Atom, Instant(paper.Modified));
                Link(xml, "alternate", url, "text/html");
                xml.WriteStartElement("category", Atom);
                xml.WriteAttributeString("term", paper.Type.ToString());
                xml.WriteAttributeString("label", t[CouncilNames.PaperType(paper.Type)].Value);
                xml.WriteEndElement();
                xml.WriteStartElement("summary", Atom);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(t["{0} vom {1}, eingebracht von {2}", t[CouncilNames.PaperType(paper.Type)], paper.Date.ToString("dd.MM.yyyy", CultureInfo.GetCultureInfo("de-DE")), paper.Faction ?? paper.Unit ?? t["Verwaltung"].Value]);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return Results.Bytes(buffer.ToArray(), "application/atom+xml; charset=utf-8");
    }

    private static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", "http://www.w3.org/2005/Atom");
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    // RFC 3339 in UTC, as Atom dates must be.
    private static string Instant(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
