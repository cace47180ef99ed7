using Microsoft.AspNetCore.Http;

namespace Rathaus.Concerns.Track;

/// <summary>
/// Headers for pages whose address is the key (the tracking token is in the URL): no copy in any cache, the address
/// never sent on to another site, and no search engine listing it.
/// </summary>
internal static class PrivateLink
{
    public static void Protect(HttpResponse response)
    {
        var headers = response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex, nofollow";
    }
}
