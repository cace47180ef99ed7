using Rathaus.Concerns.Model;
using Rathaus.Mail.Outbox;

namespace Rathaus.Concerns.Mails;

/// <summary>The mails a citizen gets about a concern: German, or English when they wrote in English; text and HTML.</summary>
public static class ConcernMails
{
    public static OutgoingMail Acknowledgement(Concern concern, string trackingUrl, string replyTo)
    {
        var english = concern.Language == "en";
        var subject = english
            ? $"Your concern has been received [Vorgang {concern.ReferenceNumber}]"
            : $"Ihr Anliegen ist eingegangen [Vorgang {concern.ReferenceNumber}]";
        var name = concern.ContactName?.Trim();
        var body = english
            ? new MailBody("en")
                .Paragraph(string.IsNullOrEmpty(name) ? "Hello," : $"Dear {name},")
                .Paragraph("Thank you for your concern. We have received it.")
                .Paragraph($"Your reference number is: {concern.ReferenceNumber}")
                .Paragraph("Here you can see how far we are. You can also add information there:")
                .Link("See the status of your concern", trackingUrl)
                .Paragraph("Please do not pass the link on. Anyone with the link can see your concern.")
                .Paragraph("You can reply to this email. Please keep the reference number in the subject.")
                .Paragraph("Kind regards\nYour city administration")
                .Paragraph("This email was sent automatically.")
            : new MailBody("de")
                .Paragraph(string.IsNullOrEmpty(name) ? "Guten Tag," : $"Guten Tag {name},")
                .Paragraph("vielen Dank für Ihr Anliegen. Wir haben es erhalten.")
                .Paragraph($"Ihre Vorgangsnummer ist: {concern.ReferenceNumber}")
                .Paragraph("Hier sehen Sie, wie weit wir sind. Dort können Sie auch etwas ergänzen:")
                .Link("Stand Ihres Anliegens ansehen", trackingUrl)
                .Paragraph("Bitte geben Sie den Link nicht weiter. Mit dem Link kann man Ihr Anliegen sehen.")
                .Paragraph("Sie können auf diese E-Mail antworten. Bitte lassen Sie die Vorgangsnummer im Betreff stehen.")
                .Paragraph("Mit freundlichen Grüßen\nIhre Stadtverwaltung")
                .Paragraph("Diese E-Mail wurde automatisch verschickt.");
        return new OutgoingMail("Concern.Acknowledgement", concern.ContactEmail!, subject, body.Text(), body.Html(subject))
        {
            ReplyTo = replyTo,
            ConcernId = concern.Id,
        };
    }
}
