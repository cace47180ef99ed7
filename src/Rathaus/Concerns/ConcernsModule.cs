using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Rathaus.Concerns.Deadlines;
using Rathaus.Concerns.Inbox;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Map;
using Rathaus.Concerns.Routing;
using Rathaus.Platform;

namespace Rathaus.Concerns;

/// <summary>Anliegen: intake from every channel, routing, tracking by the citizen, the back office.</summary>
public static class ConcernsModule
{
    public static WebApplicationBuilder AddConcerns(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ConcernRouting>();
        builder.Services.AddScoped<ConcernIntake>();
        builder.AddDeadlines();
        builder.AddMap();
        builder.Services.AddScoped<ConcernAccess>();
        builder.Services.AddScoped<Detail.ConcernActionChoices>();
        builder.Services.AddSingleton<TrackingTokens>();
        builder.Services.AddScoped<Statistics.ConcernStatistics>();
        builder.Services.AddScoped<Templates.TemplateAccess>();
        builder.Services.AddScoped<Mails.StaffNotices>();
        builder.Services.TryAddSingleton(_ => Places.CityArea.Lueneburg());
        builder.Services.AddScoped<Platform.Alerts.IAlertSource, Alerts.MapReportAlerts>();

        // Submissions per client address and hour; only posting counts, reading the form is never limited.
        var concernsPerHour = builder.Configuration.GetValue("RateLimits:ConcernsPerHour", 20);
        builder.Services.Configure<RateLimiterOptions>(o => o.AddPostLimitPerClient(Submit.SubmitModel.RateLimitPolicy, concernsPerHour, TimeSpan.FromHours(1)));
        return builder;
    }
}
