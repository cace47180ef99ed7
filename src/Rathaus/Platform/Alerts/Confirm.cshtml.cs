using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Rathaus.Platform.Alerts;

/// <summary>
/// The link from the confirmation mail. Opening it only shows a button: mail scanners that follow every link must
/// not confirm in the citizen's name; the citizen's POST does.
/// </summary>
[AllowAnonymous]
public sealed class ConfirmModel(AlertSubscriptions subscriptions, IStringLocalizer<SharedResource> t) : PageModel
{
    public AlertLink Link { get; private set; } = new(AlertLinkState.Unknown, null);
    public bool JustConfirmed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        Link = await subscriptions.FindByConfirmationAsync(token, t, ct);
        return Answer();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        JustConfirmed = true;
        Link = await subscriptions.ConfirmAsync(token, t, ct);
        return Answer();
    }

    private PageResult Answer()
    {
        if (Link.State == AlertLinkState.Unknown)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
