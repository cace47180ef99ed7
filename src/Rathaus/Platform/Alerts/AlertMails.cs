using Rathaus.Concerns.Mails;
using Rathaus.Mail.Outbox;

namespace Rathaus.Platform.Alerts;

/// <summary>The two mails of an alert, German or English as the subscriber chose; text and HTML.</summary>
internal static class AlertMails
{
    public const string DigestKind = "Alerts.Digest";

    public static OutgoingMail Confirmation(string to, string language, string description, string confirmUrl, int validDays)
    {
        var english = language == "en";
        var subject = english ? "Please confirm your email alert" : "Bitte bestätigen Sie Ihre Benachrichtigung";
        var body = english
            ? new MailBody("en")
                .Paragraph("Hello,")
                .Paragraph($"someone – probably you – asked for email alerts to this address: {description}.")
                .Paragraph("Please confirm with this link. Only then will you receive alerts:")
                .Link("Confirm the alert", confirmUrl)
                .Paragraph($"The link is valid for {validDays} days. If you did not ask for this, ignore this email: without confirmation we delete the address.")
                .Paragraph("This email was sent automatically.")
            : new MailBody("de")
                .Paragraph("Guten Tag,")
                .Paragraph($"jemand – wahrscheinlich Sie – hat für diese E-Mail-Adresse eine Benachrichtigung bestellt: {description}.")
                .Paragraph("Bitte bestätigen Sie das mit diesem Link. Erst dann bekommen Sie Benachrichtigungen:")
                .Link("Benachrichtigung bestätigen", confirmUrl)
                .Paragraph($"Der Link gilt {validDays} Tage. Wenn Sie nichts bestellt haben, beachten Sie diese E-Mail nicht: Ohne Bestätigung löschen wir die Adresse.")
                .Paragraph("Diese E-Mail wurde automatisch verschickt.");
        return new OutgoingMail(AlertSubscriptions.ConfirmationMailKind, to, subject, body.Text(), body.Html(subject));
    }

    /// <param name="more">New items beyond those listed.</param>
    public static OutgoingMail Digest(string to, string language, string description, IReadOnlyList<AlertItem> items, int more, string baseUrl, string listPath, string unsubscribeUrl)
    {
        var english = language == "en";
        var count = items.Count + more;
        var subject = english ? $"{description}: {count} new" : $"{description}: {count} neu";
        var body = new MailBody(english ? "en" : "de")
            .Paragraph(english ? "Hello," : "Guten Tag,")
            .Paragraph(english
                ? $"here is what is new for your email alert „{description}“:"
                : $"das ist neu zu Ihrer Benachrichtigung „{description}“:");
        foreach (var item in items)
        {
            body.Paragraph($"{item.Title}\n{item.Details}");
            if (item.Path is { Length: > 0 } path)
            {
                body.Link(english ? $"Open {item.Title}" : $"{item.Title} öffnen", baseUrl + path);
            }
        }

        if (more > 0)
        {
            body.Paragraph(english ? $"… and {more} more." : $"… und {more} weitere.");
        }

        body.Link(english ? "See all of them" : "Alle ansehen", baseUrl + listPath)
            .Paragraph(english
                ? "You receive this email because you subscribed to this alert and confirmed it. One click ends it:"
                : "Sie bekommen diese E-Mail, weil Sie diese Benachrichtigung bestellt und bestätigt haben. Mit einem Klick bestellen Sie sie ab:")
            .Link(english ? "Unsubscribe from this alert" : "Benachrichtigung abbestellen", unsubscribeUrl)
            .Paragraph(english ? "This email was sent automatically." : "Diese E-Mail wurde automatisch verschickt.");
        return new OutgoingMail(DigestKind, to, subject, body.Text(), body.Html(subject)) { ListUnsubscribe = unsubscribeUrl };
    }
}
