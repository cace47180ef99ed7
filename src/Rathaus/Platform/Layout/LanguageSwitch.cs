using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;

namespace Rathaus.Platform.Layout;

internal static class LanguageSwitch
{
    /// <summary><c>/sprache/en?zurueck=/pfad</c> stores the language in a cookie and returns to the page.</summary>
    public static void MapLanguageSwitch(this WebApplication app) =>
        app.MapGet("/sprache/{language}", (string language, string? zurueck, HttpContext http) =>
        {
            var uiCulture = language == "en" ? PlatformModule.English : PlatformModule.German;
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(PlatformModule.German, uiCulture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });

            // Only local paths: an open redirect would let phishing mails borrow the city's domain.
            var target = zurueck is { Length: > 0 } && zurueck.StartsWith('/') && !zurueck.StartsWith("//", StringComparison.Ordinal) && !zurueck.StartsWith("/\\", StringComparison.Ordinal)
                ? zurueck
                : "/";
            return Results.LocalRedirect(target);
        }).AllowAnonymous();
}
