using System.Diagnostics;
using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rathaus.Data;
using Rathaus.Platform.Auth;
using Rathaus.Platform.OrgChart;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Data;

/// <summary>The host's commands, run as an operator runs them: a separate process with environment variables.</summary>
public sealed class CommandLineTests
{
    private static async Task<(int ExitCode, string Output)> RunAsync(IDictionary<string, string> environment, params string[] args)
    {
        var root = typeof(CommandLineTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Rathaus.Web.dll"));
        foreach (var arg in args.Concat(["--contentRoot", Path.Combine(root, "src", "Rathaus.Web")]))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static RathausDb Open(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<RathausDb>();
        DatabaseSetup.Configure(options, provider, connectionString);
        return new RathausDb(options.Options);
    }

    [Fact]
    public async Task Migrate_command_switches_to_PostgreSQL_by_configuration_alone_and_loads_demo_data_when_asked()
    {
        Assert.SkipWhen(TestDatabases.Unavailable(DatabaseProvider.PostgreSql) is not null, TestDatabases.PostgresMissing);
        var connectionString = await TestDatabases.CreateAsync(DatabaseProvider.PostgreSql, "cli");
        try
        {
            var (exitCode, output) = await RunAsync(new Dictionary<string, string>
            {
                ["Database__Provider"] = "PostgreSql",
                ["Database__ConnectionString"] = connectionString,
                ["Database__DemoData"] = "true",
            }, "migrate");

            Assert.True(exitCode == 0, output);
            await using var db = Open(DatabaseProvider.PostgreSql, connectionString);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.True(await db.StaffMembers.AnyAsync(s => s.UserName == "admin"));
        }
        finally
        {
            await TestDatabases.DropAsync(DatabaseProvider.PostgreSql, connectionString);
        }
    }

    [Fact]
    public async Task Create_admin_command_creates_the_first_administrator_of_an_empty_installation()
    {
        var connectionString = await TestDatabases.CreateAsync(DatabaseProvider.Sqlite, "cli");
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["Database__ConnectionString"] = connectionString,
            ["Database__DemoData"] = "false",
            [CreateAdministrator.PasswordVariable] = "kurz",
        };
        try
        {
            var weak = await RunAsync(environment, "create-admin", "--user", "chef", "--name", "Erste Administration", "--mailbox", "IT@stadt.example");
            Assert.Equal(1, weak.ExitCode);
            Assert.Contains("Das Passwort muss mindestens 12 Zeichen lang sein.", weak.Output);

            environment[CreateAdministrator.PasswordVariable] = "Erstes-Passwort-2026";
            var (exitCode, output) = await RunAsync(environment, "create-admin", "--user", "chef", "--name", "Erste Administration", "--mailbox", "IT@stadt.example");
            Assert.True(exitCode == 0, output);

            await using var db = Open(DatabaseProvider.Sqlite, connectionString);
            Assert.False(await db.OrgUnits.AnyAsync(u => u.Code == "7"), "no demo data in this installation");
            var staff = await db.StaffMembers.Include(s => s.Positions).SingleAsync(s => s.UserName == "chef");
            var position = Assert.Single(staff.Positions);
            Assert.Equal("it@stadt.example", position.Mailbox);
            Assert.True(position.Roles.HasFlag(PositionRole.Administrator));
            Assert.NotEqual(PasswordVerificationResult.Failed, new PasswordHasher<StaffMember>().VerifyHashedPassword(staff, staff.PasswordHash!, "Erstes-Passwort-2026"));
            Assert.Contains(await db.AuditEntries.Select(e => e.Action).ToListAsync(), a => a == "StaffMember.Created");
        }
        finally
        {
            await TestDatabases.DropAsync(DatabaseProvider.Sqlite, connectionString);
        }
    }
}
