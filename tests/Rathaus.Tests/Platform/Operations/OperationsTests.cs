using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Platform.Operations;

public abstract class OperationsTests(RathausApp app)
{
    [Fact]
    public async Task Liveness_and_readiness_answer_healthy_without_login()
    {
        using var client = app.Client();
        var live = await client.Http.GetAsync("/health/live");
        var ready = await client.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_endpoint_exposes_request_metrics_for_Prometheus()
    {
        using var client = app.Client();
        await client.Http.GetAsync("/");
        string text = "";
        // The exporter collects on scrape; the request metric appears once the request has been recorded.
        for (var i = 0; i < 20 && !text.Contains("http_server_request_duration", StringComparison.Ordinal); i++)
        {
            text = await client.Http.GetStringAsync("/metrics");
            await Task.Delay(100);
        }

        Assert.Contains("http_server_request_duration", text);
    }

    [Fact]
    public async Task Forwarded_headers_from_the_reverse_proxy_are_honoured_for_the_scheme()
    {
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/intern");
        request.Headers.Add("X-Forwarded-Proto", "https");
        var response = await client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("https", response.Headers.Location!.Scheme);
    }

    [Fact]
    public void Every_staff_endpoint_requires_a_login()
    {
        // Secure by default: only endpoints that say [AllowAnonymous] are public, and none of them under /intern.
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        var publicStaffPages = endpoints
            .Where(e => (e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("intern", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText)
            .ToList();
        Assert.Empty(publicStaffPages);
    }
}

[Collection(nameof(SqliteApp))]
public sealed class OperationsTests_Sqlite(SqliteApp app) : OperationsTests(app);

[Collection(nameof(PostgresApp))]
public sealed class OperationsTests_PostgreSql(PostgresApp app) : OperationsTests(app);
