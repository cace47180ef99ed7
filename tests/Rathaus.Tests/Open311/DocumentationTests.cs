using System.Net;
using System.Text.Json;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Open311;

/// <summary>The documentation page and the OpenAPI description are public and describe the endpoints that exist.</summary>
public abstract class DocumentationTests(RathausApp app)
{
    [Fact]
    public async Task The_documentation_page_is_public_links_the_openapi_document_and_speaks_english_on_request()
    {
        using var client = app.Client();
        var page = await client.GetPageAsync("/open311");
        Assert.Equal("Open311-Schnittstelle für Mängelmeldungen", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("a[href='/open311/openapi.json']"));
        var english = await client.GetPageAsync("/open311?ui-culture=en");
        Assert.Equal("Open311 interface for defect reports", english.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_openapi_document_describes_every_endpoint_and_each_one_answers()
    {
        using var client = app.Client();
        var response = await client.Http.GetAsync("/open311/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("3.1.0", document.GetProperty("openapi").GetString());
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(
            [
                "/open311/discovery.{format}", "/open311/v2/services.{format}", "/open311/v2/services/{service_code}.{format}",
                "/open311/v2/requests.{format}", "/open311/v2/requests/{service_request_id}.{format}", "/open311/v2/tokens/{token}.{format}",
                "/open311/v2/requests/{service_request_id}/media/{file}",
            ],
            paths);
        foreach (var url in new[] { "/open311/discovery.json", "/open311/v2/services.xml", "/open311/v2/services/schlagloch.json", "/open311/v2/requests.json" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(url)).StatusCode);
        }
    }
}

[Collection(nameof(SqliteApp))]
public sealed class DocumentationTests_Sqlite(SqliteApp app) : DocumentationTests(app);

[Collection(nameof(PostgresApp))]
public sealed class DocumentationTests_Postgres(PostgresApp app) : DocumentationTests(app);
