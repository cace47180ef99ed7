using System.Net;
using Microsoft.EntityFrameworkCore;
using Rathaus.Platform.Auth;
using Rathaus.Platform.OrgChart;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Platform.Auth;

/// <summary>An installation of its own: these tests take administrative rights away, which would disturb others.</summary>
public sealed class LastAdministratorApp() : RathausApp(global::Rathaus.Data.DatabaseProvider.Sqlite);

[CollectionDefinition(nameof(LastAdministratorApp))]
public sealed class LastAdministratorCollection : ICollectionFixture<LastAdministratorApp>;

[Collection(nameof(LastAdministratorApp))]
public sealed class LastAdministratorTests(LastAdministratorApp app)
{
    private const string Message = "Danach hätte niemand mehr eine aktive Stelle mit Administrationsrechten";

    /// <summary>Leaves the demo's "admin" as the only administrator (two others hold admin positions).</summary>
    private async Task LeaveOnlyDemoAdminAsync()
    {
        await using var db = app.Db();
        var others = await db.StaffMembers.Where(s => s.UserName == "j.hinrichs" || s.UserName == "o.meyer").ToListAsync();
        others.ForEach(s => s.IsActive = false);
        await db.SaveChangesAsync();
        Assert.Equal(1, await AdministratorGuard.CountAsync(db, default));
    }


    [Fact]
    public async Task Deactivating_the_last_administrators_position_is_refused_with_a_message_and_nothing_changes()
    {
        await LeaveOnlyDemoAdminAsync();
        using var admin = await app.LoggedInAsync(DemoAccounts.Admin);
        int positionId;
        await using (var db = app.Db())
        {
            positionId = await db.Positions.Where(p => p.Mailbox.StartsWith("it-administration@")).Select(p => p.Id).SingleAsync();
        }

        var response = await admin.SubmitAsync($"/intern/organisation/stelle/{positionId}", new(), button: "Stelle deaktivieren");
        var page = await admin.FollowAsync(response);

        Assert.Contains(Message, page.QuerySelector(".kern-alert--danger")!.TextContent);
        await using var check = app.Db();
        Assert.True((await check.Positions.SingleAsync(p => p.Id == positionId)).IsActive);
        Assert.False(await check.AuditEntries.AnyAsync(e => e.Action == "Position.Deactivated" && e.EntityKey.StartsWith("it-administration@")));
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/intern/organisation")).StatusCode);
    }

    [Fact]
    public async Task Taking_the_administrator_role_away_in_the_database_layer_is_rolled_back()
    {
        // The import and every other writer go through SaveChanges: the guard holds there, not only on the pages.
        await LeaveOnlyDemoAdminAsync();
        await using var db = app.Db();
        var position = await db.Positions.SingleAsync(p => p.Mailbox.StartsWith("it-administration@"));
        position.Roles = PositionRole.CaseWork;

        await Assert.ThrowsAsync<LastAdministratorException>(() => db.SaveChangesAsync());

        await using var check = app.Db();
        Assert.Equal(PositionRole.Administrator, (await check.Positions.SingleAsync(p => p.Id == position.Id)).Roles);
    }

    [Fact]
    public async Task Another_administrator_may_still_be_removed_while_one_remains()
    {
        await using var db = app.Db();
        var hinrichs = await db.StaffMembers.Include(s => s.Positions).SingleAsync(s => s.UserName == "j.hinrichs");
        hinrichs.IsActive = true;
        await db.SaveChangesAsync();
        hinrichs.Positions.Clear();
        await db.SaveChangesAsync();
        Assert.True(await AdministratorGuard.CountAsync(db, default) >= 1);
    }
}
