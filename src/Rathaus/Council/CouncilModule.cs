using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Council.Calendar;
using Rathaus.Council.OParl;
using Rathaus.Platform.Alerts;

namespace Rathaus.Council;

/// <summary>Ratsinformationssystem: council bodies, meetings, papers, the OParl 1.1 interface and calendars.</summary>
public static class CouncilModule
{
    public static WebApplicationBuilder AddCouncil(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IAlertSource, Alerts.PaperAlerts>();
        return builder;
    }

    public static WebApplication UseCouncil(this WebApplication app)
    {
        app.MapOParl();
        app.MapMeetingCalendars();
        return app;
    }
}
