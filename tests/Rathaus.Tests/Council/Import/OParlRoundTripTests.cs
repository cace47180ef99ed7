using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Import;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Council.Import;

/// <summary>
/// The import against this application's own OParl 1.1 output: the demo council is exported by one installation
/// (run in-process) and imported into an empty one, which then holds the same public objects.
/// </summary>
public abstract class OParlRoundTripTests(RathausApp source)
{
    private const string SystemUrl = "http://localhost/oparl/v1.1/";

    private async Task<CouncilSnapshot> SourceAsync()
    {
        await using var db = source.Db();

        // Two related papers, so the relation travels too.
        var papers = await db.Papers.Include(p => p.RelatedPapers).Where(p => !p.Deleted).OrderBy(p => p.Id).Take(2).ToListAsync();
        if (papers[0].RelatedPapers.Count == 0)
        {
            papers[0].RelatedPapers.Add(papers[1]);
            await db.SaveChangesAsync();
        }

        return await CouncilSnapshot.OfAsync(db);
    }

    [Fact]
    public async Task Importing_the_demo_council_from_its_OParl_output_into_an_empty_installation_gives_the_same_objects()
    {
        var expected = await SourceAsync();
        await using var target = await ImportTargetApp.StartAsync(source.Provider, demoData: false, worker: true, () => source.Server.CreateHandler());

        var job = await target.WaitForAsync(await target.StartImportAsync(SystemUrl));

        await using var db = target.Db();
        var problems = await db.CouncilImportProblems.Where(p => p.JobId == job.Id).Select(p => p.ObjectId + ": " + p.Message + " " + p.Detail).ToListAsync();
        Assert.Empty(problems);
        Assert.Equal(CouncilImportState.Completed, job.State);
        Assert.Equal("https://schema.oparl.org/1.1/", job.OParlVersion);
        Assert.Equal(100, CouncilImporter.Progress(job));
        var actual = await CouncilSnapshot.OfAsync(db);
        actual.AssertSameAs(expected);
        Assert.NotEmpty(actual.Papers);
        Assert.Contains(actual.Papers, p => !p.EndsWith('|'));
        Assert.True(await db.Papers.AllAsync(p => p.ExternalId != null && p.ExternalId.StartsWith(SystemUrl)));
    }

    [Fact]
    public async Task An_import_stopped_after_some_pages_resumes_on_another_node_and_a_second_import_adds_no_duplicates()
    {
        var expected = await SourceAsync();
        await using var target = await ImportTargetApp.StartAsync(source.Provider, demoData: false, worker: false, () => source.Server.CreateHandler());
        var jobId = await target.StartImportAsync(SystemUrl);

        await target.RunAsync(jobId, "node-a", maxPages: 4);
        await using (var db = target.Db())
        {
            var job = await db.CouncilImportJobs.Include(j => j.Lists).SingleAsync(j => j.Id == jobId);
            Assert.Equal(CouncilImportState.Running, job.State);
            Assert.Equal(4, job.Pages);
            Assert.Null(job.LeaseOwner); // handed back, as after an orderly stop
            Assert.Contains(job.Lists, l => l.NextUrl is not null);
            Assert.InRange(CouncilImporter.Progress(job), 1, 99);
        }

        await target.RunAsync(jobId, "node-b", maxPages: 3);
        await target.RunAsync(jobId, "node-c", maxPages: null);
        await using (var db = target.Db())
        {
            var job = await db.CouncilImportJobs.SingleAsync(j => j.Id == jobId);
            Assert.Equal(CouncilImportState.Completed, job.State);
            Assert.Empty(await db.CouncilImportProblems.Where(p => p.JobId == jobId).Select(p => p.ObjectId + ": " + p.Message).ToListAsync());
            (await CouncilSnapshot.OfAsync(db)).AssertSameAs(expected);
        }

        // The same source once more: every object is matched by its OParl id and updated, none added.
        var counts = await CountsAsync(target);
        var again = await target.StartImportAsync(SystemUrl);
        await target.RunAsync(again, "node-a", maxPages: null);
        Assert.Equal(counts, await CountsAsync(target));
        await using (var db = target.Db())
        {
            (await CouncilSnapshot.OfAsync(db)).AssertSameAs(expected);
        }
    }

    private static async Task<int[]> CountsAsync(RathausApp app)
    {
        await using var db = app.Db();
        return
        [
            await db.CouncilBodies.CountAsync(), await db.LegislativeTerms.CountAsync(), await db.CouncilLocations.CountAsync(),
            await db.CouncilOrganizations.CountAsync(), await db.CouncilPersons.CountAsync(), await db.CouncilMemberships.CountAsync(),
            await db.CouncilMeetings.CountAsync(), await db.AgendaItems.CountAsync(), await db.Papers.CountAsync(),
            await db.Consultations.CountAsync(), await db.CouncilFiles.CountAsync(),
        ];
    }
}

[Collection(nameof(SqliteApp))]
public sealed class OParlRoundTripTests_Sqlite(SqliteApp app) : OParlRoundTripTests(app);

[Collection(nameof(PostgresApp))]
public sealed class OParlRoundTripTests_Postgres(PostgresApp app) : OParlRoundTripTests(app);
