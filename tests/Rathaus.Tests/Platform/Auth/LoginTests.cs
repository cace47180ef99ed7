using System.Net;
using Microsoft.EntityFrameworkCore;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Platform.Auth;

public abstract class LoginTests(RathausApp app)
{
    [Fact]
    public async Task Staff_pages_send_anonymous_visitors_to_the_login()
    {
        using var client = app.Client();
        foreach (var url in new[] { "/intern", "/intern/organisation", "/intern/protokoll", "/intern/organisation/einheit/1" })
        {
            var response = await client.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/anmelden", response.Headers.Location!.PathAndQuery);
        }
    }

    [Fact]
    public async Task Demo_administrator_logs_in_and_reaches_the_org_chart()
    {
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        var page = await client.GetPageAsync("/intern/organisation");
        Assert.Contains("Fachbereich 7 – Straßen und Tiefbau", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_message_that_does_not_reveal_the_account()
    {
        using var client = app.Client();
        var wrongPassword = await client.SubmitAsync("/anmelden", new() { ["Input.UserName"] = "t.wiebe", ["Input.Password"] = "falsch-falsch-1A" });
        var unknownUser = await client.SubmitAsync("/anmelden", new() { ["Input.UserName"] = "niemand", ["Input.Password"] = "falsch-falsch-1A" });

        Assert.Equal(HttpStatusCode.OK, wrongPassword.StatusCode);
        var first = await PageClient.PageOf(wrongPassword);
        var second = await PageClient.PageOf(unknownUser);
        Assert.Contains("Benutzername oder Passwort ist falsch.", first.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(first.QuerySelector("[role=alert]")!.TextContent, second.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("t.wiebe", first.QuerySelector("input[name='Input.UserName']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Empty_form_names_both_missing_fields()
    {
        using var client = app.Client();
        var response = await client.SubmitAsync("/anmelden", new() { ["Input.UserName"] = "", ["Input.Password"] = "" });
        var errors = PageClient.Errors(await PageClient.PageOf(response));
        Assert.Contains("Bitte geben Sie Ihren Benutzernamen ein.", errors);
        Assert.Contains("Bitte geben Sie Ihr Passwort ein.", errors);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        using var client = app.Client();
        for (var i = 0; i < 5; i++)
        {
            await client.SubmitAsync("/anmelden", new() { ["Input.UserName"] = "s.lange", ["Input.Password"] = "falsch-falsch-1A" });
        }

        var response = await client.SubmitAsync("/anmelden", new() { ["Input.UserName"] = "s.lange", ["Input.Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("gesperrt", (await PageClient.PageOf(response)).QuerySelector("[role=alert]")!.TextContent);
    }

    [Fact]
    public async Task Case_worker_without_admin_position_is_denied_the_org_chart()
    {
        using var client = await app.LoggedInAsync(DemoAccounts.CaseWorker);
        await client.AssertAccessDeniedAsync("/intern/organisation");
    }

    [Fact]
    public async Task Deactivated_staff_member_loses_access_at_once()
    {
        using var client = await app.LoggedInAsync("m.sievers");
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/intern")).StatusCode);

        await using (var db = app.Db())
        {
            await db.StaffMembers.Where(s => s.UserName == "m.sievers").ExecuteUpdateAsync(s => s.SetProperty(x => x.IsActive, false));
        }

        var response = await client.Http.GetAsync("/intern");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/anmelden", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Logout_ends_the_session()
    {
        using var client = await app.LoggedInAsync("d.gerdes");
        var response = await client.SubmitAsync("/intern", new(), button: "Abmelden");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await client.Http.GetAsync("/intern");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }
}

[Collection(nameof(SqliteApp))]
public sealed class LoginTests_Sqlite(SqliteApp app) : LoginTests(app);

[Collection(nameof(PostgresApp))]
public sealed class LoginTests_PostgreSql(PostgresApp app) : LoginTests(app);
