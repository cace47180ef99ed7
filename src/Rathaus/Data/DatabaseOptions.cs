namespace Rathaus.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>The <c>Database</c> section of the configuration.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite defaults to a file in the <c>data</c> folder under the content root.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Load the Lüneburg demo city into an empty database; defaults to on for SQLite, off for PostgreSQL.</summary>
    public bool? DemoData { get; set; }

    /// <summary>Apply pending migrations when the application starts (otherwise run <c>migrate</c> explicitly).</summary>
    public bool MigrateOnStart { get; set; } = true;

    public bool LoadDemoData => DemoData ?? Provider == DatabaseProvider.Sqlite;
}
