using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Platform.OrgChart;
using Rathaus.Tests.Infrastructure;
using static Rathaus.Tests.Platform.OrgChart.TestOrgChart;

namespace Rathaus.Tests.Platform.OrgChart.Staff;

public abstract class StaffTests(RathausApp app)
{
    private const string GoodPassword = "Gutes-Passwort-2026";
    private const string NewUrl = "/intern/organisation/beschaeftigte/neu";

    [Fact]
    public async Task Weak_initial_password_is_refused_with_Identitys_German_messages_next_to_the_field()
    {
        var userName = "t." + Suffix();
        using var admin = await app.LoggedInAsync(DemoAccounts.Admin);

        var page = await RefusedAsync(admin, NewUrl, new()
        {
            ["Input.DisplayName"] = "Greta Schwach",
            ["Input.UserName"] = userName,
            ["Input.Password"] = "kurz1",
        });

        var error = ErrorAt(page, "Input_Password");
        Assert.Contains("Das Passwort muss mindestens 12 Zeichen lang sein.", error);
        Assert.Contains("Das Passwort muss mindestens einen Großbuchstaben enthalten.", error);
        Assert.Null(page.QuerySelector("#Input_Password")!.GetAttribute("value"));
        Assert.Equal(userName, page.QuerySelector("#Input_UserName")!.GetAttribute("value"));
        Assert.Equal("Greta Schwach", page.QuerySelector("#Input_DisplayName")!.GetAttribute("value"));
        await using var db = app.Db();
        Assert.False(await db.StaffMembers.AnyAsync(s => s.UserName == userName));
    }

    [Fact]
    public async Task Taken_user_name_in_any_case_invalid_characters_and_a_bad_email_are_refused_next_to_their_fields()
    {
        using var admin = await app.LoggedInAsync(DemoAccounts.Admin);

        var page = await RefusedAsync(admin, NewUrl, new()
        {
            ["Input.DisplayName"] = "Zweite Administration",
            ["Input.UserName"] = "ADMIN",
            ["Input.Email"] = "keine-adresse",
            ["Input.Password"] = GoodPassword,
        });
        Assert.Equal("Der Benutzername „ADMIN“ ist schon vergeben.", ErrorAt(page, "Input_UserName"));
        Assert.Equal("Die E-Mail-Adresse ist ungültig.", ErrorAt(page, "Input_Email"));

        page = await RefusedAsync(admin, NewUrl, new()
        {
            ["Input.DisplayName"] = "Leer Zeichen",
            ["Input.UserName"] = "leer zeichen",
            ["Input.Password"] = GoodPassword,
        });
        Assert.Equal("Der Benutzername „leer zeichen“ darf nur Buchstaben, Ziffern und . - _ @ enthalten.", ErrorAt(page, "Input_UserName"));
    }

    [Fact]
    public async Task New_staff_member_logs_in_and_has_admin_rights_only_while_holding_an_admin_position()
    {
        using var admin = await app.LoggedInAsync(DemoAccounts.Admin);
        var (id, userName) = await CreateStaffAsync(admin, "Hanna Neumann");
        var unit = await AddUnitAsync(app, "Sachgebiet IT-Test");
        var adminPosition = await AddPositionAsync(app, unit, "Administration Fachverfahren Test", PositionRole.Administrator);

        using var person = await app.LoggedInAsync(userName, GoodPassword);
        Assert.Contains("Guten Tag, Hanna Neumann", (await person.GetPageAsync("/intern")).QuerySelector("h1")!.TextContent);
        PageClient.AssertAccessDenied(await person.Http.GetAsync("/intern/organisation"));

        var page = await admin.FollowAsync(await admin.SubmitAsync(StaffUrl(id), new() { ["AssignPositionId"] = adminPosition.Id.ToString() }, button: "Stelle zuweisen"));
        Assert.Contains("Hanna Neumann hat jetzt die Stelle „Administration Fachverfahren Test“.", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await person.Http.GetAsync("/intern/organisation")).StatusCode);
        var positionPage = await admin.GetPageAsync($"/intern/organisation/stelle/{adminPosition.Id}");
        Assert.NotNull(positionPage.QuerySelector($"a[href='{StaffUrl(id)}']"));

        var removed = await admin.SubmitAsync(StaffUrl(id), new(), button: "Stelle entfernen Administration Fachverfahren Test");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        PageClient.AssertAccessDenied(await person.Http.GetAsync("/intern/organisation"));

        var audit = await AuditAsync(app, userName);
        Assert.Equal(["StaffMember.Created", "StaffMember.PositionAssigned", "StaffMember.PositionRemoved"], audit.Select(e => e.Action));
        Assert.Equal(adminPosition.Mailbox, Json(audit[1].After).GetProperty("Positions")[0].GetString());
        Assert.Equal(0, Json(audit[2].After).GetProperty("Positions").GetArrayLength());
        await AssertNoSecretsAsync(userName);
    }

    [Fact]
    public async Task Assigning_refuses_unknown_inactive_and_already_held_positions()
    {
        using var admin = await app.LoggedInAsync(DemoAccounts.Admin);
        var (id, userName) = await CreateStaffAsync(admin, "Kai Doppelt");
        var unit = await AddUnitAsync(app, "Sachgebiet Zuweisung");
        var closed = await AddPositionAsync(app, unit, "Gestrichene Stelle", isActive: false);
        var open = await AddPositionAsync(app, unit, "Sachbearbeitung Zuweisung");

        var form = await admin.GetPageAsync(StaffUrl(id));
        var offered = form.QuerySelectorAll("#AssignPositionId option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains(open.Id.ToString(), offered);
        Assert.DoesNotContain(closed.Id.ToString(), offered);

        // The drop-down offers only what may be assigned; crafted requests must still be refused.
        var page = await RefusedAsync(admin, StaffUrl(id), new() { ["AssignPositionId"] = closed.Id.ToString() }, "Stelle zuweisen");
        Assert.Equal("Die Stelle „Gestrichene Stelle“ ist deaktiviert und kann nicht zugewiesen werden.", ErrorAt(page, "AssignPositionId"));
        Assert.Equal("Kai Doppelt", page.QuerySelector("#Input_DisplayName")!.GetAttribute("value"));

        page = await RefusedAsync(admin, StaffUrl(id), new() { ["AssignPositionId"] = "987654" }, "Stelle zuweisen");
        Assert.Equal("Die gewählte Stelle gibt es nicht.", ErrorAt(page, "AssignPositionId"));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(StaffUrl(id), new() { ["AssignPositionId"] = open.Id.ToString() }, button: "Stelle zuweisen")).StatusCode);
        page = await RefusedAsync(admin, StaffUrl(id), new() { ["AssignPositionId"] = open.Id.ToString() }, "Stelle zuweisen");
        Assert.Equal("Kai Doppelt hat die Stelle „Sachbearbeitung Zuweisung“ schon.", ErrorAt(page, "AssignPositionId"));

        await using var db = app.Db();
        var held = await db.StaffMembers.Where(s => s.Id == id).SelectMany(s => s.Positions).Select(p => p.Id).ToListAsync();
        Assert.Equal([open.Id], held);
        Assert.Single(await AuditAsync(app, userName), e => e.Action == "StaffMember.PositionAssigned");
    }

    [Fact]
    public async Task Deactivated_staff_member_loses_the_open_session_and_cannot_log_in_until_reactivated()
    {
        using var admin = await app.LoggedInAsync(DemoAccounts.Admin);
        var (id, userName) = await CreateStaffAsync(admin, "Otto Ausgeschieden");
        using var person = await app.LoggedInAsync(userName, GoodPassword);
        Assert.Equal(HttpStatusCode.OK, (await person.Http.GetAsync("/intern")).StatusCode);
        var stampBefore = await StampAsync(id);

        var response = await admin.SubmitAsync(StaffUrl(id), new() { ["Input.IsActive"] = "false" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotEqual(stampBefore, await StampAsync(id));
        AssertSentToLogin(await person.Http.GetAsync("/intern"));
        using (var again = app.Client())
        {
            await again.SubmitAsync("/anmelden", new() { ["Input.UserName"] = userName, ["Input.Password"] = GoodPassword });
            AssertSentToLogin(await again.Http.GetAsync("/intern"));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(StaffUrl(id), new() { ["Input.IsActive"] = "true" })).StatusCode);
        using (var back = await app.LoggedInAsync(userName, GoodPassword))
        {
            Assert.Equal(HttpStatusCode.OK, (await back.Http.GetAsync("/intern")).StatusCode);
        }

        var audit = await AuditAsync(app, userName);
        Assert.Equal(["StaffMember.Created", "StaffMember.Deactivated", "StaffMember.Reactivated"], audit.Select(e => e.Action));
        Assert.True(Json(audit[1].Before).GetProperty("IsActive").GetBoolean());
        Assert.False(Json(audit[1].After).GetProperty("IsActive").GetBoolean());
        await AssertNoSecretsAsync(userName);
    }

    [Fact]
    public async Task Administrator_cannot_deactivate_their_own_account()
    {
        using var admin = await app.LoggedInAsync(DemoAccounts.Admin);
        var (id, userName) = await CreateStaffAsync(admin, "Ada Selbst");
        var unit = await AddUnitAsync(app, "Sachgebiet Selbstschutz");
        var adminPosition = await AddPositionAsync(app, unit, "Administration Selbstschutz", PositionRole.Administrator);
        await admin.SubmitAsync(StaffUrl(id), new() { ["AssignPositionId"] = adminPosition.Id.ToString() }, button: "Stelle zuweisen");
        using var self = await app.LoggedInAsync(userName, GoodPassword);

        var page = await RefusedAsync(self, StaffUrl(id), new() { ["Input.IsActive"] = "false" });

        Assert.Equal("Sie können Ihr eigenes Konto nicht deaktivieren.", ErrorAt(page, "Input_IsActive"));
        await using var db = app.Db();
        Assert.True((await db.StaffMembers.SingleAsync(s => s.Id == id)).IsActive);
    }

    [Fact]
    public async Task Administrator_sets_a_new_password_that_replaces_the_old_one_and_lifts_a_lockout()
    {
        using var admin = await app.LoggedInAsync(DemoAccounts.Admin);
        var (id, userName) = await CreateStaffAsync(admin, "Vera Vergesslich");
        using (var guesser = app.Client())
        {
            for (var i = 0; i < 5; i++)
            {
                await guesser.SubmitAsync("/anmelden", new() { ["Input.UserName"] = userName, ["Input.Password"] = "Falsch-Falsch-1" });
            }
        }

        var page = await RefusedAsync(admin, StaffUrl(id), new() { ["NewPassword"] = "alles-klein-ohne-ziffer" }, "Passwort zurücksetzen");
        Assert.Contains("Das Passwort muss mindestens eine Ziffer enthalten.", ErrorAt(page, "NewPassword"));
        Assert.Contains("vorübergehend gesperrt", page.QuerySelector("main")!.TextContent);

        const string newPassword = "Neues-Passwort-2027";
        var done = await admin.FollowAsync(await admin.SubmitAsync(StaffUrl(id), new() { ["NewPassword"] = newPassword }, button: "Passwort zurücksetzen"));
        Assert.Contains("Das Passwort von „Vera Vergesslich“ wurde neu gesetzt.", done.QuerySelector("[role=status]")!.TextContent);

        using (var old = app.Client())
        {
            var refused = await old.SubmitAsync("/anmelden", new() { ["Input.UserName"] = userName, ["Input.Password"] = GoodPassword });
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        using (var person = await app.LoggedInAsync(userName, newPassword))
        {
            Assert.Equal(HttpStatusCode.OK, (await person.Http.GetAsync("/intern")).StatusCode);
        }

        Assert.Single(await AuditAsync(app, userName), e => e.Action == "StaffMember.PasswordReset");
        await AssertNoSecretsAsync(userName);
    }

    [Fact]
    public async Task Two_factor_reset_turns_it_off_and_replaces_the_authenticator_key()
    {
        using var admin = await app.LoggedInAsync(DemoAccounts.Admin);
        var (id, userName) = await CreateStaffAsync(admin, "Tim Telefonlos");
        string? oldKey;
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffMember>>();
            var staff = (await users.FindByIdAsync(id.ToString()))!;
            await users.ResetAuthenticatorKeyAsync(staff);
            await users.SetTwoFactorEnabledAsync(staff, true);
            oldKey = await users.GetAuthenticatorKeyAsync(staff);
        }

        Assert.Equal("an", ListRow(await admin.GetPageAsync($"/intern/organisation/beschaeftigte?suche={userName}"), userName)[^1]);

        var page = await admin.FollowAsync(await admin.SubmitAsync(StaffUrl(id), new(), button: "Zwei-Faktor zurücksetzen"));

        Assert.Contains("Die Zwei-Faktor-Anmeldung ist ausgeschaltet.", page.QuerySelector("main")!.TextContent);
        Assert.Equal("aus", ListRow(await admin.GetPageAsync($"/intern/organisation/beschaeftigte?suche={userName}"), userName)[^1]);
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffMember>>();
            var staff = (await users.FindByIdAsync(id.ToString()))!;
            Assert.False(staff.TwoFactorEnabled);
            Assert.NotEqual(oldKey, await users.GetAuthenticatorKeyAsync(staff));
            Assert.Equal(0, await users.CountRecoveryCodesAsync(staff));
        }

        var reset = Assert.Single(await AuditAsync(app, userName), e => e.Action == "StaffMember.TwoFactorReset");
        Assert.True(Json(reset.Before).GetProperty("TwoFactorEnabled").GetBoolean());
        Assert.False(Json(reset.After).GetProperty("TwoFactorEnabled").GetBoolean());
        Assert.DoesNotContain(oldKey!, reset.Before + reset.After, StringComparison.Ordinal);
        await AssertNoSecretsAsync(userName);
    }

    [Fact]
    public async Task Renamed_account_logs_in_with_the_new_user_name_and_the_list_finds_it()
    {
        using var admin = await app.LoggedInAsync(DemoAccounts.Admin);
        var (id, userName) = await CreateStaffAsync(admin, "Rita Altname");
        var renamed = "T.Neu" + Suffix();
        var unit = await AddUnitAsync(app, "Sachgebiet Namensänderung");
        var position = await AddPositionAsync(app, unit, "Sachbearbeitung Namensänderung");
        await admin.SubmitAsync(StaffUrl(id), new() { ["AssignPositionId"] = position.Id.ToString() }, button: "Stelle zuweisen");

        var response = await admin.SubmitAsync(StaffUrl(id), new() { ["Input.UserName"] = renamed, ["Input.DisplayName"] = "Rita Neuname" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using (var person = await app.LoggedInAsync(renamed.ToLowerInvariant(), GoodPassword))
        {
            Assert.Contains("Rita Neuname", (await person.GetPageAsync("/intern")).QuerySelector("h1")!.TextContent);
        }

        var row = ListRow(await admin.GetPageAsync("/intern/organisation/beschaeftigte?suche=neuname"), renamed);
        Assert.Equal(["Rita Neuname", renamed, "Sachbearbeitung Namensänderung", "aktiv", "aus"], row);
        var changed = Assert.Single(await AuditAsync(app, renamed));
        Assert.Equal("StaffMember.Changed", changed.Action);
        Assert.Equal(userName, Json(changed.Before).GetProperty("UserName").GetString());
    }

    private async Task<(Guid Id, string UserName)> CreateStaffAsync(PageClient admin, string displayName)
    {
        var userName = "t." + Suffix();
        var response = await admin.SubmitAsync(NewUrl, new()
        {
            ["Input.DisplayName"] = displayName,
            ["Input.UserName"] = userName,
            ["Input.Email"] = $"{userName}@{MailDomain}",
            ["Input.Password"] = GoodPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
        var created = Assert.Single(await AuditAsync(app, userName));
        Assert.Equal("StaffMember.Created", created.Action);
        return (id, userName);
    }

    private async Task<string?> StampAsync(Guid id)
    {
        await using var db = app.Db();
        return await db.StaffMembers.Where(s => s.Id == id).Select(s => s.SecurityStamp).SingleAsync();
    }

    /// <summary>The audit shows what changed in the account, never the password hash or the security stamp.</summary>
    private async Task AssertNoSecretsAsync(string userName)
    {
        await using var db = app.Db();
        var staff = await db.StaffMembers.AsNoTracking().SingleAsync(s => s.UserName == userName);
        foreach (var entry in await AuditAsync(app, userName))
        {
            var text = entry.Before + entry.After;
            Assert.DoesNotContain("Password", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(staff.PasswordHash!, text, StringComparison.Ordinal);
            Assert.DoesNotContain(staff.SecurityStamp!, text, StringComparison.Ordinal);
        }
    }

    private static async Task<IDocument> RefusedAsync(PageClient client, string url, Dictionary<string, string?> values, string? button = null)
    {
        var response = await client.SubmitAsync(url, values, button);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PageClient.PageOf(response);
    }

    private static string? ErrorAt(IDocument page, string fieldId) =>
        page.QuerySelector($"#{fieldId}")!.Closest(".kern-form-input, .kern-form-check")!.QuerySelector(".kern-error")?.TextContent.Trim();

    private static List<string> ListRow(IDocument page, string userName) =>
        page.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).Single(cells => cells[1] == userName);

    private static string StaffUrl(Guid id) => $"/intern/organisation/beschaeftigte/{id}";


    private static void AssertSentToLogin(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/anmelden", response.Headers.Location!.PathAndQuery);
    }
}

[Collection(nameof(SqliteApp))]
public sealed class StaffTests_Sqlite(SqliteApp app) : StaffTests(app);

[Collection(nameof(PostgresApp))]
public sealed class StaffTests_PostgreSql(PostgresApp app) : StaffTests(app);
