using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rathaus.Council.Model;
using Rathaus.Data;

namespace Rathaus.Council.Import;

/// <summary>
/// Imports another council information system through OParl 1.0 or 1.1: System → bodies → each body's external lists,
/// page by page along <c>links.next</c>. Every page commits together with the job's position (the list's next URL and
/// its counts), so an interrupted import resumes at the page it was working on, and since objects are matched by
/// their OParl id, working a page twice changes nothing.
/// </summary>
public sealed class CouncilImporter(
    RathausDb db, IHttpClientFactory httpFactory, TimeProvider clock, IOptions<CouncilOptions> options, ILogger<CouncilImporter> logger)
{
    public const string HttpClientName = "OParlImport";

    public static readonly string NoSystem = Texts.Key("Unter dieser Adresse antwortet kein OParl-System (Version 1.0 oder 1.1).");
    public static readonly string PageUnreadable = Texts.Key("Die Seite konnte nicht gelesen werden: {0}");
    public static readonly string NotAnObject = Texts.Key("Der Listeneintrag ist kein OParl-Objekt.");

    /// <summary>
    /// A body's lists in the order that lets every object find what it refers to. OParl 1.0 has only organization,
    /// person, meeting and paper; the rest comes embedded there (memberships in persons, agenda items in meetings …).
    /// </summary>
    private static readonly string[] BodyLists =
        ["locationList", "legislativeTermList", "organization", "person", "membership", "meeting", "agendaItem", "paper", "consultation", "file"];

    public async Task<CouncilImportJob> StartAsync(string baseUrl, string by, CancellationToken ct)
    {
        var job = new CouncilImportJob { BaseUrl = baseUrl, CreatedBy = by, CreatedAt = Now(), State = CouncilImportState.Waiting };
        db.CouncilImportJobs.Add(job);
        await db.SaveChangesAsync(ct);
        return job;
    }

    /// <summary>
    /// Works the job if this node can take it: to its end, or for at most <paramref name="maxPages"/> pages (then it
    /// waits for the next round, as after an interruption). False when another node holds it or it is finished.
    /// </summary>
    public async Task<bool> RunAsync(int jobId, string node, int? maxPages, CancellationToken ct)
    {
        if (!await ClaimAsync(jobId, node, ct))
        {
            return false;
        }

        var pages = 0;
        try
        {
            while (true)
            {
                db.ChangeTracker.Clear();
                var job = await db.CouncilImportJobs.Include(j => j.Lists).SingleAsync(j => j.Id == jobId, ct);
                if (job.LeaseOwner != node)
                {
                    return true; // the lease ran out and another node took over
                }

                if (!job.BodiesRead)
                {
                    await ReadSystemAsync(job, ct);
                    continue;
                }

                var list = job.Lists.Where(l => l.NextUrl != null).OrderBy(l => l.Order).FirstOrDefault();
                if (list is null || job.State == CouncilImportState.Failed)
                {
                    job.State = job.State == CouncilImportState.Failed ? job.State : CouncilImportState.Completed;
                    job.FinishedAt = Now();
                    job.LeaseOwner = null;
                    job.LeaseUntil = null;
                    await db.SaveChangesAsync(ct);
                    return true;
                }

                if (pages >= maxPages)
                {
                    await ReleaseAsync(jobId, node, null, CancellationToken.None);
                    return true;
                }

                await WorkPageAsync(job, list, ct);
                pages++;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await ReleaseAsync(jobId, node, null, CancellationToken.None);
            throw;
        }
#pragma warning disable CA1031 // the other server or the network failed: the job waits and tries again
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning(e, "OParl import {Job} failed on a page; it is tried again later.", jobId);
            await FailAttemptAsync(jobId, node, e);
            return true;
        }
    }

    /// <summary>Takes the job with one conditional UPDATE, like the scheduler: whichever node changes the row owns it.</summary>
    private async Task<bool> ClaimAsync(int jobId, string node, CancellationToken ct)
    {
        var now = Now();
        var until = now.AddMinutes(options.Value.ImportLeaseMinutes);
        return await db.CouncilImportJobs
            .Where(j => j.Id == jobId && (j.State == CouncilImportState.Waiting || j.State == CouncilImportState.Running)
                && (j.LeaseUntil == null || j.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, node).SetProperty(j => j.LeaseUntil, until).SetProperty(j => j.State, CouncilImportState.Running), ct) == 1;
    }

    private async Task ReleaseAsync(int jobId, string node, DateTime? retryAt, CancellationToken ct) =>
        await db.CouncilImportJobs.Where(j => j.Id == jobId && j.LeaseOwner == node)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseUntil, retryAt), ct);

    private async Task FailAttemptAsync(int jobId, string node, Exception error)
    {
        db.ChangeTracker.Clear();
        var job = await db.CouncilImportJobs.Include(j => j.Lists).SingleAsync(j => j.Id == jobId);
        if (job.LeaseOwner != node)
        {
            return;
        }

        var text = $"{error.GetType().Name}: {error.Message}";
        job.LastError = text[..Math.Min(text.Length, 2000)];
        job.Attempts++;
        job.LeaseOwner = null;
        job.LeaseUntil = Now().AddSeconds(options.Value.ImportPollSeconds * job.Attempts); // wait a little longer each time
        if (job.Attempts >= options.Value.ImportMaxAttempts)
        {
            job.State = CouncilImportState.Failed;
            job.FinishedAt = Now();
            var url = job.Lists.Where(l => l.NextUrl != null).OrderBy(l => l.Order).FirstOrDefault()?.NextUrl ?? job.BaseUrl;
            db.CouncilImportProblems.Add(new CouncilImportProblem { JobId = job.Id, At = Now(), ObjectId = url, Message = PageUnreadable, Detail = error.Message });
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task ReadSystemAsync(CouncilImportJob job, CancellationToken ct)
    {
        var system = await GetAsync(job.BaseUrl, ct);
        var version = OParlFields.Text(system, "oparlVersion");
        var bodies = OParlFields.Url(system, "body");
        if (OParlFields.TypeName(system) != "System" || bodies is null || version is null || !(version.Contains("/1.0", StringComparison.Ordinal) || version.Contains("/1.1", StringComparison.Ordinal)))
        {
            job.State = CouncilImportState.Failed;
            job.FinishedAt = Now();
            job.LeaseOwner = null;
            job.LeaseUntil = null;
            db.CouncilImportProblems.Add(new CouncilImportProblem { JobId = job.Id, At = Now(), ObjectId = job.BaseUrl, Message = NoSystem });
        }
        else
        {
            job.OParlVersion = version[..Math.Min(version.Length, 100)];
            job.BodiesRead = true;
            job.Lists.Add(new CouncilImportList { Name = "body", Order = 0, NextUrl = bodies });
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task WorkPageAsync(CouncilImportJob job, CouncilImportList list, CancellationToken ct)
    {
        var url = list.NextUrl!;
        var page = await GetAsync(url, ct);
        if (page["data"] is not JsonArray data)
        {
            throw new JsonException($"{url} has no data list.");
        }

        list.TotalElements ??= page["pagination"]?["totalElements"] is JsonValue total && total.TryGetValue<int>(out var count) ? count : null;
        var now = Now();
        var body = list.BodyUrl is null ? null : await db.CouncilBodies.SingleOrDefaultAsync(b => b.ExternalId == list.BodyUrl, ct);
        var import = new OParlObjectImport(db, new OParlFileDownload(Http(), options), body, now);
        foreach (var entry in data)
        {
            if (entry is not JsonObject o)
            {
                import.Problems.Add((url, NotAnObject, null));
                list.Failed++;
                continue;
            }

            var imported = await import.ImportAsync(list.Name, o, ct);
            if (imported)
            {
                list.Imported++;
            }
            else
            {
                list.Failed++;
            }

            if (imported && list.Name == "body" && OParlFields.Bool(o, "deleted") != true)
            {
                AddBodyLists(job, o);
            }

        }

        foreach (var (objectId, message, detail) in import.Problems)
        {
            db.CouncilImportProblems.Add(new CouncilImportProblem
            {
                JobId = job.Id,
                At = now,
                ObjectId = objectId[..Math.Min(objectId.Length, 2000)],
                Message = message,
                Detail = detail?[..Math.Min(detail.Length, 2000)],
            });
        }

        // A server whose next link points at the same page would keep the import busy for ever.
        var next = page["links"] is JsonObject links ? OParlFields.Url(links, "next") : null;
        list.NextUrl = next == url ? null : next;
        job.Pages++;
        job.Attempts = 0;
        job.LastError = null;
        job.LeaseUntil = Now().AddMinutes(options.Value.ImportLeaseMinutes);
        await db.SaveChangesAsync(ct);
    }

    private static void AddBodyLists(CouncilImportJob job, JsonObject body)
    {
        var bodyUrl = OParlFields.Url(body, "id")!;
        var order = job.Lists.Count == 0 ? 1 : job.Lists.Max(l => l.Order) + 1;
        foreach (var name in BodyLists)
        {
            if (body[name] is JsonValue && OParlFields.Url(body, name) is { } url && !job.Lists.Any(l => l.BodyUrl == bodyUrl && l.Name == name))
            {
                job.Lists.Add(new CouncilImportList { Name = name, Order = order++, BodyUrl = bodyUrl, NextUrl = url });
            }
        }
    }

    private HttpClient Http() => httpFactory.CreateClient(HttpClientName);

    private async Task<JsonObject> GetAsync(string url, CancellationToken ct)
    {
        using var response = await Http().GetAsync(url, ct);
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync(ct);
        return JsonNode.Parse(text) as JsonObject ?? throw new JsonException($"{url} is no JSON object.");
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    /// <summary>How far the job is, 0 to 100: each list counts alike, by its objects worked out of its total.</summary>
    public static int Progress(CouncilImportJob job)
    {
        if (job.State == CouncilImportState.Completed)
        {
            return 100;
        }

        if (job.Lists.Count == 0)
        {
            return 0;
        }

        var done = job.Lists.Sum(l => l.NextUrl is null ? 1.0
            : l.TotalElements is > 0 and var total ? Math.Min(1.0, (l.Imported + l.Failed) / (double)total) : 0.0);
        return (int)Math.Floor(99 * done / job.Lists.Count);
    }
}
