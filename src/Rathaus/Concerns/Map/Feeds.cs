using System.ServiceModel.Syndication;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Rathaus.Concerns.Submit;
using Rathaus.Platform.Feeds;
using Rathaus.Platform.Layout;

namespace Rathaus.Concerns.Map;

/// <summary>
/// RSS 2.0 and Atom 1.0 feeds of new public map reports, optionally for one district (?bezirk=) and one category
/// (?kategorie= with the category's code). Only what /karte shows: no personal data.
/// </summary>
internal static class Feeds
{
    private const int Items = 50;

    public static async Task<IResult> RssAsync(HttpContext http, MapReports reports, IConfiguration configuration, IOptions<SiteTextOptions> site, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        await FeedAsync(http, reports, configuration, site, t, atom: false, ct);

    public static async Task<IResult> AtomAsync(HttpContext http, MapReports reports, IConfiguration configuration, IOptions<SiteTextOptions> site, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        await FeedAsync(http, reports, configuration, site, t, atom: true, ct);

    private static async Task<IResult> FeedAsync(HttpContext http, MapReports reports, IConfiguration configuration, IOptions<SiteTextOptions> site, IStringLocalizer<SharedResource> t, bool atom, CancellationToken ct)
    {
        var district = Filter(http.Request.Query["bezirk"]);
        var category = Filter(http.Request.Query["kategorie"]);
        var query = reports.Public();
        if (district is not null)
        {
            query = query.Where(c => c.District == district);
        }

        if (category is not null)
        {
            query = query.Where(c => c.Category!.Code == category);
        }

        var items = await reports.Project(query.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id)).Take(Items).ToListAsync(ct);
        var baseUrl = TrackingLinks.BaseUrl(http.Request, configuration);
        var title = new StringBuilder(t["Mängelmeldungen in der {0}", site.Value.CityName]);
        if (district is not null)
        {
            title.Append(" – ").Append(district);
        }

        if (category is not null)
        {
            title.Append(" – ").Append(items.FirstOrDefault()?.Category ?? category);
        }

        var self = baseUrl + http.Request.Path + http.Request.QueryString;
        var feed = new SyndicationFeed(title.ToString(), t["Neue Meldungen auf der Karte, ohne persönliche Angaben."], new Uri(baseUrl + "/karte"))
        {
            Id = self,
            Language = "de-DE",
            LastUpdatedTime = items.Count > 0 ? new DateTimeOffset(items.Max(i => i.ReceivedAt), TimeSpan.Zero) : DateTimeOffset.UnixEpoch,
            Items = items.Select(r =>
            {
                var link = new Uri($"{baseUrl}/karte/{r.ReferenceNumber}");
                var summary = t["{0}, {1}. Stand: {2}.", r.Category ?? t["Weiß nicht"], r.District ?? t["Stadtgebiet"], t[ConcernTexts.StatusName(r.Status)]];
                var item = new SyndicationItem($"{r.Category ?? t["Weiß nicht"]} ({r.ReferenceNumber})", summary, link, link.ToString(), new DateTimeOffset(r.ReceivedAt, TimeSpan.Zero))
                {
                    PublishDate = new DateTimeOffset(r.ReceivedAt, TimeSpan.Zero),
                };
                if (r.Category is not null)
                {
                    item.Categories.Add(new SyndicationCategory(r.Category));
                }

                return item;
            }).ToList(),
        };
        feed.Authors.Add(new SyndicationPerson { Name = site.Value.CityName });
        feed.Links.Add(new SyndicationLink(new Uri(self), "self", null, atom ? FeedResult.AtomType : FeedResult.RssType, 0));

        return await FeedResult.WriteAsync(feed, atom);
    }

    private static string? Filter(string? value) => string.IsNullOrWhiteSpace(value) || value.Length > 100 ? null : value.Trim();
}
