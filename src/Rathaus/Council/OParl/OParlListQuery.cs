using System.Globalization;
using Microsoft.AspNetCore.Http;
using Rathaus.Council.Model;

namespace Rathaus.Council.OParl;

/// <summary>
/// The parameters of an external list (spec 2.5): the filters <c>created_since</c>, <c>created_until</c>,
/// <c>modified_since</c>, <c>modified_until</c> (full date-times), <c>limit</c>, <c>page</c> and
/// <c>omit_internal</c>. A value that cannot be read is an error, not silently ignored.
/// </summary>
internal sealed record OParlListQuery(DateTime? CreatedSince, DateTime? CreatedUntil, DateTime? ModifiedSince, DateTime? ModifiedUntil, int Limit, int Page, bool OmitInternal)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    /// <summary>The query, or the German message (a resx key) and the offending parameter.</summary>
    public static (OParlListQuery? Query, string? Error, string? Parameter) Parse(IQueryCollection query)
    {
        var instants = new DateTime?[4];
        string[] names = ["created_since", "created_until", "modified_since", "modified_until"];
        for (var i = 0; i < names.Length; i++)
        {
            if (query[names[i]] is { Count: > 0 } values)
            {
                // A '+' of the offset that a client forgot to encode arrives as a space.
                var text = values[0]!.Trim().Replace(' ', '+');
                if (values.Count > 1 || !DateTimeOffset.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
                {
                    return (null, Texts.Key("Der Filter ist keine vollständige Datums- und Zeitangabe wie 2026-01-31T18:00:00+01:00."), names[i]);
                }

                instants[i] = instant.UtcDateTime;
            }
        }

        var limit = DefaultLimit;
        if (query["limit"] is { Count: > 0 } limitText
            && (!int.TryParse(limitText[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
        {
            return (null, Texts.Key("Der Parameter limit muss eine ganze Zahl von 1 bis 1000 sein."), "limit");
        }

        var page = 1;
        if (query["page"] is { Count: > 0 } pageText
            && (!int.TryParse(pageText[0], NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            return (null, Texts.Key("Der Parameter page muss eine ganze Zahl ab 1 sein."), "page");
        }

        var omitInternal = false;
        if (query["omit_internal"] is { Count: > 0 } omitText && !bool.TryParse(omitText[0], out omitInternal))
        {
            return (null, Texts.Key("Der Parameter omit_internal muss true oder false sein."), "omit_internal");
        }

        return (new OParlListQuery(instants[0], instants[1], instants[2], instants[3], limit, page, omitInternal), null, null);
    }

    /// <summary>
    /// Applies the filters. Deleted objects are listed only when <c>modified_since</c> is given, so a client that
    /// updates its copy learns about them (spec 2.5, Aktualisierungsmechanismus).
    /// </summary>
    public IQueryable<T> Apply<T>(IQueryable<T> source) where T : CouncilObject
    {
        if (ModifiedSince is null)
        {
            source = source.Where(o => !o.Deleted);
        }

        if (CreatedSince is { } createdSince)
        {
            source = source.Where(o => o.Created >= createdSince);
        }

        if (CreatedUntil is { } createdUntil)
        {
            source = source.Where(o => o.Created <= createdUntil);
        }

        if (ModifiedSince is { } modifiedSince)
        {
            source = source.Where(o => o.Modified >= modifiedSince);
        }

        if (ModifiedUntil is { } modifiedUntil)
        {
            source = source.Where(o => o.Modified <= modifiedUntil);
        }

        return source.OrderBy(o => o.Id);
    }
}
