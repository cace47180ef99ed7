using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Model;
using Rathaus.Data;
using Rathaus.Mail.Outbox;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Concerns.Mails;

/// <summary>Mails inside the administration about a concern: to functional mailboxes, never to a person's address.</summary>
public sealed class StaffNotices(RathausDb db, OrgChartService orgChart, Outbox outbox)
{
    /// <summary>The mailbox responsible for a concern: its assigned position's, else its unit's (lead first).</summary>
    public async Task<string?> MailboxAsync(Concern concern, CancellationToken ct)
    {
        var assigned = concern.AssignedPositionId is int id
            ? await db.Positions.Where(p => p.Id == id && p.IsActive).Select(p => p.Mailbox).SingleOrDefaultAsync(ct)
            : null;
        return assigned ?? await orgChart.UnitMailboxAsync(concern.OrgUnitId, ct);
    }

    /// <summary>
    /// Tells the responsible mailbox that the citizen added something or withdrew the concern. German only and
    /// without the citizen's text or contact data: the details are behind the login.
    /// </summary>
    public async Task CitizenActedAsync(Concern concern, bool withdrawn, string staffUrl, CancellationToken ct)
    {
        if (await MailboxAsync(concern, ct) is not { } mailbox)
        {
            return;
        }

        var subject = withdrawn
            ? $"Anliegen zurückgezogen [Vorgang {concern.ReferenceNumber}]"
            : $"Neue Nachricht der Bürgerin oder des Bürgers [Vorgang {concern.ReferenceNumber}]";
        var body = new MailBody("de")
            .Paragraph("Guten Tag,")
            .Paragraph(withdrawn
                ? $"die Bürgerin oder der Bürger hat das Anliegen {concern.ReferenceNumber} zurückgezogen."
                : $"die Bürgerin oder der Bürger hat zum Anliegen {concern.ReferenceNumber} etwas ergänzt oder eine Rückfrage beantwortet.")
            .Link("Anliegen in Rathaus öffnen", staffUrl)
            .Paragraph("Diese E-Mail wurde automatisch verschickt.");
        outbox.Enqueue(new OutgoingMail(withdrawn ? "Concern.WithdrawnNotice" : "Concern.CitizenMessageNotice", mailbox, subject, body.Text(), body.Html(subject))
        {
            ConcernId = concern.Id,
        });
    }
}
