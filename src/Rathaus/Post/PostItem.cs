using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rathaus.Concerns.Model;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Post;

/// <summary>Art des Poststücks.</summary>
public enum PostKind
{
    CitizenConcern = 0,   // Bürgeranliegen: becomes a concern with channel Letter
    Invoice = 1,          // Rechnung
    OfficialDocument = 2, // Behördenschreiben, Bescheid
    InternalPost = 3,     // Hauspost
    Other = 4,
}

/// <summary>
/// An entry of the Posteingangsbuch: one letter as the mailroom registered it, numbered per site and year
/// (<c>RH-2026-00042</c>). A citizen's concern goes on as a concern; everything else lies in the addressee unit's
/// post tray until the unit confirms receipt.
/// </summary>
public sealed class PostItem
{
    public long Id { get; set; }

    /// <summary>From the registration form: a double submit finds the first entry.</summary>
    public Guid IdempotencyKey { get; set; }

    public int SiteId { get; set; }
    public Site? Site { get; set; }
    public int Year { get; set; }
    public int Sequence { get; set; }
    public required string Number { get; set; }
    public PostKind Kind { get; set; }

    /// <summary>Name and address as on the letter, several lines.</summary>
    public required string Sender { get; set; }

    public DateOnly? LetterDate { get; set; }
    public DateTime ReceivedAt { get; set; }
    public required string Subject { get; set; }
    public int AddresseeUnitId { get; set; }
    public OrgUnit? AddresseeUnit { get; set; }
    public int? AddresseePositionId { get; set; }
    public Position? AddresseePosition { get; set; }
    public int? Pages { get; set; }

    public Guid? RegisteredByStaffId { get; set; }
    public int? RegisteredByPositionId { get; set; }

    /// <summary>The concern the letter became (kind <see cref="PostKind.CitizenConcern"/>).</summary>
    public long? ConcernId { get; set; }

    public Concern? Concern { get; set; }

    public DateTime? ConfirmedAt { get; set; }
    public int? ConfirmedByPositionId { get; set; }

    /// <summary>Wiedervorlage: the day the letter comes back to the top of the unit's post tray.</summary>
    public DateOnly? FollowUpOn { get; set; }

    /// <summary>The follow-up day the unit was last told about by mail, so that each day is mailed once.</summary>
    public DateOnly? FollowUpNotifiedFor { get; set; }

    public string? ScanFileName { get; set; }
    public string? ScanContentType { get; set; }

    /// <summary>SHA-256 of the scan: the same scan registered twice is noticed.</summary>
    public byte[]? ScanSha256 { get; set; }

    public byte[]? ScanContent { get; set; }
}

/// <summary>The last number of the incoming-post book per site and year; drawn in the registration's transaction.</summary>
public sealed class PostBookCounter
{
    public int SiteId { get; set; }
    public int Year { get; set; }
    public int Last { get; set; }
}

internal sealed class PostItemConfiguration : IEntityTypeConfiguration<PostItem>
{
    public void Configure(EntityTypeBuilder<PostItem> item)
    {
        item.Property(p => p.Number).HasMaxLength(20);
        item.HasIndex(p => p.Number).IsUnique();
        item.HasIndex(p => p.IdempotencyKey).IsUnique();
        item.HasIndex(p => new { p.SiteId, p.Year, p.Sequence }).IsUnique();
        item.Property(p => p.Sender).HasMaxLength(1000);
        item.Property(p => p.Subject).HasMaxLength(500);
        item.Property(p => p.ScanFileName).HasMaxLength(255);
        item.Property(p => p.ScanContentType).HasMaxLength(100);
        item.HasIndex(p => p.ScanSha256);
        item.HasIndex(p => new { p.AddresseeUnitId, p.ConfirmedAt });
        item.HasIndex(p => p.ReceivedAt);
        item.HasIndex(p => p.FollowUpOn);
        item.HasOne(p => p.Site).WithMany().HasForeignKey(p => p.SiteId).OnDelete(DeleteBehavior.Restrict);
        item.HasOne(p => p.AddresseeUnit).WithMany().HasForeignKey(p => p.AddresseeUnitId).OnDelete(DeleteBehavior.Restrict);
        item.HasOne(p => p.AddresseePosition).WithMany().HasForeignKey(p => p.AddresseePositionId).OnDelete(DeleteBehavior.Restrict);
        item.HasOne(p => p.Concern).WithMany().HasForeignKey(p => p.ConcernId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PostBookCounterConfiguration : IEntityTypeConfiguration<PostBookCounter>
{
    public void Configure(EntityTypeBuilder<PostBookCounter> counter)
    {
        counter.HasKey(c => new { c.SiteId, c.Year });
    }
}
