using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Rathaus.Data;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Mail;

/// <summary>
/// The application sending its outbox to the real test mail server (see <see cref="MailServer"/>), with a dispatch
/// round every second and retries after one or two seconds. Other tests' apps configure no mail server: their mails
/// stay in the outbox.
/// </summary>
public abstract class MailApp(DatabaseProvider provider) : RathausApp(provider)
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings => MailServer.AppSettings;

    /// <summary>Another node of the same installation: its own host and dispatcher on the same database.</summary>
    public WebApplicationFactory<Program> SecondNode() => new Node(this);

    private sealed class Node(RathausApp first) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Test");
            builder.UseSetting("Database:Provider", first.Provider.ToString());
            builder.UseSetting("Database:ConnectionString", first.ConnectionString);
            builder.UseSetting("Database:DemoData", "false"); // the first node has loaded it
            foreach (var (key, value) in MailServer.AppSettings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}

public sealed class SqliteMailApp() : MailApp(DatabaseProvider.Sqlite);

public sealed class PostgresMailApp() : MailApp(DatabaseProvider.PostgreSql);

/// <summary>
/// Every test that uses the real mail server belongs here: one of them stops Postfix for a moment, so none of them
/// may run at the same time as another.
/// </summary>
[CollectionDefinition(nameof(MailServerCollection))]
public sealed class MailServerCollection : ICollectionFixture<SqliteMailApp>, ICollectionFixture<PostgresMailApp>;
