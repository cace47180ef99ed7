using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rathaus.Concerns.Model;

internal sealed class ConcernConfiguration : IEntityTypeConfiguration<Concern>
{
    public void Configure(EntityTypeBuilder<Concern> concern)
    {
        concern.Property(c => c.ReferenceNumber).HasMaxLength(20);
        concern.HasIndex(c => c.ReferenceNumber).IsUnique();
        concern.HasIndex(c => new { c.Year, c.Sequence }).IsUnique();
        concern.Property(c => c.TrackingTokenHash).HasMaxLength(32);
        concern.HasIndex(c => c.TrackingTokenHash).IsUnique();
        concern.Property(c => c.TrackingTokenProtected).HasMaxLength(1000);
        concern.HasIndex(c => c.IdempotencyKey).IsUnique();
        concern.Property(c => c.Description).HasMaxLength(10_000);
        concern.Property(c => c.LocationText).HasMaxLength(500);
        concern.Property(c => c.District).HasMaxLength(100);
        concern.Property(c => c.ContactName).HasMaxLength(200);
        concern.Property(c => c.ContactEmail).HasMaxLength(254);
        concern.Property(c => c.ContactPhone).HasMaxLength(50);
        concern.Property(c => c.ContactEmailFailure).HasMaxLength(1000);
        concern.Property(c => c.Language).HasMaxLength(5);
        concern.Property(c => c.Version).IsConcurrencyToken();
        concern.HasOne(c => c.Category).WithMany().HasForeignKey(c => c.CategoryId).OnDelete(DeleteBehavior.Restrict);
        concern.HasOne(c => c.OrgUnit).WithMany().HasForeignKey(c => c.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        concern.HasOne(c => c.AssignedPosition).WithMany().HasForeignKey(c => c.AssignedPositionId).OnDelete(DeleteBehavior.Restrict);
        concern.HasOne<Concern>().WithMany().HasForeignKey(c => c.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        concern.HasIndex(c => new { c.OrgUnitId, c.Status });
        concern.HasIndex(c => new { c.AssignedPositionId, c.Status });
        concern.HasIndex(c => c.ReceivedAt);

        // The deadline check's two set-based updates: not yet escalated and past the deadline; due for the next step.
        concern.HasIndex(c => new { c.EscalationLevel, c.DueAt });
        concern.HasIndex(c => new { c.EscalationLevel, c.FirstReplyDueAt });
        concern.HasIndex(c => c.NextEscalationAt);
        concern.HasIndex(c => new { c.EscalatedAt, c.DueAt }); // the rows of one run, oldest deadline first: entries, audit, mails
        concern.HasIndex(c => c.FollowUpOn);
    }
}

internal sealed class ConcernEntryConfiguration : IEntityTypeConfiguration<ConcernEntry>
{
    public void Configure(EntityTypeBuilder<ConcernEntry> entry)
    {
        entry.Property(e => e.Text).HasMaxLength(20_000);
        entry.Property(e => e.SignedByUnit).HasMaxLength(200);
        entry.Property(e => e.SignedByPosition).HasMaxLength(200);
        entry.HasOne(e => e.Concern).WithMany(c => c.Entries).HasForeignKey(e => e.ConcernId).OnDelete(DeleteBehavior.Restrict);
        entry.HasIndex(e => new { e.ConcernId, e.At });
    }
}

internal sealed class ConcernAttachmentConfiguration : IEntityTypeConfiguration<ConcernAttachment>
{
    public void Configure(EntityTypeBuilder<ConcernAttachment> attachment)
    {
        attachment.Property(a => a.FileName).HasMaxLength(255);
        attachment.Property(a => a.ContentType).HasMaxLength(100);
        attachment.Property(a => a.Sha256).HasMaxLength(32);
        attachment.HasOne(a => a.Concern).WithMany(c => c.Attachments).HasForeignKey(a => a.ConcernId).OnDelete(DeleteBehavior.Restrict);
        attachment.HasOne<ConcernEntry>().WithMany().HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReferenceCounterConfiguration : IEntityTypeConfiguration<ReferenceCounter>
{
    public void Configure(EntityTypeBuilder<ReferenceCounter> counter)
    {
        counter.HasKey(c => c.Year);
        counter.Property(c => c.Year).ValueGeneratedNever();
    }
}

internal sealed class ConcernAttributeValueConfiguration : IEntityTypeConfiguration<ConcernAttributeValue>
{
    public void Configure(EntityTypeBuilder<ConcernAttributeValue> value)
    {
        value.Property(v => v.Code).HasMaxLength(50);
        value.Property(v => v.Label).HasMaxLength(500);
        value.Property(v => v.Value).HasMaxLength(4000);
        value.Property(v => v.ValueName).HasMaxLength(500);
        value.HasOne(v => v.Concern).WithMany(c => c.AttributeValues).HasForeignKey(v => v.ConcernId).OnDelete(DeleteBehavior.Restrict);
        value.HasIndex(v => new { v.ConcernId, v.Order });
    }
}
