using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Rathaus.Data;

public static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "Rathaus.Migrations.Sqlite";
    public const string PostgreSqlMigrationsAssembly = "Rathaus.Migrations.PostgreSql";

    /// <summary>Registers <see cref="RathausDb"/> on the configured provider, with that provider's migrations.</summary>
    public static IServiceCollection AddRathausDatabase(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        options.ConnectionString = ResolveConnectionString(options, environment.ContentRootPath);
        services.AddSingleton(options);
        services.AddDbContext<RathausDb>(db => Configure(db, options.Provider, options.ConnectionString));

        // Registered before every other hosted service (data protection reads its keys from the database at start),
        // and the web server only listens after hosted services have started: no request meets an old schema.
        if (options.MigrateOnStart)
        {
            services.AddHostedService<MigrateOnStart>();
        }

        return services;
    }

    public static void Configure(DbContextOptionsBuilder db, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                db.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
                break;
            case DatabaseProvider.PostgreSql:
                db.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrationsAssembly));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{provider}'.");
        }
    }

    private static string ResolveConnectionString(DatabaseOptions options, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        if (options.Provider == DatabaseProvider.PostgreSql)
        {
            throw new InvalidOperationException(
                "Database:Provider is PostgreSql but Database:ConnectionString is empty. " +
                "Set Database__ConnectionString, e.g. Host=127.0.0.1;Username=rathaus;Password=…;Database=rathaus");
        }

        var dataFolder = Path.Combine(contentRoot, "data");
        Directory.CreateDirectory(dataFolder);
        return $"Data Source={Path.Combine(dataFolder, "rathaus.db")}";
    }

    /// <summary>Migrates the schema and, into an empty database when configured, loads the demo city.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RathausDb>();
        var options = scope.ServiceProvider.GetRequiredService<DatabaseOptions>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup));

        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers work while a write commits; the setting is stored in the database file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) on {Provider}: {Migrations}", pending.Count, options.Provider, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (options.LoadDemoData)
        {
            await scope.ServiceProvider.GetRequiredService<DemoData.LueneburgDemo>().LoadIntoEmptyAsync(cancellationToken);
        }
    }
}

internal sealed class MigrateOnStart(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => DatabaseSetup.MigrateAsync(services, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
