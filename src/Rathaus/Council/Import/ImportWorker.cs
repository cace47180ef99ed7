using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rathaus.Data;
using Rathaus.Platform.Scheduling;

namespace Rathaus.Council.Import;

/// <summary>
/// Works waiting and interrupted imports in the background. Every node runs it; the job's lease (taken with a
/// conditional UPDATE in <see cref="CouncilImporter"/>) lets only one node work a job at a time, and a node that died
/// leaves a lease that runs out, after which another node resumes at the saved page.
/// </summary>
internal sealed class ImportWorker(IServiceScopeFactory scopes, IOptionsMonitor<CouncilOptions> options, TimeProvider clock, ILogger<ImportWorker> logger) : BackgroundService
{
    private readonly string _node = WorkerLoop.NewNodeName();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => WorkerLoop.RunAsync("OParl import",
        ct => options.CurrentValue.ImportWorker ? RunWaitingAsync(ct) : Task.CompletedTask,
        () => TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.ImportPollSeconds)), clock, logger, stoppingToken);

    private async Task RunWaitingAsync(CancellationToken ct)
    {
        List<int> candidates;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RathausDb>();
            var now = clock.GetUtcNow().UtcDateTime;
            candidates = await db.CouncilImportJobs
                .Where(j => (j.State == CouncilImportState.Waiting || j.State == CouncilImportState.Running) && (j.LeaseUntil == null || j.LeaseUntil < now))
                .OrderBy(j => j.Id).Select(j => j.Id).Take(5).ToListAsync(ct);
        }

        foreach (var id in candidates)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CouncilImporter>().RunAsync(id, _node, null, ct);
        }
    }
}
