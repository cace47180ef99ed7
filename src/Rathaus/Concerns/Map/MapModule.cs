using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rathaus.Concerns.Places;
using Rathaus.Data;
using Rathaus.Platform.Operations;

namespace Rathaus.Concerns.Map;

/// <summary>Map reports: /melden, the public map /karte with its feeds, the gazetteer and the city's areas.</summary>
public static class MapModule
{
    public static WebApplicationBuilder AddMap(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<MapOptions>(builder.Configuration.GetSection(MapOptions.Section));
        builder.Services.AddOptions<ContentSecurityOptions>().Configure<IOptions<MapOptions>>((csp, map) =>
        {
            if (map.Value.TileOrigin is { } origin)
            {
                csp.ImageSources.Add(origin);
            }
        });
        builder.Services.AddSingleton<CityAreas>();

        // The boundary and districts in force for this request (Open311 and /melden check pins against it).
        builder.Services.AddScoped<CityArea>(sp => sp.GetRequiredService<CityAreas>().Current(sp.GetRequiredService<RathausDb>()));
        builder.Services.AddScoped<Gazetteer>();
        builder.Services.AddScoped<MapReports>();
        builder.Services.AddScoped<AddressImport>();
        builder.Services.AddScoped<AreaImport>();
        return builder;
    }

    public static WebApplication MapMap(this WebApplication app)
    {
        var feeds = app.MapGroup("/karte").AllowAnonymous();
        feeds.MapGet("/feed.rss", Feeds.RssAsync);
        feeds.MapGet("/feed.atom", Feeds.AtomAsync);
        return app;
    }
}
