using MimeKit;
using MimeKit.Text;

namespace Rathaus.Mail.Outbox;

/// <summary>Turns an outbox row into the mail that goes over the wire.</summary>
internal static class OutboxMime
{
    public static MimeMessage Build(OutboxMessage message, MailOptions options)
    {
        var from = MailboxAddress.Parse(options.From);
        var mime = new MimeMessage { Subject = message.Subject, MessageId = message.MessageId };
        mime.From.Add(from);
        mime.To.Add(MailboxAddress.Parse(message.To));
        if (message.ReplyTo is { Length: > 0 } replyTo)
        {
            // The functional mailbox of the responsible unit: the citizen's answer reaches the unit, not the robot.
            mime.ReplyTo.Add(MailboxAddress.Parse(replyTo));
        }

        if (message.InReplyTo is { Length: > 0 } inReplyTo)
        {
            mime.InReplyTo = inReplyTo;
            mime.References.Add(inReplyTo);
        }

        if (message.ListUnsubscribe is { Length: > 0 } unsubscribe)
        {
            // RFC 2369 and RFC 8058: mail programs offer "unsubscribe" and may end it with one POST, without a page.
            mime.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        // RFC 3834: vacation responders must not answer, and our own intake recognises its mails coming back.
        mime.Headers.Add("Auto-Submitted", "auto-replied");
        mime.Headers.Add("X-Loop", from.Address);

        var text = Utf8(TextFormat.Plain, message.TextBody);
        mime.Body = message.HtmlBody is { Length: > 0 } html
            ? new MultipartAlternative { text, Utf8(TextFormat.Html, html) } // the last part is the preferred one
            : text;
        return mime;
    }

    private static TextPart Utf8(TextFormat format, string content)
    {
        var part = new TextPart(format);
        part.SetText(System.Text.Encoding.UTF8, content);
        return part;
    }
}
