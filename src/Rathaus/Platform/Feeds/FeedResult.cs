using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;

namespace Rathaus.Platform.Feeds;

/// <summary>A feed as Atom 1.0 (RFC 4287) or RSS 2.0, UTF-8 without byte order mark: one writer for every feed of the site.</summary>
public static class FeedResult
{
    public const string AtomType = "application/atom+xml";
    public const string RssType = "application/rss+xml";

    public static async Task<IResult> WriteAsync(SyndicationFeed feed, bool atom)
    {
        using var buffer = new MemoryStream();
        await using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = true }))
        {
            if (atom)
            {
                new Atom10FeedFormatter(feed).WriteTo(writer);
            }
            else
            {
                new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: true).WriteTo(writer);
            }
        }

        return Results.Bytes(buffer.ToArray(), (atom ? AtomType : RssType) + "; charset=utf-8");
    }
}
