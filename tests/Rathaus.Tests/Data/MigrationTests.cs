using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Data;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Data;

/// <summary>Each provider has its own migrations; both must match the one model.</summary>
public sealed class MigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.PostgreSql, "Host=localhost;Database=never_contacted")]
    public void Model_has_no_changes_without_a_migration(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<RathausDb>();
        DatabaseSetup.Configure(options, provider, connectionString);
        using var db = new RathausDb(options.Options);

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes that no {provider} migration contains. Run: bash scripts/add-migration.sh <Name>");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void Both_providers_have_the_same_migrations(DatabaseProvider provider)
    {
        var other = provider == DatabaseProvider.Sqlite ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite;
        Assert.Equal(MigrationNames(other), MigrationNames(provider));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, null, true)]
    [InlineData(DatabaseProvider.PostgreSql, null, false)]
    [InlineData(DatabaseProvider.PostgreSql, true, true)]
    [InlineData(DatabaseProvider.Sqlite, false, false)]
    public void Demo_data_is_on_by_default_only_for_the_embedded_SQLite(DatabaseProvider provider, bool? configured, bool loads) =>
        Assert.Equal(loads, new DatabaseOptions { Provider = provider, DemoData = configured }.LoadDemoData);

    private static List<string> MigrationNames(DatabaseProvider provider)
    {
        var options = new DbContextOptionsBuilder<RathausDb>();
        DatabaseSetup.Configure(options, provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost");
        using var db = new RathausDb(options.Options);

        // Ids start with a timestamp that differs between the two projects; the name after it must match.
        return db.Database.GetMigrations().Select(id => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..]).ToList();
    }
}

public abstract class MigratedDatabaseTests(RathausApp app)
{
    [Fact]
    public async Task Empty_database_is_migrated_to_the_latest_schema_on_start()
    {
        await using var db = app.Db();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task Demo_city_is_loaded_with_the_expected_structure()
    {
        await using var db = app.Db();
        Assert.True(await db.Sites.CountAsync() >= 3);
        Assert.Contains(await db.Sites.Select(s => s.Street).ToListAsync(), s => s == "Am Ochsenmarkt 1");
        var demoUnits = await db.OrgUnits.Select(u => u.Name).ToListAsync();
        foreach (var name in new[] { "Bürgerbüro", "Poststelle", "Ratsbüro", "Fachbereich 3 – Ordnung und Verkehr", "Fachbereich 5 – Soziales",
                     "Fachbereich 4 – Schule und Sport", "Fachbereich 9 – Umwelt und Klimaschutz", "Fachbereich 7 – Straßen und Tiefbau",
                     "Fachbereich 8 – Stadtgrün", "Fachbereich 2 – Finanzen", "Oberbürgermeisterin" })
        {
            Assert.Contains(name, demoUnits);
        }

        Assert.InRange(await db.OrgUnits.CountAsync(u => u.Kind == global::Rathaus.Platform.OrgChart.OrgUnitKind.Department), 4, 6);
        Assert.True(await db.StaffMembers.CountAsync() >= 40);
        Assert.True(await db.Substitutions.CountAsync() >= 3);
        Assert.True(await db.Categories.CountAsync(c => c.ParentId != null) >= 20);

        // Every demo topic but "Sonstiges" has a responsible unit; "Sonstiges" goes to central triage.
        // (Other tests in this app add topics of their own, so only the demo's are counted.)
        var leaves = await db.Categories.Where(c => c.ParentId != null)
            .Select(c => new { c.Code, HasRule = db.ResponsibilityRules.Any(r => r.CategoryId == c.Id) }).ToListAsync();
        Assert.Contains(leaves, c => c.Code == "sonstiges" && !c.HasRule);
        Assert.All(leaves.Where(c => c.Code is "schlagloch" or "strassenbeleuchtung" or "laerm" or "schule" or "soziales" or "rat"), c => Assert.True(c.HasRule, c.Code));
        Assert.True(leaves.Count(c => c.HasRule) >= 20);
    }

    [Fact]
    public async Task Demo_data_is_not_loaded_twice()
    {
        var demo = app.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<global::Rathaus.Data.DemoData.LueneburgDemo>();
        await using var db = app.Db();
        var before = await db.Positions.CountAsync();
        await demo.LoadIntoEmptyAsync(TestContext.Current.CancellationToken);
        Assert.Equal(before, await db.Positions.CountAsync());
    }
}

[Collection(nameof(SqliteApp))]
public sealed class MigratedDatabaseTests_Sqlite(SqliteApp app) : MigratedDatabaseTests(app);

[Collection(nameof(PostgresApp))]
public sealed class MigratedDatabaseTests_PostgreSql(PostgresApp app) : MigratedDatabaseTests(app);
