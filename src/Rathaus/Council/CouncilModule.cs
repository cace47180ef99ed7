using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Council.Calendar;
using Rathaus.Council.Feeds;
using Rathaus.Council.OParl;

namespace Rathaus.Council;

/// <summary>Ratsinformationssystem: council bodies, meetings, papers, the OParl 1.1 interface and calendars.</summary>
public static class CouncilModule
{
    public static WebApplicationBuilder AddCouncil(this WebApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache(); // the OParl lists' totals (OParlEndpoints.CountAsync)
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
