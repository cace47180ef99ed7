using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Concerns.Deadlines;
using Rathaus.Platform.Scheduling;
using Rathaus.Tests.Concerns.Deadlines;

namespace Rathaus.Tests.Platform.Scheduling;

/// <summary>Two application nodes on one database: every scheduled job runs once per due time, also across a restart.</summary>
public abstract class JobSchedulerTests(DeadlineApp app)
{
    private static readonly string[] Jobs = [DeadlinesModule.FollowUpJob, DeadlinesModule.DeadlineCheckJob, DeadlinesModule.DigestJob, Rathaus.Post.PostFollowUps.Job, Rathaus.Platform.Alerts.AlertsModule.CleanupJob, Rathaus.Platform.Alerts.AlertsModule.DigestJob, Rathaus.Council.CouncilModule.OverdueResolutionsJob];

    [Fact]
    public async Task Two_nodes_run_each_due_job_once_and_a_restarted_node_keeps_the_schedule()
    {
        app.Clock.UtcNow = new DateTime(2027, 11, 8, 4, 0, 0, DateTimeKind.Utc); // Monday, 05:00 in Lüneburg
        var concern = await app.SubmitAsync("schlagloch", "Zwei Knoten " + Guid.NewGuid().ToString("N"));
        var strassen = await app.PositionIdAsync("strassen");
        await using (var db = app.Db())
        {
            await db.Concerns.Where(c => c.Id == concern.Id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.AssignedPositionId, strassen).SetProperty(c => c.FollowUpOn, new DateOnly(2027, 11, 8)));
        }

        await using (var db = app.Db())
        {
            await db.ScheduledJobs.Where(j => Jobs.Contains(j.Name)).ExecuteDeleteAsync(); // a new installation
        }

        var second = app.SecondNode();
        try
        {
            // Both nodes register the jobs; nothing is due before 06:30.
            Assert.Empty(await RoundAsync(app.Services, second.Services));
            await using (var db = app.Db())
            {
                var names = await db.ScheduledJobs.Select(j => j.Name).ToListAsync();
                Assert.Subset(names.ToHashSet(), Jobs.ToHashSet());
            }

            // 07:30 in Lüneburg: all of them are due. Four rounds race for them.
            app.Clock.UtcNow = new DateTime(2027, 11, 8, 6, 30, 0, DateTimeKind.Utc);
            var ran = await RoundAsync(app.Services, second.Services, app.Services, second.Services);
            Assert.Equal(Jobs.Order(StringComparer.Ordinal), ran.Order(StringComparer.Ordinal));
            Assert.Single(await FollowUpMailsAsync(concern.Reference));
            Assert.Empty(await RoundAsync(app.Services, second.Services));

            await using (var db = app.Db())
            {
                var jobs = await db.ScheduledJobs.AsNoTracking().Where(j => Jobs.Contains(j.Name)).ToListAsync();
                Assert.All(jobs, j => Assert.True(j.NextRunAt > app.Clock.UtcNow, $"{j.Name} is due again at once"));
                Assert.All(jobs, j => Assert.Null(j.LeaseOwner));
                Assert.Equal(new DateTime(2027, 11, 9, 5, 30, 0, DateTimeKind.Utc), jobs.Single(j => j.Name == DeadlinesModule.FollowUpJob).NextRunAt);
                var runs = await db.ScheduledJobRuns.AsNoTracking().ToListAsync();
                Assert.All(runs.GroupBy(r => (r.JobName, r.DueAt)), g => Assert.Single(g));
            }
        }
        finally
        {
            await second.DisposeAsync();
        }

        // A node restarts: the schedule is in the database, the next day's jobs run once.
        await using var restarted = app.SecondNode();
        Assert.Empty(await RoundAsync(restarted.Services));
        app.Clock.UtcNow = new DateTime(2027, 11, 9, 7, 0, 0, DateTimeKind.Utc);
        var nextDay = await RoundAsync(app.Services, restarted.Services, restarted.Services);
        Assert.Equal(Jobs.Order(StringComparer.Ordinal), nextDay.Order(StringComparer.Ordinal));
        Assert.Single(await FollowUpMailsAsync(concern.Reference)); // the same follow-up is not reported twice
    }

    [Fact]
    public async Task Three_nodes_polling_on_their_own_run_a_due_job_once()
    {
        app.Clock.UtcNow = new DateTime(2027, 12, 6, 4, 0, 0, DateTimeKind.Utc); // Monday, 05:00 in Lüneburg
        var concern = await app.SubmitAsync("schlagloch", "Drei Knoten " + Guid.NewGuid().ToString("N"));
        var strassen = await app.PositionIdAsync("strassen");
        await using (var db = app.Db())
        {
            await db.Concerns.Where(c => c.Id == concern.Id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.AssignedPositionId, strassen).SetProperty(c => c.FollowUpOn, new DateOnly(2027, 12, 6)));
        }

        await using (var db = app.Db())
        {
            await db.ScheduledJobs.Where(j => Jobs.Contains(j.Name)).ExecuteDeleteAsync(); // a new installation
        }

        WebApplicationFactory<Program>[] nodes = [app.SecondNode(schedulerRuns: true), app.SecondNode(schedulerRuns: true), app.SecondNode(schedulerRuns: true)];
        try
        {
            foreach (var node in nodes)
            {
                _ = node.Services; // started: each polls every second from now on
            }

            var registered = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < registered)
            {
                await using var db = app.Db();
                if (await db.ScheduledJobs.CountAsync(j => Jobs.Contains(j.Name)) == Jobs.Length)
                {
                    break;
                }

                await Task.Delay(100);
            }

            // 07:30 in Lüneburg: the follow-up job is due; the nodes find it by themselves.
            app.Clock.UtcNow = new DateTime(2027, 12, 6, 6, 30, 0, DateTimeKind.Utc);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            ScheduledJob job;
            do
            {
                await Task.Delay(250);
                await using var db = app.Db();
                job = await db.ScheduledJobs.AsNoTracking().SingleAsync(j => j.Name == DeadlinesModule.FollowUpJob);
            }
            while (job.NextRunAt <= app.Clock.UtcNow && DateTime.UtcNow < deadline);

            Assert.True(job.NextRunAt > app.Clock.UtcNow, "no node ran the due follow-up job within a minute");
            await Task.Delay(3000); // three more polls of each node: nothing may run twice
            Assert.Single(await FollowUpMailsAsync(concern.Reference));
            await using var check = app.Db();
            Assert.All((await check.ScheduledJobRuns.AsNoTracking().ToListAsync()).GroupBy(r => (r.JobName, r.DueAt)), g => Assert.Single(g));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>One round of the scheduler on each given node, all at the same time; the names of the jobs that ran.</summary>
    private static async Task<List<string>> RoundAsync(params IServiceProvider[] nodes)
    {
        var results = await Task.WhenAll(nodes.Select(n => Task.Run(() => n.GetRequiredService<JobScheduler>().RunDueAsync())));
        return [.. results.SelectMany(r => r)];
    }

    private async Task<List<string>> FollowUpMailsAsync(string reference)
    {
        await using var db = app.Db();
        return await db.OutboxMessages.Where(m => m.Kind == "Concern.FollowUp" && m.TextBody.Contains(reference)).Select(m => m.To).ToListAsync();
    }
}

[Collection(nameof(SqliteDeadlineApp))]
public sealed class JobSchedulerTests_Sqlite(SqliteDeadlineApp app) : JobSchedulerTests(app);

[Collection(nameof(PostgresDeadlineApp))]
public sealed class JobSchedulerTests_PostgreSql(PostgresDeadlineApp app) : JobSchedulerTests(app);
