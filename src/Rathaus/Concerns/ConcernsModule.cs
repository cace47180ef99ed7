using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Concerns.Inbox;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Routing;

namespace Rathaus.Concerns;

/// <summary>Anliegen: intake from every channel, routing, tracking by the citizen, the back office.</summary>
public static class ConcernsModule
{
    public static WebApplicationBuilder AddConcerns(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ConcernRouting>();
        builder.Services.AddScoped<ConcernIntake>();
        builder.Services.AddScoped<ConcernAccess>();
        builder.Services.AddScoped<Detail.ConcernActionChoices>();
        builder.Services.AddSingleton<TrackingTokens>();
        builder.Services.AddScoped<Statistics.ConcernStatistics>();

        // Submissions per client address and hour; only posting counts, reading the form is never limited.
        var concernsPerHour = builder.Configuration.GetValue("RateLimits:ConcernsPerHour", 20);
        builder.Services.Configure<RateLimiterOptions>(o => o.AddPolicy(Submit.SubmitModel.RateLimitPolicy, http => HttpMethods.IsPost(http.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = concernsPerHour, Window = TimeSpan.FromHours(1) })
            : RateLimitPartition.GetNoLimiter("view")));
        return builder;
    }
}
