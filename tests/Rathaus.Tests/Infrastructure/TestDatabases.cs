using Npgsql;
using Rathaus.Data;

namespace Rathaus.Tests.Infrastructure;

/// <summary>
/// Where the tests find their databases. SQLite needs nothing; PostgreSQL comes from <c>RATHAUS_TEST_POSTGRES</c>
/// (a superuser connection string, set by scripts/test.sh). Without it the PostgreSQL tests are skipped locally,
/// but under <c>CI=true</c> they fail: a green CI must have run them.
/// </summary>
public static class TestDatabases
{
    public static string? PostgresAdmin => Environment.GetEnvironmentVariable("RATHAUS_TEST_POSTGRES");

    public static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public const string PostgresMissing = "RATHAUS_TEST_POSTGRES is not set; run the tests with scripts/test.sh, which starts PostgreSQL.";

    /// <summary>Null when the provider can be tested here; else why not (never under CI, where it throws).</summary>
    public static string? Unavailable(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite || PostgresAdmin is { Length: > 0 })
        {
            return null;
        }

        return OnCi ? throw new InvalidOperationException(PostgresMissing) : PostgresMissing;
    }

    private static string RequirePostgres() => PostgresAdmin ?? throw new InvalidOperationException(PostgresMissing);

    /// <summary>Creates an empty database of its own for one fixture and returns its connection string.</summary>
    public static async Task<string> CreateAsync(DatabaseProvider provider, string name)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "rathaus-tests");
            Directory.CreateDirectory(folder);
            return $"Data Source={Path.Combine(folder, $"{name}-{Guid.NewGuid():N}.db")}";
        }

        var admin = new NpgsqlConnectionStringBuilder(RequirePostgres());
        var database = $"rathaus_test_{name}_{Guid.NewGuid():N}".ToLowerInvariant();
        database = database[..Math.Min(database.Length, 63)]; // PostgreSQL's identifier limit
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        admin.Database = database;
        admin.Pooling = true;
        return admin.ConnectionString;
    }

    public static async Task DropAsync(DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }

            return;
        }

        NpgsqlConnection.ClearAllPools();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var database = builder.Database;
        builder.Database = "postgres";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
