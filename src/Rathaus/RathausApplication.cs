using Microsoft.AspNetCore.Builder;
using Rathaus.Concerns;
using Rathaus.Concerns.Map;
using Rathaus.Council;
using Rathaus.Mail;
using Rathaus.Open311;
using Rathaus.Platform;
using Rathaus.Platform.Alerts;
using Rathaus.Post;

namespace Rathaus;

/// <summary>The list of modules; the host's Program.cs only calls these two methods.</summary>
public static class RathausApplication
{
    public static WebApplicationBuilder AddRathaus(this WebApplicationBuilder builder)
    {
        builder.AddPlatform();
        builder.AddMail();
        builder.AddConcerns();
        builder.AddPost();
        builder.AddOpen311();
        builder.AddCouncil();
        builder.AddAlerts();
        return builder;
    }

    public static WebApplication UseRathaus(this WebApplication app)
    {
        app.UsePlatform();
        app.MapOpen311();
        app.MapMap();
        app.UseCouncil();
        return app;
    }
}
