using Rathaus.Concerns.Mails;
using Rathaus.Mail.Outbox;
using Rathaus.Platform;
using Rathaus.Platform.Calendar;

namespace Rathaus.Concerns.Deadlines;

/// <summary>One concern as a line of an internal mail.</summary>
public sealed record ConcernLine(string ReferenceNumber, string UnitCode, DateTime? DueAt);

/// <summary>
/// Internal mails to the functional mailboxes of positions (follow-ups, escalations, digests). Staff work in German,
/// so these are not translated; they name concerns by reference and link into the staff area, never the citizen's data.
/// </summary>
public static class StaffMails
{
    /// <summary>At most this many concerns are listed by name in one mail; the rest are counted.</summary>
    public const int ListedAtMost = 50;

    public static OutgoingMail FollowUps(string to, string positionTitle, IReadOnlyList<ConcernLine> concerns, string? baseUrl, bool asSubstitute)
    {
        var subject = concerns.Count == 1
            ? $"Wiedervorlage heute: Vorgang {concerns[0].ReferenceNumber}"
            : $"Wiedervorlage heute: {concerns.Count} Anliegen";
        var intro = asSubstitute
            ? $"für die Stelle „{positionTitle}“, die Sie zurzeit vertreten, sind heute diese Anliegen zur Wiedervorlage fällig. Sie stehen oben im Posteingang:"
            : $"für die Stelle „{positionTitle}“ sind heute diese Anliegen zur Wiedervorlage fällig. Sie stehen oben im Posteingang:";
        return Mail("Concern.FollowUp", to, subject, intro, concerns, baseUrl);
    }

    public static OutgoingMail Escalated(string to, string positionTitle, int total, IReadOnlyList<ConcernLine> oldest, string? baseUrl, bool asSubstitute)
    {
        var subject = total == 1
            ? $"Frist überschritten: Vorgang {oldest[0].ReferenceNumber}"
            : $"Frist überschritten: {total} Anliegen";
        var intro = (asSubstitute ? $"Sie vertreten zurzeit die Stelle „{positionTitle}“. " : "")
            + $"Bei diesen Anliegen ist die Frist abgelaufen. Sie werden der Stelle „{positionTitle}“ auf dem Dienstweg gemeldet:";
        return Mail("Concern.Escalated", to, subject, intro, oldest, baseUrl, total);
    }

    public static OutgoingMail Digest(string to, string positionTitle, int total, IReadOnlyList<ConcernLine> oldest, string? baseUrl, bool asSubstitute)
    {
        var subject = $"Überfällige Anliegen in Ihrem Bereich: {total}";
        var intro = (asSubstitute ? $"Sie vertreten zurzeit die Stelle „{positionTitle}“. " : "")
            + $"Im Bereich der Stelle „{positionTitle}“ sind {total} Anliegen überfällig. Die ältesten Fristen zuerst:";
        return Mail("Concern.OverdueDigest", to, subject, intro, oldest, baseUrl, total);
    }

    private static OutgoingMail Mail(string kind, string to, string subject, string intro, IReadOnlyList<ConcernLine> concerns, string? baseUrl, int? total = null)
    {
        var body = new MailBody("de").Paragraph("Guten Tag,").Paragraph(intro);
        foreach (var concern in concerns.Take(ListedAtMost))
        {
            var line = $"Vorgang {concern.ReferenceNumber} ({concern.UnitCode})" + (concern.DueAt is DateTime due ? $", Frist {Day(due)}" : "");
            body = baseUrl is null ? body.Paragraph(line) : body.Link(line, $"{baseUrl}/intern/anliegen/{concern.ReferenceNumber}");
        }

        var more = (total ?? concerns.Count) - Math.Min(concerns.Count, ListedAtMost);
        if (more > 0)
        {
            body = body.Paragraph($"… und {more} weitere.");
        }

        body = body.Paragraph("Diese E-Mail wurde automatisch verschickt.");
        return new OutgoingMail(kind, to, subject, body.Text(), body.Html(subject));
    }

    private static string Day(DateTime utc) => WorkingDays.LastDay(utc).ToString("dd.MM.yyyy", PlatformModule.German);
}
