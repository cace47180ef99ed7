using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rathaus.Platform.OrgChart;

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> site)
    {
        site.HasIndex(s => s.Code).IsUnique();
        site.Property(s => s.Code).HasMaxLength(20);
        site.Property(s => s.Name).HasMaxLength(200);
        site.Property(s => s.Street).HasMaxLength(200);
        site.Property(s => s.PostalCode).HasMaxLength(10);
        site.Property(s => s.City).HasMaxLength(100);
        site.Property(s => s.OpeningHours).HasMaxLength(1000);
    }
}

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> unit)
    {
        unit.HasIndex(u => u.Code).IsUnique();
        unit.Property(u => u.Code).HasMaxLength(20);
        unit.Property(u => u.Name).HasMaxLength(200);
        unit.HasOne(u => u.Parent).WithMany(u => u.Children).HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        unit.HasOne(u => u.Site).WithMany().HasForeignKey(u => u.SiteId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PositionConfiguration : IEntityTypeConfiguration<Position>
{
    public void Configure(EntityTypeBuilder<Position> position)
    {
        position.Property(p => p.Title).HasMaxLength(200);
        position.Property(p => p.Mailbox).HasMaxLength(254);
        position.HasIndex(p => p.Mailbox).IsUnique();
        position.HasOne(p => p.OrgUnit).WithMany(u => u.Positions).HasForeignKey(p => p.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        position.HasMany(p => p.Holders).WithMany(s => s.Positions).UsingEntity("PositionHolders");
    }
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> staff)
    {
        staff.ToTable("StaffMembers");
        staff.Property(s => s.DisplayName).HasMaxLength(200);
    }
}

internal sealed class SubstitutionConfiguration : IEntityTypeConfiguration<Substitution>
{
    public void Configure(EntityTypeBuilder<Substitution> substitution)
    {
        substitution.Property(s => s.Reason).HasMaxLength(500);
        substitution.HasOne(s => s.Position).WithMany().HasForeignKey(s => s.PositionId).OnDelete(DeleteBehavior.Restrict);
        substitution.HasOne(s => s.SubstitutePosition).WithMany().HasForeignKey(s => s.SubstitutePositionId).OnDelete(DeleteBehavior.Restrict);
        substitution.HasIndex(s => new { s.PositionId, s.From });
    }
}
