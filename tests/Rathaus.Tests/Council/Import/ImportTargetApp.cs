using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Council.Import;
using Rathaus.Data;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Council.Import;

/// <summary>
/// A second installation that imports: with or without the demo data, its import client optionally talking to an
/// in-process server (another app's TestServer) instead of the network.
/// </summary>
public sealed class ImportTargetApp(DatabaseProvider provider, bool demoData, bool worker, Func<HttpMessageHandler>? handler = null) : RathausApp(provider)
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
    [
        ("Database:DemoData", demoData ? "true" : "false"),
        ("Council:ImportWorker", worker ? "true" : "false"),
        ("Council:ImportPollSeconds", "1"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (handler is not null)
        {
            builder.ConfigureTestServices(services => services.AddHttpClient(CouncilImporter.HttpClientName).ConfigurePrimaryHttpMessageHandler(handler));
        }
    }

    public static async Task<ImportTargetApp> StartAsync(DatabaseProvider provider, bool demoData, bool worker, Func<HttpMessageHandler>? handler = null)
    {
        var app = new ImportTargetApp(provider, demoData, worker, handler);
        await app.InitializeAsync();
        return app;
    }

    /// <summary>Waits until the background worker finished the job (or gave up), as the office would by reloading the page.</summary>
    public async Task<CouncilImportJob> WaitForAsync(int jobId, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            await using var db = Db();
            var job = await db.CouncilImportJobs.AsNoTracking().Include(j => j.Lists).SingleAsync(j => j.Id == jobId);
            if (job.State is CouncilImportState.Completed or CouncilImportState.Failed)
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < until, $"Import {jobId} did not finish: {job.State}, {job.Pages} pages, {job.LastError}");
            await Task.Delay(250);
        }
    }

    /// <summary>Runs the importer directly, as one node would, for at most <paramref name="maxPages"/> pages.</summary>
    public async Task RunAsync(int jobId, string node, int? maxPages)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CouncilImporter>().RunAsync(jobId, node, maxPages, TestContext.Current.CancellationToken);
    }

    public async Task<int> StartImportAsync(string baseUrl)
    {
        await using var scope = Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<CouncilImporter>().StartAsync(baseUrl, "Test", TestContext.Current.CancellationToken)).Id;
    }
}
