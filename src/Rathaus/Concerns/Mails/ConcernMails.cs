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

    /// <summary>The administration's answer, signed by unit and position ("Im Auftrag"), never by the person.</summary>
    public static OutgoingMail Reply(Concern concern, string text, Signature signature, string trackingUrl, string replyTo)
    {
        var english = concern.Language == "en";
        var subject = english
            ? $"Answer to your concern [Vorgang {concern.ReferenceNumber}]"
            : $"Antwort zu Ihrem Anliegen [Vorgang {concern.ReferenceNumber}]";
        var body = Letter(concern, english, text, signature, trackingUrl);
        return Mail("Concern.Reply", concern, subject, body, replyTo);
    }

    /// <summary>A question to the citizen; the answer goes back through the tracking page or by replying.</summary>
    public static OutgoingMail Question(Concern concern, string text, Signature signature, string trackingUrl, string replyTo)
    {
        var english = concern.Language == "en";
        var subject = english
            ? $"A question about your concern [Vorgang {concern.ReferenceNumber}]"
            : $"Rückfrage zu Ihrem Anliegen [Vorgang {concern.ReferenceNumber}]";
        var intro = english ? "We have a question about your concern:" : "wir haben eine Frage zu Ihrem Anliegen:";
        var body = Letter(concern, english, intro + "\n\n" + text, signature, trackingUrl);
        return Mail("Concern.Question", concern, subject, body, replyTo);
    }

    public static OutgoingMail StatusChanged(Concern concern, string? comment, Signature signature, string trackingUrl, string replyTo)
    {
        var english = concern.Language == "en";
        var subject = english
            ? $"The status of your concern has changed [Vorgang {concern.ReferenceNumber}]"
            : $"Neuer Stand zu Ihrem Anliegen [Vorgang {concern.ReferenceNumber}]";
        var status = english ? $"The new status is: {EnglishStatus(concern.Status)}" : $"Der neue Stand ist: {ConcernTexts.StatusName(concern.Status)}";
        var text = string.IsNullOrWhiteSpace(comment) ? status : status + "\n\n" + comment.Trim();
        return Mail("Concern.StatusChanged", concern, subject, Letter(concern, english, text, signature, trackingUrl), replyTo);
    }

    /// <summary>
    /// Tells a citizen that two concerns about the same thing are now handled as one: <paramref name="duplicate"/> says
    /// whether their concern is the one that was merged into <paramref name="otherReference"/>.
    /// </summary>
    public static OutgoingMail Merged(Concern concern, string otherReference, bool duplicate, Signature signature, string trackingUrl, string replyTo)
    {
        var english = concern.Language == "en";
        var subject = english
            ? $"Your concern is handled together with another one [Vorgang {concern.ReferenceNumber}]"
            : $"Ihr Anliegen wird gemeinsam mit einem anderen bearbeitet [Vorgang {concern.ReferenceNumber}]";
        var text = (english, duplicate) switch
        {
            (true, true) => $"Someone has told us about the same thing. We handle your concern together with concern {otherReference}. Your concern is therefore closed here. We will still take care of the matter.",
            (true, false) => $"Someone has told us about the same thing (concern {otherReference}). We handle both together under your reference number.",
            (false, true) => $"Jemand hat uns das Gleiche gemeldet. Wir bearbeiten Ihr Anliegen zusammen mit dem Vorgang {otherReference}. Ihr Anliegen ist deshalb hier abgeschlossen. Um die Sache kümmern wir uns trotzdem.",
            (false, false) => $"Jemand hat uns das Gleiche gemeldet (Vorgang {otherReference}). Wir bearbeiten beides zusammen unter Ihrer Vorgangsnummer.",
        };
        return Mail("Concern.Merged", concern, subject, Letter(concern, english, text, signature, trackingUrl), replyTo);
    }

    private static MailBody Letter(Concern concern, bool english, string text, Signature signature, string trackingUrl)
    {
        var name = concern.ContactName?.Trim();
        return english
            ? new MailBody("en")
                .Paragraph(string.IsNullOrEmpty(name) ? "Hello," : $"Dear {name},")
                .Paragraph(text)
                .Paragraph($"Kind regards\nOn behalf of\n{signature.Position}\n{signature.Unit}")
                .Paragraph($"Your reference number is: {concern.ReferenceNumber}")
                .Link("See the status of your concern", trackingUrl)
                .Paragraph("You can reply to this email. Please keep the reference number in the subject.")
            : new MailBody("de")
                .Paragraph(string.IsNullOrEmpty(name) ? "Guten Tag," : $"Guten Tag {name},")
                .Paragraph(text)
                .Paragraph($"Mit freundlichen Grüßen\nIm Auftrag\n{signature.Position}\n{signature.Unit}")
                .Paragraph($"Ihre Vorgangsnummer ist: {concern.ReferenceNumber}")
                .Link("Stand Ihres Anliegens ansehen", trackingUrl)
                .Paragraph("Sie können auf diese E-Mail antworten. Bitte lassen Sie die Vorgangsnummer im Betreff stehen.");
    }

    private static OutgoingMail Mail(string kind, Concern concern, string subject, MailBody body, string replyTo) =>
        new(kind, concern.ContactEmail!, subject, body.Text(), body.Html(subject)) { ReplyTo = replyTo, ConcernId = concern.Id };

    private static string EnglishStatus(ConcernStatus status) => status switch
    {
        ConcernStatus.Received => "received",
        ConcernStatus.InProgress => "in progress",
        ConcernStatus.WaitingForCitizen => "waiting for your answer",
        ConcernStatus.Resolved => "done",
        ConcernStatus.Rejected => "rejected",
        ConcernStatus.Withdrawn => "withdrawn",
        _ => status.ToString(),
    };
}

/// <summary>How a citizen-facing text is signed: the unit and the position, never the person (Trennung von Amt und Person).</summary>
public sealed record Signature(string Unit, string Position);
