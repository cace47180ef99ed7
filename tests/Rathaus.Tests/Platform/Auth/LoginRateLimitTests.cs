using System.Net;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Platform.Auth;

/// <summary>An installation with a small login limit (RateLimits:LoginsPerMinute), as an operator may set it.</summary>
public sealed class RateLimitedApp() : RathausApp(global::Rathaus.Data.DatabaseProvider.Sqlite)
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("RateLimits:LoginsPerMinute", "3")];
}

[CollectionDefinition(nameof(RateLimitedApp))]
public sealed class RateLimitedCollection : ICollectionFixture<RateLimitedApp>;

[Collection(nameof(RateLimitedApp))]
public sealed class LoginRateLimitTests(RateLimitedApp app)
{
    [Fact]
    public async Task Too_many_login_attempts_get_a_friendly_429_while_the_page_itself_stays_reachable()
    {
        using var client = app.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var attempt = await client.SubmitAsync("/anmelden", new() { ["Input.UserName"] = "t.wiebe", ["Input.Password"] = "falsch-falsch-1A" });
            statuses.Add(attempt.StatusCode);
            if (attempt.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("Zu viele Anfragen", await attempt.Content.ReadAsStringAsync());
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/anmelden")).StatusCode);
    }
}
