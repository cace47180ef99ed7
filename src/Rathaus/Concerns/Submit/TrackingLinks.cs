using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Rathaus.Concerns.Submit;

/// <summary>
/// The citizen's tracking link as an absolute address, for the confirmation page and the mails. <c>Site:PublicBaseUrl</c>
/// wins when set (behind a proxy that rewrites the host, or for mails written by background work); otherwise the
/// address the citizen used.
/// </summary>
public static class TrackingLinks
{
    public static string Url(HttpRequest request, IConfiguration configuration, string token) =>
        $"{BaseUrl(request, configuration)}/anliegen/{token}";

    public static string BaseUrl(HttpRequest request, IConfiguration configuration) =>
        configuration["Site:PublicBaseUrl"] is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";
}
