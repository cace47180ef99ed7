using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Model;
using Rathaus.Data;
using Rathaus.Platform.Scheduling;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Concerns.Deadlines;

/// <summary>
/// The application with a clock the tests set (deadlines, escalation steps, substitutions by date). Its scheduler does
/// not run by itself: tests start a round with <see cref="RunJobsAsync"/>, or run a job's work directly.
/// </summary>
public abstract class DeadlineApp(DatabaseProvider provider) : RathausApp(provider)
{
    public TestClock Clock { get; } = new();

    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
        [("Scheduling:Enabled", "false"), ("Site:PublicBaseUrl", "https://rathaus.example")];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>
    /// Another node of the same installation on the same database and clock, with its own scheduler; with
    /// <paramref name="schedulerRuns"/> that scheduler looks for due jobs by itself every second, as in production.
    /// </summary>
    public WebApplicationFactory<Program> SecondNode(bool schedulerRuns = false) => new Node(this, schedulerRuns);

    public Task<IReadOnlyList<string>> RunJobsAsync() => Services.GetRequiredService<JobScheduler>().RunDueAsync();

    /// <summary>Runs one piece of scheduled work (e.g. DeadlineCheck) in a scope of its own, as the scheduler would.</summary>
    public async Task<int> RunAsync<TJob>(Func<TJob, Task<int>> run)
        where TJob : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<TJob>());
    }

    public async Task<(long Id, string Reference)> SubmitAsync(string categoryCode, string description)
    {
        await using var db = Db();
        var categoryId = await db.Categories.Where(c => c.Code == categoryCode).Select(c => c.Id).SingleAsync();
        await using var scope = Services.CreateAsyncScope();
        var submitted = await scope.ServiceProvider.GetRequiredService<ConcernIntake>().SubmitAsync(
            new ConcernSubmission(Guid.NewGuid(), ConcernKind.DefectReport, categoryId, description, null, null, null, null, null, "de", Channel.Web, []),
            token => "/anliegen/" + token,
            CancellationToken.None);
        return (submitted.Id, submitted.ReferenceNumber);
    }

    public async Task<int> PositionIdAsync(string mailboxName)
    {
        await using var db = Db();
        return await db.Positions.Where(p => p.Mailbox.StartsWith(mailboxName + "@")).Select(p => p.Id).SingleAsync();
    }

    private sealed class Node(DeadlineApp first, bool schedulerRuns) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Test");
            builder.UseSetting("Database:Provider", first.Provider.ToString());
            builder.UseSetting("Database:ConnectionString", first.ConnectionString);
            builder.UseSetting("Database:DemoData", "false"); // the first node has loaded it
            builder.UseSetting("Scheduling:Enabled", schedulerRuns ? "true" : "false");
            builder.UseSetting("Scheduling:PollSeconds", "1");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(first.Clock));
        }
    }
}

public sealed class SqliteDeadlineApp() : DeadlineApp(DatabaseProvider.Sqlite);

public sealed class PostgresDeadlineApp() : DeadlineApp(DatabaseProvider.PostgreSql);

[CollectionDefinition(nameof(SqliteDeadlineApp))]
public sealed class SqliteDeadlineCollection : ICollectionFixture<SqliteDeadlineApp>;

[CollectionDefinition(nameof(PostgresDeadlineApp))]
public sealed class PostgresDeadlineCollection : ICollectionFixture<PostgresDeadlineApp>;
