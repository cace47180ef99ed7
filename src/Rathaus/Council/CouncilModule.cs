using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Council.Calendar;
using Rathaus.Council.Import;
using Rathaus.Council.OParl;

namespace Rathaus.Council;

/// <summary>Ratsinformationssystem: council bodies, meetings, papers, the OParl 1.1 interface and calendars.</summary>
public static class CouncilModule
{
    public static WebApplicationBuilder AddCouncil(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<CouncilOptions>(builder.Configuration.GetSection(CouncilOptions.Section));
        services.AddScoped<CouncilImporter>();
        services.AddHostedService<ImportWorker>();
        services.AddHttpClient(CouncilImporter.HttpClientName, http =>
        {
            http.Timeout = TimeSpan.FromSeconds(60);
            http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Rathaus-OParl-Import", "1.0"));
        });
        return builder;
    }

    public static WebApplication UseCouncil(this WebApplication app)
    {
        app.MapOParl();
        app.MapMeetingCalendars();
        return app;
    }
}
