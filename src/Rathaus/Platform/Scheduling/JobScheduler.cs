using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rathaus.Data;
using Rathaus.Platform.Calendar;

namespace Rathaus.Platform.Scheduling;

/// <summary>Once a day at a fixed time in Lüneburg, on working days only unless told otherwise.</summary>
public sealed record DailySchedule(TimeOnly At, bool WorkingDaysOnly = true)
{
    /// <summary>The first time of this schedule strictly after <paramref name="utc"/>.</summary>
    public DateTime NextAfter(DateTime utc)
    {
        for (var day = WorkingDays.LocalDay(utc); ; day = day.AddDays(1))
        {
            if (WorkingDaysOnly && !WorkingDays.IsWorkingDay(day))
            {
                continue;
            }

            // Ambiguous or skipped local times exist only between 02:00 and 03:00 in Lüneburg; jobs run later in the morning.
            var next = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(At, DateTimeKind.Unspecified), CityClock.Zone);
            if (next > utc)
            {
                return next;
            }
        }
    }
}

/// <summary>A job: its name (the key of its row), its schedule and its work for one due time, run in a scope of its own.</summary>
public sealed record JobDefinition(string Name, DailySchedule Schedule, Func<IServiceProvider, DateTime, CancellationToken, Task> Run);

public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>Off only for a node that must never do scheduled work (e.g. a read-only replica's app).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often a node looks for due jobs.</summary>
    public int PollSeconds { get; set; } = 30;

    /// <summary>How long a node may work on a job before another may take it over (its work is then rolled back).</summary>
    public int LeaseMinutes { get; set; } = 10;

    /// <summary>After a failed run, wait this long before the next try of the same due time.</summary>
    public int RetryMinutes { get; set; } = 5;
}

/// <summary>
/// Runs scheduled jobs exactly once per due time across all nodes, from state in the database (so a restart loses
/// nothing and a job missed while every node was down runs once when one comes back):
/// a node takes a due job with one conditional UPDATE (due time unchanged, no living lease) — whichever node's
/// UPDATE changes the row owns the run. The job's work, the run record (unique per job and due time) and the step to
/// the next due time commit in one transaction, so a crash or a lost lease leaves the due time to be worked again,
/// and never worked twice.
/// </summary>
public sealed class JobScheduler(
    IServiceScopeFactory scopes,
    IEnumerable<JobDefinition> jobs,
    IOptionsMonitor<SchedulingOptions> options,
    TimeProvider clock,
    ILogger<JobScheduler> logger) : BackgroundService
{
    public string Node { get; } = WorkerLoop.NewNodeName();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => WorkerLoop.RunAsync("Job scheduler",
        ct => options.CurrentValue.Enabled ? RunDueAsync(ct) : Task.CompletedTask,
        () => TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.PollSeconds)), clock, logger, stoppingToken);

    /// <summary>Runs every job that is due now and not held by another node; returns the names of those this node ran.</summary>
    public async Task<IReadOnlyList<string>> RunDueAsync(CancellationToken ct = default)
    {
        var ran = new List<string>();
        foreach (var job in jobs)
        {
            if (await TryRunAsync(job, ct))
            {
                ran.Add(job.Name);
            }
        }

        return ran;
    }

    private async Task<bool> TryRunAsync(JobDefinition job, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RathausDb>();
        var now = Now();
        var state = await db.ScheduledJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Name == job.Name, ct)
            ?? await RegisterAsync(db, job, now, ct);
        if (state is null || state.NextRunAt > now || state.LeaseUntil >= now)
        {
            return false;
        }

        var due = state.NextRunAt;
        var leaseUntil = now.AddMinutes(options.CurrentValue.LeaseMinutes);
        var claimed = await db.ScheduledJobs
            .Where(j => j.Name == job.Name && j.NextRunAt == due && (j.LeaseUntil == null || j.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, Node).SetProperty(j => j.LeaseUntil, leaseUntil), ct);
        if (claimed != 1)
        {
            return false; // another node was quicker
        }

        try
        {
            await RunClaimedAsync(scope.ServiceProvider, db, job, due, ct);
            logger.LogInformation("Ran job {Job} for {Due:u}.", job.Name, due);
            return true;
        }
        catch (Exception e)
        {
            await ReleaseAfterFailureAsync(job, e);
            if (e is OperationCanceledException)
            {
                throw;
            }

            logger.LogError(e, "Job {Job} for {Due:u} failed; it is tried again later.", job.Name, due);
            return false;
        }
    }

    private async Task RunClaimedAsync(IServiceProvider services, RathausDb db, JobDefinition job, DateTime due, CancellationToken ct)
    {
        var started = Now();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await job.Run(services, due, ct);

        var finished = Now();
        db.ScheduledJobRuns.Add(new ScheduledJobRun { JobName = job.Name, DueAt = due, Node = Node, StartedAt = started, FinishedAt = finished });
        await db.SaveChangesAsync(ct);
        var next = job.Schedule.NextAfter(finished > due ? finished : due);
        var stepped = await db.ScheduledJobs
            .Where(j => j.Name == job.Name && j.LeaseOwner == Node && j.NextRunAt == due)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.NextRunAt, next)
                .SetProperty(j => j.LastRunAt, finished)
                .SetProperty(j => j.LastError, (string?)null)
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseUntil, (DateTime?)null), ct);
        if (stepped != 1)
        {
            throw new InvalidOperationException($"The lease on job {job.Name} ran out while it worked; its work is rolled back.");
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// The row for a job seen for the first time; its first run is the schedule's next time. Nodes starting together
    /// may all try: ON CONFLICT (SQLite and PostgreSQL alike) keeps the first row and raises no error.
    /// </summary>
    private static async Task<ScheduledJob?> RegisterAsync(RathausDb db, JobDefinition job, DateTime now, CancellationToken ct)
    {
        var next = job.Schedule.NextAfter(now);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "ScheduledJobs" ("Name", "NextRunAt") VALUES ({job.Name}, {next}) ON CONFLICT ("Name") DO NOTHING
            """, ct);
        return await db.ScheduledJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Name == job.Name, ct);
    }

    /// <summary>Gives the due time back, after a pause, so the next try is not at once; the error stays for operators.</summary>
    private async Task ReleaseAfterFailureAsync(JobDefinition job, Exception error)
    {
        var text = $"{error.GetType().Name}: {error.Message}";
        text = text[..Math.Min(text.Length, 2000)];
        var retryAt = Now().AddMinutes(options.CurrentValue.RetryMinutes);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RathausDb>();
            await db.ScheduledJobs.Where(j => j.Name == job.Name && j.LeaseOwner == Node)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.LastError, text)
                    .SetProperty(j => j.LeaseOwner, (string?)null)
                    .SetProperty(j => j.LeaseUntil, retryAt), CancellationToken.None);
        }
#pragma warning disable CA1031 // the lease runs out by itself if even this fails
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning(e, "Could not release job {Job}; its lease runs out by itself.", job.Name);
        }
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;
}

public static class SchedulingServices
{
    /// <summary>The scheduler, as a hosted service and resolvable (tests and operators can trigger a round).</summary>
    public static IServiceCollection AddJobScheduler(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.Configure<SchedulingOptions>(configuration.GetSection(SchedulingOptions.Section));
        services.AddSingleton<JobScheduler>();
        services.AddHostedService(s => s.GetRequiredService<JobScheduler>());
        return services;
    }

    public static IServiceCollection AddScheduledJob(this IServiceCollection services, string name, DailySchedule schedule, Func<IServiceProvider, DateTime, CancellationToken, Task> run) =>
        services.AddSingleton(new JobDefinition(name, schedule, run));
}
