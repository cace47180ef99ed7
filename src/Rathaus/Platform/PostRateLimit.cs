using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace Rathaus.Platform;

public static class PostRateLimit
{
    /// <summary>
    /// A policy that limits form submissions (POST) per client address in a fixed window. Viewing stays unlimited:
    /// colleagues or households behind one NAT address may all open the same page at once.
    /// </summary>
    public static RateLimiterOptions AddPostLimitPerClient(this RateLimiterOptions options, string policy, int permits, TimeSpan window)
    {
        options.AddPolicy(policy, http => HttpMethods.IsPost(http.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window })
            : RateLimitPartition.GetNoLimiter("view"));
        return options;
    }
}
