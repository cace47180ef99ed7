using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Data;
using Rathaus.Platform.Audit;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Platform.Auth;

/// <summary>
/// <c>create-admin --user NAME --name "Display name" --mailbox it@city.example</c>, password from the environment variable
/// <c>RATHAUS_ADMIN_PASSWORD</c> (not an argument: it would show in the process list and shell history).
/// The first account of a production installation, which has no demo data; also a way back in when every
/// administrator is locked out. Creates the unit "IT-Administration" and its administrator position when missing.
/// </summary>
public static class CreateAdministrator
{
    public const string PasswordVariable = "RATHAUS_ADMIN_PASSWORD";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var userName = Option("--user");
        var displayName = Option("--name") ?? userName;
        var mailbox = Option("--mailbox")?.ToLowerInvariant();
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (userName is null || mailbox is null || string.IsNullOrEmpty(password))
        {
            await output.WriteLineAsync($"Aufruf: create-admin --user NAME --name \"Anzeigename\" --mailbox it-administration@stadt.example  (Passwort in {PasswordVariable})");
            return 2;
        }

        await DatabaseSetup.MigrateAsync(services);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RathausDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffMember>>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();

        var position = await db.Positions.SingleOrDefaultAsync(p => p.Mailbox == mailbox);
        if (position is null)
        {
            var unit = await db.OrgUnits.SingleOrDefaultAsync(u => u.Code == "IT-ADM")
                ?? db.OrgUnits.Add(new OrgUnit { Code = "IT-ADM", Name = "IT-Administration", Kind = OrgUnitKind.StaffUnit }).Entity;
            position = db.Positions.Add(new Position { Title = "Administration", Mailbox = mailbox, OrgUnit = unit, Roles = PositionRole.Administrator }).Entity;
            audit.Record("Position.Created", nameof(Position), mailbox, null, position.Snapshot());
        }
        else if (!position.IsActive || !position.Roles.HasFlag(PositionRole.Administrator))
        {
            await output.WriteLineAsync($"Die Stelle {mailbox} gibt es schon, aber ohne aktive Administrationsrechte.");
            return 1;
        }

        var staff = new StaffMember { UserName = userName, DisplayName = displayName!, Positions = [position] };
        audit.Record("StaffMember.Created", nameof(StaffMember), userName, null, staff.Snapshot());
        var result = await users.CreateAsync(staff, password);
        if (!result.Succeeded)
        {
            await output.WriteLineAsync(string.Join(Environment.NewLine, result.Errors.Select(e => e.Description)));
            return 1;
        }

        await output.WriteLineAsync($"Administrator „{userName}“ mit der Stelle {mailbox} angelegt.");
        return 0;
    }
}
