using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rathaus.Platform.Alerts;

/// <summary>What a subscription is about; each kind has one <see cref="IAlertSource"/>.</summary>
public enum AlertKind
{
    MapReports = 0,    // neue Meldungen auf der Karte
    CouncilPapers = 1, // neue Vorlagen im Rat
}

/// <summary>
/// A citizen's email alert (Benachrichtigung): an address, a kind and the kind's filter. Double opt-in: it sends
/// nothing before the link in the confirmation mail was used, and an unconfirmed one is deleted after a week.
/// Privacy: the address is the only personal datum; no name, no IP address. Unsubscribing deletes the row.
/// Both tokens are 256 random bits; the database keeps their SHA-256 (and the unsubscribe token encrypted, because
/// every digest carries it), so a leaked table alone confirms or ends nothing.
/// </summary>
public sealed class AlertSubscription
{
    public long Id { get; set; }

    /// <summary>Trimmed and in lower case, so the same address subscribes once per filter.</summary>
    public required string Email { get; set; }

    public AlertKind Kind { get; set; }

    /// <summary>The kind's filter as canonical JSON (one spelling per filter: it is part of the unique key).</summary>
    public required string Filter { get; set; }

    /// <summary>Language of the mails: "de" or "en", as the page was shown when subscribing.</summary>
    public string Language { get; set; } = "de";

    public required byte[] ConfirmationTokenHash { get; set; }
    public required byte[] UnsubscribeTokenHash { get; set; }
    public required string UnsubscribeTokenProtected { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the last confirmation mail was written; its link is valid for <see cref="AlertOptions.ConfirmWithinDays"/>.</summary>
    public DateTime ConfirmationSentAt { get; set; }

    public DateTime? ConfirmedAt { get; set; }

    /// <summary>
    /// The source's newest item when the subscription was confirmed: only items after it are new for this subscriber,
    /// whatever their own dates say (a report captured later may carry an earlier receipt time).
    /// </summary>
    public long StartAfterItemId { get; set; }

    public List<AlertDelivery> Deliveries { get; set; } = [];
}

/// <summary>
/// One item reported to one subscription, written in the same transaction as the digest mail in the outbox: what is
/// here has gone (or will, with the outbox's retries), what is not will be in the next digest. Its unique key keeps
/// an item from being sent twice even if two nodes ever ran the digest at once.
/// </summary>
public sealed class AlertDelivery
{
    public long Id { get; set; }
    public long SubscriptionId { get; set; }
    public AlertSubscription? Subscription { get; set; }
    public long ItemId { get; set; }
    public DateTime SentAt { get; set; }
}

internal sealed class AlertSubscriptionConfiguration : IEntityTypeConfiguration<AlertSubscription>
{
    public void Configure(EntityTypeBuilder<AlertSubscription> subscription)
    {
        subscription.Property(s => s.Email).HasMaxLength(254);
        subscription.Property(s => s.Filter).HasMaxLength(1000);
        subscription.Property(s => s.Language).HasMaxLength(5);
        subscription.Property(s => s.UnsubscribeTokenProtected).HasMaxLength(1000);
        subscription.HasIndex(s => new { s.Email, s.Kind, s.Filter }).IsUnique();
        subscription.HasIndex(s => s.ConfirmationTokenHash).IsUnique();
        subscription.HasIndex(s => s.UnsubscribeTokenHash).IsUnique();
        subscription.HasIndex(s => new { s.ConfirmedAt, s.ConfirmationSentAt });
        subscription.HasMany(s => s.Deliveries).WithOne(d => d.Subscription).HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AlertDeliveryConfiguration : IEntityTypeConfiguration<AlertDelivery>
{
    public void Configure(EntityTypeBuilder<AlertDelivery> delivery)
    {
        delivery.HasIndex(d => new { d.SubscriptionId, d.ItemId }).IsUnique();
        delivery.HasIndex(d => d.SentAt);
    }
}
