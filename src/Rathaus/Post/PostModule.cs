using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Rathaus.Post;

/// <summary>Poststelle: the incoming-post book per site, day and transport lists, the units' post trays.</summary>
public static class PostModule
{
    public static WebApplicationBuilder AddPost(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PostBook>();
        return builder;
    }
}
