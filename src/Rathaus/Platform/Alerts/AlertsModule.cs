using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Platform.Scheduling;

namespace Rathaus.Platform.Alerts;

/// <summary>
/// E-Mail-Benachrichtigungen: one mechanism (double opt-in, one-click unsubscribe, a daily digest with a sent-log) for
/// every module that registers an <see cref="IAlertSource"/> — the map's reports and the council's papers.
/// </summary>
public static class AlertsModule
{
    public const string DigestJob = "Alerts.Digest";
    public const string CleanupJob = "Alerts.Cleanup";

    /// <summary>Subscribing per client address and hour; only posting counts.</summary>
    public const string RateLimitPolicy = "alert-subscribe";

    public static WebApplicationBuilder AddAlerts(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(AlertOptions.Section);
        builder.Services.Configure<AlertOptions>(section);
        var times = section.Get<AlertOptions>() ?? new AlertOptions();
        builder.Services.AddSingleton<AlertTokens>();
        builder.Services.AddScoped<AlertSubscriptions>();
        builder.Services.AddScoped<AlertDigest>();
        builder.Services.AddScoped<AlertCleanup>();

        // Every day, also at weekends: new reports do not wait for Monday.
        builder.Services.AddScheduledJob(CleanupJob, new DailySchedule(times.CleanupAt, WorkingDaysOnly: false), (s, _, ct) => s.GetRequiredService<AlertCleanup>().RunAsync(ct));
        builder.Services.AddScheduledJob(DigestJob, new DailySchedule(times.DigestAt, WorkingDaysOnly: false), (s, _, ct) => s.GetRequiredService<AlertDigest>().RunAsync(ct));

        var perHour = builder.Configuration.GetValue("RateLimits:AlertSubscriptionsPerHour", 10);
        builder.Services.Configure<RateLimiterOptions>(o => o.AddPostLimitPerClient(RateLimitPolicy, perHour, TimeSpan.FromHours(1)));
        return builder;
    }
}
