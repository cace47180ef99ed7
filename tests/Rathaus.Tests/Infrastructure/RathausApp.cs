using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Data;

namespace Rathaus.Tests.Infrastructure;

/// <summary>
/// The whole application on a database of its own, with the Lüneburg demo data, as the README's first command
/// starts it. One instance per test collection; tests create their own uniquely named data.
/// </summary>
public abstract class RathausApp(DatabaseProvider provider) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public DatabaseProvider Provider { get; } = provider;
    public string ConnectionString { get; private set; } = "";

    /// <summary>Why this provider cannot be tested on this machine; tests using the app are then skipped.</summary>
    public string? SkipReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        SkipReason = TestDatabases.Unavailable(Provider);
        if (SkipReason is not null)
        {
            return;
        }

        ConnectionString = await TestDatabases.CreateAsync(Provider, Provider.ToString().ToLowerInvariant());
        _ = Services; // starts the host now: migrations and demo data run while it starts, as in production
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        builder.UseSetting("Database:DemoData", "true");
        builder.UseSetting("RateLimits:LoginsPerMinute", "100000");
        builder.UseSetting("RateLimits:ConcernsPerHour", "100000");
        builder.UseSetting("RateLimits:AlertSubscriptionsPerHour", "100000");
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Configuration a fixture adds on top of the defaults, as an operator would in appsettings.</summary>
    protected virtual IEnumerable<(string Key, string Value)> ExtraSettings => [];

    /// <summary>A fresh DbContext on the app's database, for arranging data and checking what was stored.</summary>
    public RathausDb Db() => Available().Services.CreateScope().ServiceProvider.GetRequiredService<RathausDb>();

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see what the browser would get.</summary>
    public PageClient Client() => new(Available().CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<PageClient> LoggedInAsync(string userName, string password = DemoAccounts.Password)
    {
        var client = Client();
        var response = await client.SubmitAsync("/anmelden", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private RathausApp Available()
    {
        Assert.SkipWhen(SkipReason is not null, SkipReason ?? "");
        return this;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (SkipReason is not null)
        {
            return;
        }

        await TestDatabases.DropAsync(Provider, ConnectionString);
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteApp() : RathausApp(DatabaseProvider.Sqlite);

public sealed class PostgresApp() : RathausApp(DatabaseProvider.PostgreSql);

/// <summary>An installation that makes two-factor authentication mandatory (Auth:RequireTwoFactor).</summary>
public sealed class TwoFactorRequiredApp() : RathausApp(DatabaseProvider.Sqlite)
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("Auth:RequireTwoFactor", "true")];
}

[CollectionDefinition(nameof(TwoFactorRequiredApp))]
public sealed class TwoFactorRequiredCollection : ICollectionFixture<TwoFactorRequiredApp>;

[CollectionDefinition(nameof(SqliteApp))]
public sealed class SqliteCollection : ICollectionFixture<SqliteApp>;

[CollectionDefinition(nameof(PostgresApp))]
public sealed class PostgresCollection : ICollectionFixture<PostgresApp>;

public static class DemoAccounts
{
    public const string Password = "Rathaus-Demo-2026";
    public const string Admin = "admin";

    /// <summary>Holds "Sachbearbeitung Straßenunterhaltung" only: no administrative rights.</summary>
    public const string CaseWorker = "l.hoppe";
}
