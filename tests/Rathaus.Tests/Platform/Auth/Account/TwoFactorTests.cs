using System.Net;
using OtpNet;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Platform.Auth.Account;

public abstract class TwoFactorTests(RathausApp app)
{
    /// <summary>Enrols an authenticator the way a person does: read the key shown, type the app's code.</summary>
    internal static async Task<(Totp Authenticator, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(PageClient client)
    {
        var page = await client.GetPageAsync("/intern/konto/zwei-faktor");
        var qr = page.QuerySelector(".qr-code img")!;
        Assert.StartsWith("data:image/png;base64,", qr.GetAttribute("src"));
        Assert.False(string.IsNullOrWhiteSpace(qr.GetAttribute("alt")));
        var key = page.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var authenticator = new Totp(Base32Encoding.ToBytes(key));

        var response = await client.SubmitAsync(page, "/intern/konto/zwei-faktor", new() { ["Input.Code"] = authenticator.ComputeTotp() });
        var done = await client.FollowAsync(response);
        Assert.Contains("Die Zwei-Faktor-Anmeldung ist eingeschaltet.", done.QuerySelector("[role=status]")!.TextContent);
        var codes = done.QuerySelectorAll("[role=status] code").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(10, codes.Count);
        return (authenticator, codes);
    }

    [Fact]
    public async Task Staff_member_enrols_an_authenticator_and_then_needs_its_code_to_log_in()
    {
        using (var client = await app.LoggedInAsync("f.otte"))
        {
            var wrong = await client.SubmitAsync("/intern/konto/zwei-faktor", new() { ["Input.Code"] = "000000" });
            Assert.Contains("Der Code ist ungültig oder abgelaufen.", PageClient.Errors(await PageClient.PageOf(wrong)));
            var (authenticator, _) = await EnrolAsync(client);

            using var again = app.Client();
            var password = await again.SubmitAsync("/anmelden", new() { ["Input.UserName"] = "f.otte", ["Input.Password"] = DemoAccounts.Password });
            Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
            Assert.StartsWith("/anmelden/zweiter-faktor", password.Headers.Location!.OriginalString);
            Assert.Equal(HttpStatusCode.Redirect, (await again.Http.GetAsync("/intern")).StatusCode);

            var second = await again.SubmitAsync(password.Headers.Location.OriginalString, new() { ["Input.Code"] = authenticator.ComputeTotp() });
            Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await again.Http.GetAsync("/intern")).StatusCode);
        }
    }

    [Fact]
    public async Task A_recovery_code_works_exactly_once()
    {
        using var client = await app.LoggedInAsync("l.cordes");
        var (_, codes) = await EnrolAsync(client);

        async Task<HttpResponseMessage> LoginWithRecoveryCode()
        {
            using var other = app.Client();
            var password = await other.SubmitAsync("/anmelden", new() { ["Input.UserName"] = "l.cordes", ["Input.Password"] = DemoAccounts.Password });
            return await other.SubmitAsync(password.Headers.Location!.OriginalString, new() { ["Input.Code"] = codes[0] });
        }

        Assert.Equal(HttpStatusCode.Redirect, (await LoginWithRecoveryCode()).StatusCode);
        var reused = await LoginWithRecoveryCode();
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("Der Code ist ungültig oder abgelaufen.", PageClient.Errors(await PageClient.PageOf(reused)));
    }
}

[Collection(nameof(SqliteApp))]
public sealed class TwoFactorTests_Sqlite(SqliteApp app) : TwoFactorTests(app);

[Collection(nameof(PostgresApp))]
public sealed class TwoFactorTests_PostgreSql(PostgresApp app) : TwoFactorTests(app);

[Collection(nameof(TwoFactorRequiredApp))]
public sealed class RequiredTwoFactorTests(TwoFactorRequiredApp app)
{
    [Fact]
    public async Task Without_an_authenticator_staff_can_only_reach_their_account_until_they_enrol()
    {
        using var client = await app.LoggedInAsync("h.tiedemann");

        var blocked = await client.Http.GetAsync("/intern");
        Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
        Assert.Equal("/intern/konto", blocked.Headers.Location!.OriginalString);
        var account = await client.GetPageAsync("/intern/konto");
        Assert.Contains("Bitte richten Sie die Zwei-Faktor-Anmeldung ein", account.QuerySelector(".kern-alert--warning")!.TextContent);

        await TwoFactorTests.EnrolAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/intern")).StatusCode);
        var manage = await client.GetPageAsync("/intern/konto/zwei-faktor");
        Assert.DoesNotContain(manage.QuerySelectorAll("button"), b => b.TextContent.Contains("ausschalten", StringComparison.Ordinal));
    }
}
