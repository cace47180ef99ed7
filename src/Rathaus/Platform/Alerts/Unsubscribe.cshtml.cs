using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Rathaus.Platform.Alerts;

/// <summary>
/// The unsubscribe link of every alert mail. GET shows a button (link scanners must not unsubscribe anybody); POST
/// ends the subscription — also the one-click POST a mail program sends by RFC 8058 (body
/// <c>List-Unsubscribe=One-Click</c>), which carries no cookie and no antiforgery token: the secret in the address is
/// the authorization, so the check is left out here on purpose.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken(Order = 1001)] // after the global AutoValidateAntiforgeryToken (1000), so this one is in effect
public sealed class UnsubscribeModel(AlertSubscriptions subscriptions, IStringLocalizer<SharedResource> t) : PageModel
{
    public AlertLink Link { get; private set; } = new(AlertLinkState.Unknown, null);
    public bool Unsubscribed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        Link = await subscriptions.FindByUnsubscribeAsync(token, t, ct);
        if (Link.State == AlertLinkState.Unknown)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    /// <summary>Idempotent: a second click (or the mail program's retry) answers the same.</summary>
    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        Link = await subscriptions.FindByUnsubscribeAsync(token, t, ct);
        await subscriptions.UnsubscribeAsync(token, ct);
        Unsubscribed = true;
        return Page();
    }
}
