using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Open311.Api;
using Rathaus.Open311.Clients;

namespace Rathaus.Open311;

/// <summary>
/// Open311 GeoReport v2 at /open311/v2/ for apps: services and their questions, reports in and out, the discovery
/// document and the OpenAPI description. No cookies are involved, so the API needs no antiforgery token; GET is public
/// (and open to other origins), POST needs an app's api_key.
/// </summary>
public static class Open311Module
{
    public static WebApplicationBuilder AddOpen311(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<Open311Options>(builder.Configuration.GetSection(Open311Options.Section));
        builder.Services.AddSingleton<ApiKeys>();
        builder.Services.AddScoped<PublicRequests>();
        return builder;
    }

    public static WebApplication MapOpen311(this WebApplication app)
    {
        var open311 = app.MapGroup("/open311").AllowAnonymous().DisableAntiforgery();
        open311.MapGet("/discovery.{format}", ReadEndpoints.DiscoveryAsync).AddEndpointFilter(Public);
        open311.MapGet("/openapi.json", Docs.OpenApi.Serve).AddEndpointFilter(Public);

        var v2 = open311.MapGroup("/v2");
        v2.MapGet("/services.{format}", ReadEndpoints.ServicesAsync).AddEndpointFilter(Public);
        v2.MapGet("/services/{code}.{format}", ReadEndpoints.ServiceDefinitionAsync).AddEndpointFilter(Public);
        v2.MapGet("/tokens/{token}.{format}", ReadEndpoints.TokenAsync).AddEndpointFilter(Public);
        v2.MapGet("/requests.{format}", ReadEndpoints.RequestsAsync).AddEndpointFilter(Public);
        v2.MapGet("/requests/{id}.{format}", ReadEndpoints.RequestAsync).AddEndpointFilter(Public);
        v2.MapGet("/requests/{id}/media/{file:long}", ReadEndpoints.MediaAsync).AddEndpointFilter(Public);
        v2.MapPost("/requests.{format}", SubmitEndpoint.SubmitAsync)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(SubmitEndpoint.UploadLimit))
            .WithFormOptions(multipartBodyLengthLimit: SubmitEndpoint.UploadLimit);
        v2.Map("/{**rest}", (Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t) =>
            Open311Response.Error(Open311Format.Xml, 404, "url", t["Diese Adresse gibt es in der Open311-Schnittstelle nicht."]));
        return app;
    }

    /// <summary>
    /// Public reading: any web page may call it (CORS), and a jurisdiction_id other than ours is a 404, as GeoReport v2
    /// asks ("404 - jurisdiction_id provided was not found").
    /// </summary>
    private static async ValueTask<object?> Public(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers.AccessControlAllowOrigin = "*";
        var format = http.Request.RouteValues.TryGetValue("format", out var f) ? Open311Response.ParseFormat(f as string) : null;
        var t = http.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
        var broken = http.Request.Query.Where(q => q.Value.Any(v => v is not null && Open311Response.HasControlCharacters(v))).Select(q => q.Key)
            .Concat(http.Request.RouteValues.Where(r => r.Value is string v && Open311Response.HasControlCharacters(v)).Select(r => r.Key))
            .ToList();
        if (broken.Count > 0)
        {
            return Open311Response.Errors(format ?? Open311Format.Xml, 400, broken.Select(b => new Open311Error(b, t["Der Text enthält unzulässige Steuerzeichen."])));
        }

        var jurisdiction = http.Request.Query["jurisdiction_id"].ToString();
        var ours = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Open311Options>>().Value.JurisdictionId;
        if (jurisdiction.Length > 0 && jurisdiction != ours)
        {
            return Open311Response.Error(format ?? Open311Format.Xml, 404, "jurisdiction_id", t["Die Zuständigkeit „{0}“ gibt es hier nicht. Diese Schnittstelle bedient {1}.", jurisdiction, ours]);
        }

        return await next(context);
    }
}
