using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
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
        builder.Services.AddSingleton<TrackingTokens>();
        return builder;
    }
}
