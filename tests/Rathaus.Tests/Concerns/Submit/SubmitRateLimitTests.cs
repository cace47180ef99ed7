using System.Net;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Concerns.Submit;

/// <summary>An installation that takes two concerns per client address and hour (RateLimits:ConcernsPerHour).</summary>
public sealed class ConcernRateLimitedApp() : RathausApp(global::Rathaus.Data.DatabaseProvider.Sqlite)
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("RateLimits:ConcernsPerHour", "2")];
}

[CollectionDefinition(nameof(ConcernRateLimitedApp))]
public sealed class ConcernRateLimitedCollection : ICollectionFixture<ConcernRateLimitedApp>;

[Collection(nameof(ConcernRateLimitedApp))]
public sealed class SubmitRateLimitTests(ConcernRateLimitedApp app)
{
    [Fact]
    public async Task Too_many_submissions_from_one_address_get_a_friendly_429_while_the_form_stays_readable()
    {
        using var client = app.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var response = await ConcernForm.SubmitAsync(client, new() { ["Input.Kind"] = "Question", ["Input.Description"] = $"Frage Nummer {i}" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var page = await PageClient.PageOf(response);
                Assert.Equal("Zu viele Anfragen", page.QuerySelector("h1")!.TextContent.Trim());
            }
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(ConcernForm.Url)).StatusCode);
    }
}
