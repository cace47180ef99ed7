using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rathaus.Council.Model;

/// <summary>Wahlperiode.</summary>
public sealed class LegislativeTerm : CouncilObject
{
    public int BodyId { get; set; }
    public Body? Body { get; set; }
    public required string Name { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }

    public bool Contains(DateOnly day) => day >= StartDate && day <= EndDate;
}

internal sealed class LegislativeTermConfiguration : IEntityTypeConfiguration<LegislativeTerm>
{
    public void Configure(EntityTypeBuilder<LegislativeTerm> term)
    {
        term.HasExternalId();
        term.ToTable("CouncilLegislativeTerms");
        term.Property(t => t.Name).HasMaxLength(100);
        term.HasOne(t => t.Body).WithMany().HasForeignKey(t => t.BodyId).OnDelete(DeleteBehavior.Restrict);
        term.HasIndex(t => t.Modified);
    }
}
