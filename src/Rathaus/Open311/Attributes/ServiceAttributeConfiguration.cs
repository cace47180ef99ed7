using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rathaus.Open311.Attributes;

internal sealed class ServiceAttributeConfiguration : IEntityTypeConfiguration<ServiceAttribute>
{
    public void Configure(EntityTypeBuilder<ServiceAttribute> attribute)
    {
        attribute.Property(a => a.Code).HasMaxLength(50);
        attribute.Property(a => a.DatatypeDescription).HasMaxLength(500);
        attribute.Property(a => a.Description).HasMaxLength(500);
        attribute.HasIndex(a => new { a.CategoryId, a.Code }).IsUnique();
        attribute.HasOne(a => a.Category).WithMany().HasForeignKey(a => a.CategoryId).OnDelete(DeleteBehavior.Restrict);
        attribute.HasMany(a => a.Values).WithOne().HasForeignKey(v => v.ServiceAttributeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ServiceAttributeValueConfiguration : IEntityTypeConfiguration<ServiceAttributeValue>
{
    public void Configure(EntityTypeBuilder<ServiceAttributeValue> value)
    {
        value.Property(v => v.Key).HasMaxLength(100);
        value.Property(v => v.Name).HasMaxLength(200);
        value.HasIndex(v => new { v.ServiceAttributeId, v.Key }).IsUnique();
    }
}
