using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rathaus.Concerns.Categories;

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> category)
    {
        category.HasIndex(c => c.Code).IsUnique();
        category.Property(c => c.Code).HasMaxLength(50);
        category.Property(c => c.Name).HasMaxLength(200);
        category.Property(c => c.Description).HasMaxLength(2000);
        category.HasOne(c => c.Parent).WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ResponsibilityRuleConfiguration : IEntityTypeConfiguration<ResponsibilityRule>
{
    public void Configure(EntityTypeBuilder<ResponsibilityRule> rule)
    {
        rule.Property(r => r.District).HasMaxLength(100);
        rule.HasOne(r => r.Category).WithMany().HasForeignKey(r => r.CategoryId).OnDelete(DeleteBehavior.Restrict);
        rule.HasOne(r => r.OrgUnit).WithMany().HasForeignKey(r => r.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        rule.HasIndex(r => new { r.CategoryId, r.District }).IsUnique();
    }
}
