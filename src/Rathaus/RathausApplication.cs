using Microsoft.AspNetCore.Builder;
using Rathaus.Platform;

namespace Rathaus;

/// <summary>The list of modules; the host's Program.cs only calls these two methods.</summary>
public static class RathausApplication
{
    public static WebApplicationBuilder AddRathaus(this WebApplicationBuilder builder)
    {
        builder.AddPlatform();
        return builder;
    }

    public static WebApplication UseRathaus(this WebApplication app)
    {
        app.UsePlatform();
        return app;
    }
}
