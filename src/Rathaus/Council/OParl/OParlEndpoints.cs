using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using Rathaus.Council.Model;
using Rathaus.Data;

namespace Rathaus.Council.OParl;

/// <summary>
/// OParl 1.1 under <c>/oparl/v1.1/</c>: System, Body, the body's external lists with pagination and filters, every
/// object by its id, and file access. JSON answers carry <c>Access-Control-Allow-Origin: *</c> (spec 2.6).
/// </summary>
internal static class OParlEndpoints
{
    public static void MapOParl(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(OParlUrls.Root).AllowAnonymous().AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.AccessControlAllowOrigin = "*";
            context.HttpContext.Response.Headers.AccessControlAllowMethods = "GET, HEAD, OPTIONS";
            return await next(context);
        });

        api.MapGet("/", async (HttpContext http, RathausDb db) =>
            Json(new OParlRenderer(db, new OParlUrls(http.Request)).System(await db.CouncilBodies.OrderBy(b => b.Id).FirstOrDefaultAsync())));
        api.MapGet("/body", (HttpContext http, RathausDb db) =>
            ListAsync(http, db.CouncilBodies.Include(b => b.Location), (r, page) => r.BodiesAsync(page)));

        api.MapGet("/body/{id:int}", (int id, HttpContext http, RathausDb db) => OneAsync(http, db.CouncilBodies.Include(b => b.Location), id, (r, o) => r.BodiesAsync(o)));
        api.MapGet("/body/{id:int}/organization", (int id, HttpContext http, RathausDb db) =>
            ListAsync(http, db.CouncilOrganizations.Include(o => o.Location).Where(o => o.BodyId == id), (r, page) => r.OrganizationsAsync(page)));
        api.MapGet("/body/{id:int}/person", (int id, HttpContext http, RathausDb db) =>
            ListAsync(http, db.CouncilPersons.Include(p => p.Memberships).Where(p => p.BodyId == id), (r, page) => Task.FromResult(r.Persons(page))));
        api.MapGet("/body/{id:int}/meeting", (int id, HttpContext http, RathausDb db) =>
            ListAsync(http, Meetings(db), (r, page) => r.MeetingsAsync(page)));
        api.MapGet("/body/{id:int}/paper", (int id, HttpContext http, RathausDb db) =>
            ListAsync(http, Papers(db).Where(p => p.BodyId == id), (r, page) => r.PapersAsync(page)));
        api.MapGet("/body/{id:int}/agendaItem", (int id, HttpContext http, RathausDb db) =>
            ListAsync(http, AgendaItems(db), (r, page) => r.AgendaItemsAsync(page)));
        api.MapGet("/body/{id:int}/consultation", (int id, HttpContext http, RathausDb db) =>
            ListAsync(http, db.Consultations.Include(c => c.AgendaItem).Where(c => c.Paper!.BodyId == id), (r, page) => Task.FromResult(OParlJson.Array(page.Select(c => r.Consultation(c))))));
        api.MapGet("/body/{id:int}/file", (int id, HttpContext http, RathausDb db) => FileListAsync(http, db));
        api.MapGet("/body/{id:int}/locationList", (int id, HttpContext http, RathausDb db) =>
            ListAsync(http, db.CouncilLocations, (r, page) => Task.FromResult(OParlJson.Array(page.Select(r.Location)))));
        api.MapGet("/body/{id:int}/legislativeTermList", (int id, HttpContext http, RathausDb db) =>
            ListAsync(http, db.LegislativeTerms.Where(t => t.BodyId == id), (r, page) => Task.FromResult(OParlJson.Array(page.Select(r.LegislativeTerm)))));
        api.MapGet("/body/{id:int}/membership", (int id, HttpContext http, RathausDb db) =>
            ListAsync(http, db.CouncilMemberships.Where(m => m.Organization!.BodyId == id), (r, page) => Task.FromResult(OParlJson.Array(page.Select(m => r.Membership(m))))));

        api.MapGet("/organization/{id:int}/meeting", (int id, HttpContext http, RathausDb db) =>
            ListAsync(http, Meetings(db).Where(m => m.Organizations.Any(o => o.Id == id)), (r, page) => r.MeetingsAsync(page)));
        api.MapGet("/organization/{id:int}/consultation", (int id, HttpContext http, RathausDb db) =>
            ListAsync(http, db.Consultations.Include(c => c.AgendaItem).Where(c => c.OrganizationId == id), (r, page) => Task.FromResult(OParlJson.Array(page.Select(c => r.Consultation(c))))));

        api.MapGet("/legislativeTerm/{id:int}", (int id, HttpContext http, RathausDb db) =>
            OneAsync(http, db.LegislativeTerms, id, (r, o) => Task.FromResult(OParlJson.Array(o.Select(r.LegislativeTerm)))));
        api.MapGet("/organization/{id:int}", (int id, HttpContext http, RathausDb db) =>
            OneAsync(http, db.CouncilOrganizations.Include(o => o.Location), id, (r, o) => r.OrganizationsAsync(o)));
        api.MapGet("/person/{id:int}", (int id, HttpContext http, RathausDb db) =>
            OneAsync(http, db.CouncilPersons.Include(p => p.Memberships), id, (r, o) => Task.FromResult(r.Persons(o))));
        api.MapGet("/membership/{id:int}", (int id, HttpContext http, RathausDb db) =>
            OneAsync(http, db.CouncilMemberships, id, (r, o) => Task.FromResult(OParlJson.Array(o.Select(m => r.Membership(m))))));
        api.MapGet("/meeting/{id:int}", (int id, HttpContext http, RathausDb db) => OneAsync(http, Meetings(db), id, (r, o) => r.MeetingsAsync(o)));
        api.MapGet("/agendaItem/{id:int}", (int id, HttpContext http, RathausDb db) => OneAsync(http, AgendaItems(db), id, (r, o) => r.AgendaItemsAsync(o)));
        api.MapGet("/paper/{id:int}", (int id, HttpContext http, RathausDb db) => OneAsync(http, Papers(db), id, (r, o) => r.PapersAsync(o)));
        api.MapGet("/consultation/{id:int}", (int id, HttpContext http, RathausDb db) =>
            OneAsync(http, db.Consultations.Include(c => c.AgendaItem), id, (r, o) => Task.FromResult(OParlJson.Array(o.Select(c => r.Consultation(c))))));
        api.MapGet("/location/{id:int}", (int id, HttpContext http, RathausDb db) =>
            OneAsync(http, db.CouncilLocations, id, (r, o) => Task.FromResult(OParlJson.Array(o.Select(r.Location)))));
        api.MapGet("/file/{id:int}", FileAsync);
        api.MapGet("/file/{id:int}/access", (int id, RathausDb db, HttpContext http) => FileContentAsync(id, db, http, download: false));
        api.MapGet("/file/{id:int}/download", (int id, RathausDb db, HttpContext http) => FileContentAsync(id, db, http, download: true));
        api.MapGet("/{**rest}", (HttpContext http) => Error(http, StatusCodes.Status404NotFound, Texts.Key("Diese Adresse gibt es in der OParl-Schnittstelle nicht."), http.Request.Path));
    }

    private static IQueryable<Meeting> Meetings(RathausDb db) => db.CouncilMeetings
        .Include(m => m.Location)
        .Include(m => m.Organizations)
        .Include(m => m.AgendaItems.Where(a => a.Public && !a.Deleted)).ThenInclude(a => a.Consultation)
        .AsSplitQuery();

    // Non-public agenda items do not exist for the interface: not listed, and 404 by id.
    private static IQueryable<AgendaItem> AgendaItems(RathausDb db) => db.AgendaItems.Include(a => a.Consultation).Where(a => a.Public);

    private static IQueryable<Paper> Papers(RathausDb db) => db.Papers
        .Include(p => p.Consultations.Where(c => !c.Deleted)).ThenInclude(c => c.AgendaItem)
        .AsSplitQuery();

    private static async Task<IResult> ListAsync<T>(HttpContext http, IQueryable<T> source, Func<OParlRenderer, List<T>, Task<JsonArray>> render) where T : CouncilObject
    {
        var (query, error, parameter) = OParlListQuery.Parse(http.Request.Query);
        if (query is null)
        {
            return Error(http, StatusCodes.Status400BadRequest, error!, parameter);
        }

        var db = http.RequestServices.GetRequiredService<RathausDb>();
        var filtered = query.Apply(source);
        var total = await CountAsync(http, filtered);
        // The page's ids first, then their objects: skipping to page 500 reads index entries, not 50,000 rows.
        var ids = filtered.Select(o => o.Id).Skip((query.Page - 1) * query.Limit).Take(query.Limit);
        // Read only: not tracked, so EF keeps no snapshots of the page's papers, consultations and agenda items.
        var page = await source.AsNoTracking().Where(o => ids.Contains(o.Id)).OrderBy(o => o.Id).ToListAsync();
        var data = await render(new OParlRenderer(db, new OParlUrls(http.Request), query.OmitInternal), page);
        return Json(Page(http, query, total, data));
    }

    private static async Task<IResult> FileListAsync(HttpContext http, RathausDb db)
    {
        var (query, error, parameter) = OParlListQuery.Parse(http.Request.Query);
        if (query is null)
        {
            return Error(http, StatusCodes.Status400BadRequest, error!, parameter);
        }

        var renderer = new OParlRenderer(db, new OParlUrls(http.Request), query.OmitInternal);
        var filtered = query.Apply(db.CouncilFiles.Where(OParlRenderer.PublicFile));
        var total = await CountAsync(http, filtered);
        var page = await OParlRenderer.FileMetas(filtered.Skip((query.Page - 1) * query.Limit).Take(query.Limit)).ToListAsync();
        return Json(Page(http, query, total, OParlJson.Array(page.Select(renderer.File))));
    }

    /// <summary>How long a list's total is reused: the pagination may lag a new object by this much.</summary>
    private static readonly TimeSpan CountLifetime = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The number of objects in a list with these filters. Counting 100,000 papers on every page cost more than the
    /// page itself (bench/README.md, council), so the total is kept for a few seconds per node; the page's objects
    /// are always read fresh.
    /// </summary>
    private static async Task<int> CountAsync<T>(HttpContext http, IQueryable<T> filtered)
    {
        var key = "oparl-count " + http.Request.Path + QueryString.Create(http.Request.Query
            .Where(p => p.Key is not ("page" or "limit")).OrderBy(p => p.Key, StringComparer.Ordinal)
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v))));
        var cache = http.RequestServices.GetRequiredService<IMemoryCache>();
        return await cache.GetOrCreateAsync(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CountLifetime;
            entry.Size = 1;
            return filtered.CountAsync(http.RequestAborted);
        });
    }

    /// <summary>A list page with <c>data</c>, <c>pagination</c> and <c>links</c>; the links keep the client's filters.</summary>
    private static JsonObject Page(HttpContext http, OParlListQuery query, int total, JsonArray data)
    {
        var pages = Math.Max(1, (total + query.Limit - 1) / query.Limit);
        var request = http.Request;
        string Link(int page)
        {
            var parameters = request.Query.Where(p => p.Key != "page").SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v))).ToList();
            if (page > 1)
            {
                parameters.Add(new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{QueryString.Create(parameters)}";
        }

        return OParlJson.Plain(
            ("data", data),
            ("pagination", OParlJson.Plain(("totalElements", total), ("elementsPerPage", query.Limit), ("currentPage", query.Page), ("totalPages", pages))),
            ("links", OParlJson.Plain(
                ("first", Link(1)),
                ("prev", query.Page > 1 ? Link(Math.Min(query.Page - 1, pages)) : null),
                ("self", Link(query.Page)),
                ("next", query.Page < pages ? Link(query.Page + 1) : null),
                ("last", Link(pages)))));
    }

    private static async Task<IResult> OneAsync<T>(HttpContext http, IQueryable<T> source, int id, Func<OParlRenderer, List<T>, Task<JsonArray>> render) where T : CouncilObject
    {
        var db = http.RequestServices.GetRequiredService<RathausDb>();
        var found = await source.Where(o => o.Id == id).ToListAsync();
        if (found.Count == 0)
        {
            return NotFound(http);
        }

        var data = await render(new OParlRenderer(db, new OParlUrls(http.Request)), found);
        return Json(data[0]!);
    }

    private static async Task<IResult> FileAsync(int id, HttpContext http, RathausDb db)
    {
        var renderer = new OParlRenderer(db, new OParlUrls(http.Request));
        var file = await OParlRenderer.FileMetas(db.CouncilFiles.Where(f => f.Id == id)).SingleOrDefaultAsync();
        return file is null ? NotFound(http) : Json(renderer.File(file));
    }

    /// <summary>The file itself: inline at accessUrl, as an attachment at downloadUrl (spec 2.7); 410 once deleted.</summary>
    private static async Task<IResult> FileContentAsync(int id, RathausDb db, HttpContext http, bool download)
    {
        var file = await db.CouncilFiles.Where(OParlRenderer.PublicFile).Where(f => f.Id == id)
            .Select(f => new { f.FileName, f.MimeType, f.Content, f.Sha256, f.Modified, f.Deleted }).SingleOrDefaultAsync();
        if (file is null)
        {
            return NotFound(http);
        }

        if (file.Deleted)
        {
            return Error(http, StatusCodes.Status410Gone, Texts.Key("Diese Datei wurde gelöscht."), null);
        }

        var lastModified = new DateTimeOffset(DateTime.SpecifyKind(file.Modified, DateTimeKind.Utc));
        var etag = new EntityTagHeaderValue($"\"{file.Sha256}\"");
        return Results.File(file.Content, file.MimeType, download ? file.FileName : null, enableRangeProcessing: false, lastModified, etag);
    }

    private static IResult NotFound(HttpContext http) =>
        Error(http, StatusCodes.Status404NotFound, Texts.Key("Dieses Objekt gibt es nicht oder es ist nicht öffentlich."), http.Request.Path);

    /// <summary>The spec's error object (2.9): type, a message for people in the content's language, and debug.</summary>
    private static IResult Error(HttpContext http, int status, string message, string? debug)
    {
        var t = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var error = OParlJson.Plain(("type", OParlJson.Schema + "Error"), ("message", t[message].Value), ("debug", OParlJson.Text(debug)));
        return Results.Text(error.ToJsonString(OParlJson.Options), "application/json; charset=utf-8", null, status);
    }

    private static IResult Json(JsonNode json) => Results.Text(json.ToJsonString(OParlJson.Options), "application/json; charset=utf-8");
}
