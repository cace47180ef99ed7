using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Rathaus.Platform.Auth;

internal static class TwoFactorEnrolment
{
    /// <summary>
    /// With <c>Auth:RequireTwoFactor</c>, staff without an authenticator can reach only their account pages
    /// (to enrol) until they have one.
    /// </summary>
    public static void UseTwoFactorEnrolment(this WebApplication app) => app.Use(async (context, next) =>
    {
        var required = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.RequireTwoFactor;
        if (required
            && context.User.Identity?.IsAuthenticated == true
            && !context.User.HasClaim(StaffClaims.TwoFactorEnabled, "true")
            && context.Request.Path.StartsWithSegments("/intern")
            && !context.Request.Path.StartsWithSegments("/intern/konto"))
        {
            context.Response.Redirect("/intern/konto");
            return;
        }

        await next(context);
    });
}
