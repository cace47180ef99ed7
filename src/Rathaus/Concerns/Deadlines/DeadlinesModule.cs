using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Platform.Scheduling;

namespace Rathaus.Concerns.Deadlines;

/// <summary>Deadlines of concerns and the scheduled work around them: follow-ups, escalation, the leads' digest.</summary>
public static class DeadlinesModule
{
    public const string FollowUpJob = "Concerns.FollowUps";
    public const string DeadlineCheckJob = "Concerns.DeadlineCheck";
    public const string DigestJob = "Concerns.OverdueDigest";

    public static WebApplicationBuilder AddDeadlines(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(DeadlineOptions.Section);
        builder.Services.Configure<DeadlineOptions>(section);
        var times = section.Get<DeadlineOptions>() ?? new DeadlineOptions();
        builder.Services.AddScoped<ConcernDeadlines>();
        builder.Services.AddScoped<PositionMails>();
        builder.Services.AddScoped<FollowUpReminders>();
        builder.Services.AddScoped<DeadlineCheck>();
        builder.Services.AddScoped<OverdueDigest>();
        builder.Services.AddScheduledJob(FollowUpJob, new DailySchedule(times.FollowUpsAt), (s, _, ct) => s.GetRequiredService<FollowUpReminders>().RunAsync(ct));
        builder.Services.AddScheduledJob(DeadlineCheckJob, new DailySchedule(times.DeadlineCheckAt), (s, _, ct) => s.GetRequiredService<DeadlineCheck>().RunAsync(ct));
        builder.Services.AddScheduledJob(DigestJob, new DailySchedule(times.DigestAt), (s, _, ct) => s.GetRequiredService<OverdueDigest>().RunAsync(ct));
        return builder;
    }
}
