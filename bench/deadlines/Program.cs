// The deadline check (escalation along the Dienstweg) over a large number of concerns on PostgreSQL.
//
//   RATHAUS_BENCH_POSTGRES="Host=…;Username=…;Database=postgres" dotnet run -c Release --project bench/deadlines [-- 1000000]
//
// Creates a database of its own on that server, migrates it, loads the demo city, inserts the concerns with one
// INSERT … SELECT (70 % closed; the open ones received over the last 60 days, half of them with a first reply), runs
// ANALYZE, then times DeadlineCheck.RunAsync as the scheduler would call it, at three moments:
//   1. the first check over the whole backlog (every overdue concern escalates to level 1 at once),
//   2. the next working day (the concerns that became overdue since),
//   3. four working days later (the next step up for the backlog, plus the newly overdue).
// Prints a Markdown table; the database is dropped at the end. RATHAUS_BENCH_SQL=1 logs every statement with its
// duration to stderr.
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Rathaus;
using Rathaus.Concerns.Deadlines;
using Rathaus.Data;
using Rathaus.Platform.Calendar;

var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var server = Environment.GetEnvironmentVariable("RATHAUS_BENCH_POSTGRES")
    ?? throw new InvalidOperationException("Set RATHAUS_BENCH_POSTGRES to a connection string whose user may CREATE DATABASE.");
var database = $"rathaus_bench_deadlines_{DateTime.UtcNow:yyyyMMddHHmmss}";
await ExecuteAsync(server, $"CREATE DATABASE \"{database}\"");
var connection = new NpgsqlConnectionStringBuilder(server) { Database = database, CommandTimeout = 600 }.ConnectionString;
var clock = new BenchClock(new DateTime(2027, 3, 1, 5, 45, 0, DateTimeKind.Utc)); // Monday, 06:45 in Lüneburg
try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
    builder.Configuration["Database:Provider"] = "PostgreSql";
    builder.Configuration["Database:ConnectionString"] = connection;
    builder.Configuration["Database:DemoData"] = "true";
    builder.Logging.ClearProviders(); // stdout is the results table (the migrations' first query fails by design on an empty database)
    if (Environment.GetEnvironmentVariable("RATHAUS_BENCH_SQL") == "1")
    {
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace); // every statement with its duration, on stderr
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information);
    }
    builder.AddRathaus();
    builder.Services.AddSingleton<TimeProvider>(clock);
    await using var app = builder.Build();
    await DatabaseSetup.MigrateAsync(app.Services);

    var seeding = Stopwatch.StartNew();
    await SeedAsync(app.Services, count, clock.UtcNow);
    Console.Error.WriteLine($"Inserted {count:N0} concerns in {seeding.Elapsed.TotalSeconds:F1} s.");

    var rows = new List<string>();
    foreach (var (label, at) in new[]
    {
        ("1. first check over the backlog", clock.UtcNow),
        ("2. next working day", WorkingDays.StartOfDayUtc(WorkingDays.Add(WorkingDays.LocalDay(clock.UtcNow), 1)).AddHours(5.75)),
        ("3. four working days later", WorkingDays.StartOfDayUtc(WorkingDays.Add(WorkingDays.LocalDay(clock.UtcNow), 5)).AddHours(5.75)),
    })
    {
        clock.UtcNow = at;
        await using var scope = app.Services.CreateAsyncScope();
        var watch = Stopwatch.StartNew();
        var escalated = await scope.ServiceProvider.GetRequiredService<DeadlineCheck>().RunAsync();
        watch.Stop();
        var db = scope.ServiceProvider.GetRequiredService<RathausDb>();
        var mails = await db.OutboxMessages.CountAsync(m => m.Kind == "Concern.Escalated" && m.CreatedAt == at);
        rows.Add(string.Create(CultureInfo.InvariantCulture, $"| {label} | {at:yyyy-MM-dd HH:mm} UTC | {escalated:N0} | {mails} | {watch.Elapsed.TotalSeconds:F2} |"));
        Console.Error.WriteLine(rows[^1]);
    }

    Console.WriteLine($"Concerns: {count:N0} (70 % closed). PostgreSQL: {await ScalarAsync(connection, "SHOW server_version")}, fsync={await ScalarAsync(connection, "SHOW fsync")}.");
    Console.WriteLine();
    Console.WriteLine("| Run | Clock | Escalation steps | Mails to leads | Duration (s) |");
    Console.WriteLine("|---|---|---:|---:|---:|");
    rows.ForEach(Console.WriteLine);
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
}

static async Task SeedAsync(IServiceProvider services, int count, DateTime now)
{
    await using var scope = services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<RathausDb>();

    // Every unit of the demo city takes concerns, so every chain length of the Dienstweg is exercised.
    var units = string.Join(",", await db.OrgUnits.OrderBy(u => u.Id).Select(u => u.Id).ToListAsync());
    var seconds = 60 * 24 * 3600; // the open ones arrived within the last 60 days
    db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
#pragma warning disable EF1002, EF1003 // benchmark data: only integers of our own go into the text
    await db.Database.ExecuteSqlRawAsync($$"""
        INSERT INTO "Concerns" ("ReferenceNumber", "Year", "Sequence", "TrackingTokenHash", "TrackingTokenProtected", "Kind",
            "Description", "Channel", "Status", "Language", "OrgUnitId", "ReceivedAt", "FirstReplyAt", "ClosedAt", "DueAt",
            "FirstReplyDueAt", "EscalationLevel", "Version")
        SELECT '2026-' || lpad(i::text, 7, '0'), 2026, i, sha256(int8send(i)), 'bench', 3,
            'Benchmark', 0, s.status, 'de', (ARRAY[{{units}}])[1 + i % {{units.Split(',').Length}}], r.received,
            CASE WHEN i % 2 = 0 THEN r.received + interval '1 day' END,
            CASE WHEN s.status = 3 THEN r.received + interval '10 days' END,
            r.received + interval '28 days', r.received + interval '5 days', 0, 0
        FROM generate_series(1, {{count}}) AS i
        CROSS JOIN LATERAL (SELECT CASE WHEN i % 10 < 7 THEN 3 ELSE 1 END AS status) AS s
        CROSS JOIN LATERAL (SELECT {0}::timestamptz - make_interval(secs => CASE WHEN s.status = 3 THEN (i::bigint * 7919) % (730 * 86400) ELSE (i::bigint * 7919) % {{seconds}} END) AS received) AS r
        """, now);
#pragma warning restore EF1002, EF1003
    await db.Database.ExecuteSqlRawAsync("""SELECT setval(pg_get_serial_sequence('"Concerns"', 'Id'), (SELECT max("Id") FROM "Concerns"))""");
    await db.Database.ExecuteSqlRawAsync("""VACUUM ANALYZE "Concerns" """);
}

static async Task ExecuteAsync(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

static async Task<string> ScalarAsync(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    return (await command.ExecuteScalarAsync())?.ToString() ?? "";
}

/// <summary>The benchmark's clock: set to the moments of the three checks.</summary>
internal sealed class BenchClock(DateTime start) : TimeProvider
{
    public DateTime UtcNow { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => new(UtcNow);
}
