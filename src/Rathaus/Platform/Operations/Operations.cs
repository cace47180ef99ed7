using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Rathaus.Data;

namespace Rathaus.Platform.Operations;

/// <summary>Health checks, metrics and traces, security headers: what the IT department runs the application with.</summary>
internal static class Operations
{
    public static void AddOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddDbContextCheck<RathausDb>("database", tags: ["ready"]);

        var otlp = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("rathaus"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentationIfAvailable().AddPrometheusExporter();
                if (!string.IsNullOrEmpty(otlp))
                {
                    metrics.AddOtlpExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation();
                if (!string.IsNullOrEmpty(otlp))
                {
                    tracing.AddOtlpExporter();
                }
            });
    }

    private static MeterProviderBuilder AddRuntimeInstrumentationIfAvailable(this MeterProviderBuilder metrics) =>
        // .NET 9+ publishes GC, JIT and thread-pool metrics on this built-in meter.
        metrics.AddMeter("System.Runtime");

    public static void MapOperations(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();

        // Prometheus scrapes this; the reverse proxy in deploy/ keeps it off the public internet.
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
    }

    public static void UseSecurityHeaders(this WebApplication app)
    {
        // Extra image hosts (the map's tile server) come from the modules' configuration, fixed at start.
        var images = string.Concat(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ContentSecurityOptions>>().Value.ImageSources
            .Where(s => !s.Any(c => char.IsWhiteSpace(c) || c is ';' or ',' or '\'')).Distinct().Select(s => " " + s));
        var policy =
            $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:{images}; font-src 'self'; " +
            "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            context.Response.OnStarting(() =>
            {
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                if (!headers.ContainsKey("Referrer-Policy"))
                {
                    headers["Referrer-Policy"] = "same-origin"; // a page with a secret in its address sets no-referrer
                }

                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self)";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            await next(context);
        });
    }
}

/// <summary>Additions to the Content-Security-Policy, e.g. the map's tile server in img-src.</summary>
public sealed class ContentSecurityOptions
{
    public List<string> ImageSources { get; } = [];
}
