using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rathaus.Mail.Outbox;

/// <summary>
/// A mail waiting to be sent. Written in the same transaction as the change it reports, so a saved reply always
/// has its mail; the dispatcher claims, sends and marks it, retrying with backoff while the mail server is away.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>What the mail is, e.g. <c>Concern.Acknowledgement</c>; for rate limits and statistics.</summary>
    public required string Kind { get; set; }

    public required string To { get; set; }
    public string? ReplyTo { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public string? HtmlBody { get; set; }

    /// <summary>Our Message-ID (without angle brackets); fixed before the first attempt, so a retry is the same mail.</summary>
    public required string MessageId { get; set; }

    public string? InReplyTo { get; set; }
    public long? ConcernId { get; set; }

    /// <summary>For mails of a subscription (alerts): where one click ends it; sent as List-Unsubscribe.</summary>
    public string? ListUnsubscribe { get; set; }

    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>A dispatcher that claimed the mail; a claim that outlives this instant is void (the node died).</summary>
    public DateTime? ClaimedUntil { get; set; }

    public string? ClaimedBy { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("OutboxMessages");
        message.Property(m => m.Kind).HasMaxLength(100);
        message.Property(m => m.To).HasMaxLength(254);
        message.Property(m => m.ReplyTo).HasMaxLength(254);
        message.Property(m => m.Subject).HasMaxLength(500);
        message.Property(m => m.MessageId).HasMaxLength(250);
        message.HasIndex(m => m.MessageId).IsUnique();
        message.Property(m => m.InReplyTo).HasMaxLength(250);
        message.Property(m => m.ListUnsubscribe).HasMaxLength(500);
        message.Property(m => m.LastError).HasMaxLength(2000);
        message.Property(m => m.ClaimedBy).HasMaxLength(200);
        message.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        message.HasIndex(m => m.ConcernId);
        message.HasIndex(m => new { m.To, m.CreatedAt }); // rate limit of automatic mails per recipient
    }
}
