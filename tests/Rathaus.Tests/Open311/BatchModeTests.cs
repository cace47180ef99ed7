using System.Net;
using Rathaus.Data;
using Rathaus.Tests.Infrastructure;
using static Rathaus.Tests.Open311.Open311Api;

namespace Rathaus.Tests.Open311;

/// <summary>An installation that answers POST with a token (service type "batch", Open311:AnswerWithToken).</summary>
public sealed class Open311BatchApp() : RathausApp(DatabaseProvider.Sqlite)
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("Open311:AnswerWithToken", "true")];
}

[CollectionDefinition(nameof(Open311BatchApp))]
public sealed class Open311BatchCollection : ICollectionFixture<Open311BatchApp>;

[Collection(nameof(Open311BatchApp))]
public sealed class BatchModeTests(Open311BatchApp app)
{
    [Fact]
    public async Task Post_answers_a_token_instead_of_the_id_and_the_token_leads_to_the_request()
    {
        var key = await IssueKeyAsync(app);
        var code = await CategoryAsync(app);
        using var client = app.Client();
        var services = await JsonAsync(await client.Http.GetAsync("/open311/v2/services.json"));
        Assert.All(services.EnumerateArray(), s => Assert.Equal("batch", s.GetProperty("type").GetString()));

        var posted = await XmlAsync(await PostAsync(client.Http, "xml", Report(key, code)));
        var request = posted.Root!.Element("request")!;
        Assert.Equal(["token", "service_notice", "account_id"], Names(request)); // "should not be returned if token is returned"
        var token = request.Element("token")!.Value;

        var byToken = await JsonAsync(await client.Http.GetAsync($"/open311/v2/tokens/{token}.json"));
        var id = byToken[0].GetProperty("service_request_id").GetString()!;
        var found = await client.Http.GetAsync($"/open311/v2/requests/{id}.json");
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(code, (await JsonAsync(found))[0].GetProperty("service_code").GetString());
    }
}
