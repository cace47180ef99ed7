using System.Net;
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
        var lines = english
            ? new[]
            {
                "Thank you for your concern. We have received it and will deal with it as soon as possible.",
                $"Reference number: {concern.ReferenceNumber}",
                "You can follow the progress and add information here (keep this link to yourself):",
                trackingUrl,
            }
            : new[]
            {
                "vielen Dank für Ihr Anliegen. Wir haben es erhalten und bearbeiten es so schnell wie möglich.",
                $"Vorgangsnummer: {concern.ReferenceNumber}",
                "Hier sehen Sie den Stand und können etwas ergänzen (geben Sie den Link nicht weiter):",
                trackingUrl,
            };
        var greeting = english ? "Hello," : "Guten Tag,";
        var closing = english ? "Kind regards\nYour city administration" : "Mit freundlichen Grüßen\nIhre Stadtverwaltung";
        var text = $"{greeting}\n\n{string.Join("\n\n", lines)}\n\n{closing}\n";
        var html = $"<p>{WebUtility.HtmlEncode(greeting)}</p>"
            + string.Concat(lines.Take(3).Select(l => $"<p>{WebUtility.HtmlEncode(l)}</p>"))
            + $"<p><a href=\"{WebUtility.HtmlEncode(trackingUrl)}\">{WebUtility.HtmlEncode(trackingUrl)}</a></p>"
            + $"<p>{WebUtility.HtmlEncode(closing).Replace("\n", "<br>", StringComparison.Ordinal)}</p>";
        return new OutgoingMail("Concern.Acknowledgement", concern.ContactEmail!, subject, text, html)
        {
            ReplyTo = replyTo,
            ConcernId = concern.Id,
        };
    }
}
