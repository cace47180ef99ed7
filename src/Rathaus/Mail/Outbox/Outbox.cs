using Microsoft.Extensions.Options;
using Rathaus.Data;

namespace Rathaus.Mail.Outbox;

/// <summary>A mail to send, as the modules describe it.</summary>
public sealed record OutgoingMail(string Kind, string To, string Subject, string TextBody, string? HtmlBody = null)
{
    public string? ReplyTo { get; init; }
    public string? InReplyTo { get; init; }
    public long? ConcernId { get; init; }

    /// <summary>An https address that ends the subscription this mail belongs to (RFC 8058 one-click unsubscribe).</summary>
    public string? ListUnsubscribe { get; init; }
}

/// <summary>
/// Adds mails to the outbox in the caller's unit of work: they are stored with the change they report, or not at all.
/// The dispatcher sends them later.
/// </summary>
public sealed class Outbox(RathausDb db, TimeProvider clock, IOptions<MailOptions> options)
{
    public OutboxMessage Enqueue(OutgoingMail mail)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            CreatedAt = now,
            NextAttemptAt = now,
            Kind = mail.Kind,
            To = mail.To,
            ReplyTo = mail.ReplyTo,
            Subject = mail.Subject,
            TextBody = mail.TextBody,
            HtmlBody = mail.HtmlBody,
            InReplyTo = mail.InReplyTo,
            ConcernId = mail.ConcernId,
            ListUnsubscribe = mail.ListUnsubscribe,
            MessageId = $"{Guid.NewGuid():N}@{MessageIdDomain(options.Value)}",
        };
        db.OutboxMessages.Add(message);
        return message;
    }

    internal static string MessageIdDomain(MailOptions options)
    {
        if (options.MessageIdDomain is { Length: > 0 } domain)
        {
            return domain;
        }

        var from = options.From;
        var at = from.LastIndexOf('@');
        return at < 0 ? "rathaus.invalid" : from[(at + 1)..].TrimEnd('>', ' ');
    }
}
