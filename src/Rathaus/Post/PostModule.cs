using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Platform.Scheduling;

namespace Rathaus.Post;

/// <summary>Poststelle: the incoming-post book per site, day and transport lists, the units' post trays.</summary>
public static class PostModule
{
    public static WebApplicationBuilder AddPost(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PostBook>();
        builder.Services.AddScoped<PostFollowUps>();
        var at = builder.Configuration.GetValue("Deadlines:FollowUpsAt", new TimeOnly(6, 30));
        builder.Services.AddScheduledJob(PostFollowUps.Job, new DailySchedule(at), (s, _, ct) => s.GetRequiredService<PostFollowUps>().RunAsync(ct));
        return builder;
    }
}
