using System.Globalization;
using System.ServiceModel.Syndication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Rathaus.Council.Model;
using Rathaus.Data;
using Rathaus.Platform.Feeds;

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
        var feed = new SyndicationFeed
        {
            Id = self,
            Title = new TextSyndicationContent(title),
            Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
            Generator = "Rathaus",
            // RFC 4287 4.2.15: the feed changed when its newest entry did; an empty feed when the clock says.
            LastUpdatedTime = Utc(papers.Count > 0 ? papers.Max(p => p.Modified) : clock.GetUtcNow().UtcDateTime),
            Items = papers.Select(paper =>
            {
                var url = new Uri($"{origin}/rat/vorlagen/{paper.Id}");
                var type = t[CouncilNames.PaperType(paper.Type)].Value;
                var summary = t["{0} vom {1}, eingebracht von {2}", type, paper.Date.ToString("dd.MM.yyyy", CultureInfo.GetCultureInfo("de-DE")), paper.Faction ?? paper.Unit ?? t["Verwaltung"].Value];
                var entry = new SyndicationItem
                {
                    Id = url.ToString(),
                    Title = new TextSyndicationContent($"{paper.Reference}: {paper.Name}"),
                    LastUpdatedTime = Utc(paper.Modified),
                    PublishDate = Utc(paper.Created),
                    Summary = new TextSyndicationContent(summary),
                };
                entry.Links.Add(SyndicationLink.CreateAlternateLink(url, "text/html"));
                entry.Categories.Add(new SyndicationCategory(paper.Type.ToString(), null, type));
                return entry;
            }).ToList(),
        };
        feed.Links.Add(new SyndicationLink(new Uri(self), "self", null, FeedResult.AtomType, 0));
        feed.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(origin + (organizationId is int g ? $"/rat/gremien/{g}" : "/rat")), "text/html"));
        feed.Authors.Add(new SyndicationPerson { Name = t["Ratsbüro der Hansestadt Lüneburg"].Value });
        return await FeedResult.WriteAsync(feed, atom: true);
    }

    private static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
