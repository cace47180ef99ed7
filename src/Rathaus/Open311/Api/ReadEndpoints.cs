using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Rathaus.Concerns.Model;
using Rathaus.Concerns.Submit;
using Rathaus.Data;
using Rathaus.Platform.Audit;

namespace Rathaus.Open311.Api;

/// <summary>The GET methods of GeoReport v2 and the discovery document. None needs an api_key.</summary>
internal static class ReadEndpoints
{
    private const int DefaultDays = 90;
    private const int MaxRequests = 1000;

    /// <summary>GET services.{format}: the categories that take reports (topics, not their groups).</summary>
    public static async Task<IResult> ServicesAsync(string format, RathausDb db, IOptions<Open311Options> options, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var fmt = Open311Response.ParseFormat(format);
        if (fmt is not Open311Format f)
        {
            return NotFoundFormat(t);
        }

        var services = await Services(db)
            .OrderBy(c => c.Parent == null ? c.SortOrder : c.Parent.SortOrder).ThenBy(c => c.SortOrder).ThenBy(c => c.Name)
            .Select(c => new
            {
                c.Code,
                c.Name,
                c.Description,
                Metadata = db.ServiceAttributes.Any(a => a.CategoryId == c.Id),
                Group = c.Parent == null ? null : c.Parent.Name,
            })
            .ToListAsync(ct);
        var list = new Open311List("services", "service", services.Select(s => (object?)new Open311Object(
            ("service_code", s.Code),
            ("service_name", s.Name),
            ("description", s.Description),
            ("metadata", s.Metadata),
            ("type", options.Value.ServiceType),
            ("keywords", null),
            ("group", s.Group))).ToList());
        return Open311Response.Ok(f, list);
    }

    /// <summary>GET services/{service_code}.{format}: the questions (attributes) of one category.</summary>
    public static async Task<IResult> ServiceDefinitionAsync(string code, string format, RathausDb db, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var fmt = Open311Response.ParseFormat(format);
        if (fmt is not Open311Format f)
        {
            return NotFoundFormat(t);
        }

        var category = await Services(db).Where(c => c.Code == code).Select(c => new { c.Id, c.Code }).SingleOrDefaultAsync(ct);
        if (category is null)
        {
            return Open311Response.Error(f, 404, "service_code", t["Den Dienst „{0}“ gibt es nicht.", code]);
        }

        var attributes = await db.ServiceAttributes.AsNoTracking().Include(a => a.Values)
            .Where(a => a.CategoryId == category.Id).OrderBy(a => a.Order).ThenBy(a => a.Code).ToListAsync(ct);
        var definition = new Open311Object(
            ("service_code", category.Code),
            ("attributes", new Open311List("attributes", "attribute", attributes.Select(a => (object?)new Open311Object(
                ("variable", a.Variable),
                ("code", a.Code),
                ("datatype", Attributes.ServiceAttribute.SpecName(a.Datatype)),
                ("required", a.Required),
                ("datatype_description", a.DatatypeDescription),
                ("order", a.Order),
                ("description", a.Description),
                ("values", new Open311List("values", "value", a.Values.OrderBy(v => v.Order).ThenBy(v => v.Key)
                    .Select(v => (object?)new Open311Object(("key", v.Key), ("name", v.Name))).ToList())))).ToList())));
        return Open311Response.Ok(f, definition, "service_definition");
    }

    /// <summary>GET tokens/{token}.{format}.</summary>
    public static async Task<IResult> TokenAsync(string token, string format, RathausDb db, PublicRequests requests, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var fmt = Open311Response.ParseFormat(format);
        if (fmt is not Open311Format f)
        {
            return NotFoundFormat(t);
        }

        var reference = token.Length > 64 ? null : await db.Open311Requests.AsNoTracking()
            .Where(r => r.Token == token && requests.Visible().Any(c => c.Id == r.ConcernId))
            .Select(r => r.Concern!.ReferenceNumber).SingleOrDefaultAsync(ct);
        if (reference is null)
        {
            return Open311Response.Error(f, 404, "token", t["Das Token „{0}“ gibt es nicht.", token]);
        }

        return Open311Response.Ok(f, new Open311List("service_requests", "request", [new Open311Object(("service_request_id", reference), ("token", token))]));
    }

    /// <summary>GET requests/{service_request_id}.{format}.</summary>
    public static async Task<IResult> RequestAsync(string id, string format, HttpRequest http, PublicRequests requests, IConfiguration configuration, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var fmt = Open311Response.ParseFormat(format);
        if (fmt is not Open311Format f)
        {
            return NotFoundFormat(t);
        }

        var row = id.Length > 20 ? null : await requests.Rows(requests.Visible().Where(c => c.ReferenceNumber == id)).SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return Open311Response.Error(f, 404, "service_request_id", t["Die Meldung „{0}“ gibt es nicht.", id]);
        }

        var request = await requests.ToObjectAsync(row, TrackingLinks.BaseUrl(http, configuration), Extensions(http), t, ct);
        return Open311Response.Ok(f, new Open311List("service_requests", "request", [request]));
    }

    /// <summary>
    /// GET requests.{format}. GeoReport v2: service_request_id "overrides all other arguments"; without dates "the
    /// range defaults to most recent 90 days"; a range "may not span more than 90 days"; "Default query limit is a span
    /// of 90 days or first 1000 requests returned, whichever is smallest". page and page_size are the widely used
    /// paging extension (GeoReport v2 Extensions, Pagination).
    /// </summary>
    public static async Task<IResult> RequestsAsync(string format, HttpRequest http, PublicRequests requests, IConfiguration configuration, TimeProvider clock, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var fmt = Open311Response.ParseFormat(format);
        if (fmt is not Open311Format f)
        {
            return NotFoundFormat(t);
        }

        var query = http.Query;
        var errors = new List<Open311Error>();
        var concerns = requests.Visible();
        var ids = List(query["service_request_id"]);
        if (ids.Count > 0)
        {
            if (ids.Count > MaxRequests)
            {
                errors.Add(new("service_request_id", t["Bitte fragen Sie höchstens {0} Meldungen auf einmal ab.", MaxRequests]));
            }

            concerns = concerns.Where(c => ids.Contains(c.ReferenceNumber));
        }
        else
        {
            var codes = List(query["service_code"]);
            if (codes.Count > 0)
            {
                concerns = concerns.Where(c => codes.Contains(c.Category!.Code));
            }

            var statuses = List(query["status"]);
            if (statuses.Any(s => s is not ("open" or "closed")))
            {
                errors.Add(new("status", t["Erlaubt sind nur open und closed."]));
            }
            else if (statuses.Distinct().Count() == 1)
            {
                var closed = statuses[0] == "closed";
                concerns = concerns.Where(c => (c.MergedIntoId != null || c.Status == ConcernStatus.Resolved || c.Status == ConcernStatus.Rejected || c.Status == ConcernStatus.Withdrawn) == closed);
            }

            var start = Date(query["start_date"], "start_date", errors, t);
            var end = Date(query["end_date"], "end_date", errors, t);
            var now = clock.GetUtcNow().UtcDateTime;
            var (from, to) = (start, end) switch
            {
                (DateTime s, DateTime e) => (s, e),
                (DateTime s, null) => (s, s.AddDays(DefaultDays)),
                (null, DateTime e) => (e.AddDays(-DefaultDays), e),
                _ => (now.AddDays(-DefaultDays), now),
            };
            if (to < from)
            {
                errors.Add(new("end_date", t["Das Ende liegt vor dem Anfang."]));
            }
            else if (to - from > TimeSpan.FromDays(DefaultDays))
            {
                errors.Add(new("end_date", t["Der Zeitraum darf höchstens {0} Tage umfassen.", DefaultDays]));
            }

            concerns = concerns.Where(c => c.ReceivedAt >= from && c.ReceivedAt <= to);
        }

        var page = Number(query["page"], "page", 1, int.MaxValue / MaxRequests, 1, errors, t);
        var pageSize = Number(query["page_size"], "page_size", 1, MaxRequests, MaxRequests, errors, t);
        if (errors.Count > 0)
        {
            return Open311Response.Errors(f, 400, errors);
        }

        var rows = await requests.Rows(concerns.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id).Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(ct);
        var baseUrl = TrackingLinks.BaseUrl(http, configuration);
        var extensions = Extensions(http);
        var items = new List<object?>(rows.Count);
        foreach (var row in rows)
        {
            items.Add(await requests.ToObjectAsync(row, baseUrl, extensions, t, ct));
        }

        return Open311Response.Ok(f, new Open311List("service_requests", "request", items));
    }

    /// <summary>A photo the citizen sent with a public report (the media_url of the request); nothing else.</summary>
    public static async Task<IResult> MediaAsync(string id, long file, HttpContext http, PublicRequests requests, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var concernId = id.Length > 20 ? null : await requests.Visible().Where(c => c.ReferenceNumber == id).Select(c => (long?)c.Id).SingleOrDefaultAsync(ct);
        var photo = concernId is long cid
            ? await requests.PublicPhotos(cid).Where(a => a.Id == file).Select(a => new { a.FileName, a.ContentType, a.Content }).SingleOrDefaultAsync(ct)
            : null;
        if (photo is null)
        {
            return Open311Response.Error(Open311Format.Xml, 404, "media", t["Dieses Foto gibt es nicht."]);
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "public, max-age=86400";
        return Results.File(photo.Content, photo.ContentType, photo.FileName);
    }

    /// <summary>The service discovery document (Open311 Service Discovery): JSON and XML are both required.</summary>
    public static async Task<IResult> DiscoveryAsync(string format, HttpRequest http, RathausDb db, IConfiguration configuration, IOptions<Open311Options> options, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var fmt = Open311Response.ParseFormat(format);
        if (fmt is not Open311Format f)
        {
            return NotFoundFormat(t);
        }

        // "changeset … indicates that there has been an update to the Service Discovery list or to the Service Definitions".
        string[] types = [nameof(Concerns.Categories.Category), nameof(Attributes.ServiceAttribute)];
        var changed = await db.AuditEntries.AsNoTracking().Where(a => types.Contains(a.EntityType)).MaxAsync(a => (DateTime?)a.At, ct);
        var changeset = changed is DateTime c ? Open311Document.Timestamp(c) : "2026-11-25T00:00:00+01:00";
        var document = new Open311Object(
            ("changeset", changeset),
            ("contact", options.Value.Contact),
            ("key_service", options.Value.KeyService),
            ("endpoints", new Open311List("endpoints", "endpoint", [new Open311Object(
                ("specification", "http://wiki.open311.org/GeoReport_v2"),
                ("url", TrackingLinks.BaseUrl(http, configuration) + "/open311/v2"),
                ("changeset", changeset),
                ("type", "production"),
                ("formats", new Open311List("formats", "format", ["text/xml", "application/json"])))])));
        return Open311Response.Ok(f, document, "discovery");
    }

    public static IResult NotFoundFormat(IStringLocalizer t) =>
        Open311Response.Error(Open311Format.Xml, 404, "format", t["Unbekanntes Format. Möglich sind .xml und .json."]);

    private static IQueryable<Concerns.Categories.Category> Services(RathausDb db) =>
        db.Categories.AsNoTracking().Where(c => c.IsActive && !db.Categories.Any(child => child.ParentId == c.Id));

    private static bool Extensions(HttpRequest http) => string.Equals(http.Query["extensions"], "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A comma list that may also be repeated ("can be declared multiple times, comma delimited").</summary>
    private static List<string> List(Microsoft.Extensions.Primitives.StringValues values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();

    private static DateTime? Date(string? text, string field, List<Open311Error> errors, IStringLocalizer t)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null; // "Optional": an empty parameter is the same as none
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) && date.Year is > 1900 and < 9999)
        {
            return date.UtcDateTime;
        }

        errors.Add(new(field, t["Bitte geben Sie Datum und Uhrzeit nach ISO 8601 an, zum Beispiel 2026-11-01T00:00:00+01:00."]));
        return null;
    }

    private static int Number(string? text, string field, int min, int max, int fallback, List<Open311Error> errors, IStringLocalizer t)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(new(field, t["Bitte geben Sie eine ganze Zahl von {0} bis {1} an.", min, max]));
        return fallback;
    }
}
