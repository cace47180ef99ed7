using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Rathaus.Data;

namespace Rathaus.Migrations.PostgreSql;

/// <summary>Lets <c>dotnet ef</c> build the model for PostgreSQL; no server is contacted to add a migration.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<RathausDb>
{
    public RathausDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<RathausDb>();
        DatabaseSetup.Configure(options, DatabaseProvider.PostgreSql, "Host=localhost;Database=rathaus_design");
        return new RathausDb(options.Options);
    }
}
