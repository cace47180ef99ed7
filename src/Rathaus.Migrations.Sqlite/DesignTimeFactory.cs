using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Rathaus.Data;

namespace Rathaus.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the model for SQLite without starting the web host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<RathausDb>
{
    public RathausDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<RathausDb>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new RathausDb(options.Options);
    }
}
