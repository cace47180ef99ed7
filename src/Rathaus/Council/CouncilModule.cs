using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Council.Calendar;
using Rathaus.Council.Feeds;
using Rathaus.Council.Import;
using Rathaus.Council.OParl;
using Rathaus.Council.Petitions;
using Rathaus.Council.Resolutions;
using Rathaus.Platform.Alerts;
using Rathaus.Platform.Scheduling;

namespace Rathaus.Council;

/// <summary>Ratsinformationssystem: council bodies, meetings, papers, the OParl 1.1 interface and calendars.</summary>
public static class CouncilModule
{
    public const string OverdueResolutionsJob = "Council.OverdueResolutions";

    public static WebApplicationBuilder AddCouncil(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IAlertSource, Alerts.PaperAlerts>();
        builder.Services.AddScoped<ResolutionRecords>();
        builder.Services.AddScoped<ResolutionAccess>();
        builder.Services.AddScoped<OverdueResolutions>();
        builder.Services.AddScoped<CouncilPetitions>();
        builder.Services.AddScheduledJob(OverdueResolutionsJob, new DailySchedule(new TimeOnly(7, 15)),
            (s, _, ct) => s.GetRequiredService<OverdueResolutions>().RunAsync(ct));
        builder.Services.AddMemoryCache(); // the OParl lists' totals (OParlEndpoints.CountAsync)
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
        app.MapPaperFeeds();
        return app;
    }
}
