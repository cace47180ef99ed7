using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rathaus.Data;
using Rathaus.Mail.Inbound;
using Rathaus.Platform.Auth;

namespace Rathaus.Mail.Failures;

/// <summary>
/// For administrators: mails the intake could not take in (given up ones lie in the mailbox's error folder) and the
/// latest mails it took in, with what became of them.
/// </summary>
[Authorize(Roles = StaffRoles.Administrator)]
public sealed class FailuresModel(RathausDb db) : PageModel
{
    public IReadOnlyList<InboundFailure> Failures { get; private set; } = [];
    public IReadOnlyList<InboundMessage> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Failures = await db.InboundFailures.AsNoTracking().OrderByDescending(f => f.LastFailedAt).Take(200).ToListAsync(ct);
        Recent = await db.InboundMessages.AsNoTracking().OrderByDescending(m => m.Id).Take(50).ToListAsync(ct);
    }

    public static string OutcomeName(InboundOutcome outcome) => outcome switch
    {
        InboundOutcome.NewConcern => Texts.Key("Neues Anliegen"),
        InboundOutcome.CitizenMessage => Texts.Key("Nachricht zu einem Anliegen"),
        InboundOutcome.DeliveryReport => Texts.Key("Unzustellbarkeitsbericht"),
        InboundOutcome.Ignored => Texts.Key("Nicht übernommen"),
        InboundOutcome.TooLarge => Texts.Key("Zu groß"),
        _ => outcome.ToString(),
    };
}
