using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rathaus.Mail.Inbound;

/// <summary>What became of an incoming mail.</summary>
public enum InboundOutcome
{
    NewConcern = 0,
    CitizenMessage = 1,

    /// <summary>A delivery status notification about one of our mails, noted on its concern.</summary>
    DeliveryReport = 2,

    /// <summary>Our own mail coming back, or a report about a mail we do not know: recorded, nothing else.</summary>
    Ignored = 3,

    /// <summary>Larger than Mail:Intake:MaxMessageBytes: kept in the error folder, the sender was told.</summary>
    TooLarge = 4,
}

/// <summary>
/// One mail the intake has taken in, keyed by its Message-ID (or a hash of its content when it has none). Written in
/// the same transaction as the concern or case message it produced: a mail whose key is here is done, whatever
/// happened afterwards (a crash before it was moved on the server, an import run twice).
/// </summary>
public sealed class InboundMessage
{
    public long Id { get; set; }

    /// <summary>Mail:Inboxes name the mail came from, or "import".</summary>
    public required string Mailbox { get; set; }

    /// <summary><c>mid:</c> + Message-ID, or <c>sha256:</c> + hash of the content; unique.</summary>
    public required string MessageKey { get; set; }

    public string? MessageId { get; set; }
    public string? From { get; set; }
    public string? Subject { get; set; }
    public DateTime ProcessedAt { get; set; }
    public InboundOutcome Outcome { get; set; }
    public long? ConcernId { get; set; }

    /// <summary>Why no automatic mail went out (auto-reply, list, rate limit …), or what was ignored.</summary>
    public string? Note { get; set; }
}

/// <summary>
/// A mail that could not be processed: counted per attempt; after Mail:Intake:MaxAttempts it is moved to the error
/// folder and stays listed for administrators.
/// </summary>
public sealed class InboundFailure
{
    public long Id { get; set; }
    public required string Mailbox { get; set; }
    public required string MessageKey { get; set; }
    public string? From { get; set; }
    public string? Subject { get; set; }
    public int Attempts { get; set; }
    public required string LastError { get; set; }
    public DateTime FirstFailedAt { get; set; }
    public DateTime LastFailedAt { get; set; }

    /// <summary>Given up: the mail lies in the error folder of its mailbox.</summary>
    public bool GaveUp { get; set; }
}

/// <summary>Which node reads a mailbox; a holder that stops renewing loses it when <see cref="HeldUntil"/> has passed.</summary>
public sealed class MailboxLease
{
    public required string Mailbox { get; set; }
    public string? HeldBy { get; set; }
    public DateTime? HeldUntil { get; set; }
}

internal sealed class InboundMessageConfiguration : IEntityTypeConfiguration<InboundMessage>
{
    public void Configure(EntityTypeBuilder<InboundMessage> message)
    {
        message.ToTable("InboundMessages");
        message.Property(m => m.Mailbox).HasMaxLength(100);
        message.Property(m => m.MessageKey).HasMaxLength(300);
        message.HasIndex(m => m.MessageKey).IsUnique();
        message.Property(m => m.MessageId).HasMaxLength(1000);
        message.Property(m => m.From).HasMaxLength(320);
        message.Property(m => m.Subject).HasMaxLength(500);
        message.Property(m => m.Note).HasMaxLength(500);
        message.HasIndex(m => m.ConcernId);
    }
}

internal sealed class InboundFailureConfiguration : IEntityTypeConfiguration<InboundFailure>
{
    public void Configure(EntityTypeBuilder<InboundFailure> failure)
    {
        failure.ToTable("InboundFailures");
        failure.Property(f => f.Mailbox).HasMaxLength(100);
        failure.Property(f => f.MessageKey).HasMaxLength(300);
        failure.HasIndex(f => f.MessageKey).IsUnique();
        failure.Property(f => f.From).HasMaxLength(320);
        failure.Property(f => f.Subject).HasMaxLength(500);
        failure.Property(f => f.LastError).HasMaxLength(2000);
        failure.HasIndex(f => f.LastFailedAt);
    }
}

internal sealed class MailboxLeaseConfiguration : IEntityTypeConfiguration<MailboxLease>
{
    public void Configure(EntityTypeBuilder<MailboxLease> lease)
    {
        lease.ToTable("MailboxLeases");
        lease.HasKey(l => l.Mailbox);
        lease.Property(l => l.Mailbox).HasMaxLength(100);
        lease.Property(l => l.HeldBy).HasMaxLength(200);
    }
}
