using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rathaus.Council.Model;

/// <summary>Die Körperschaft: the city whose council this is (there is one).</summary>
public sealed class Body : CouncilObject
{
    public required string Name { get; set; }
    public string? ShortName { get; set; }
    public string? Website { get; set; }

    /// <summary>Amtlicher Gemeindeschlüssel (8 digits).</summary>
    public string? Ags { get; set; }

    /// <summary>Regionalschlüssel (12 digits).</summary>
    public string? Rgs { get; set; }

    public string? ContactEmail { get; set; }
    public string? ContactName { get; set; }
    public string? Classification { get; set; }
    public int? LocationId { get; set; }
    public Location? Location { get; set; }
}

internal sealed class BodyConfiguration : IEntityTypeConfiguration<Body>
{
    public void Configure(EntityTypeBuilder<Body> body)
    {
        body.HasExternalId();
        body.ToTable("CouncilBodies");
        body.Property(b => b.Name).HasMaxLength(200);
        body.Property(b => b.ShortName).HasMaxLength(100);
        body.Property(b => b.Website).HasMaxLength(500);
        body.Property(b => b.Ags).HasMaxLength(8);
        body.Property(b => b.Rgs).HasMaxLength(12);
        body.Property(b => b.ContactEmail).HasMaxLength(200);
        body.Property(b => b.ContactName).HasMaxLength(200);
        body.Property(b => b.Classification).HasMaxLength(100);
        body.HasOne(b => b.Location).WithMany().HasForeignKey(b => b.LocationId).OnDelete(DeleteBehavior.Restrict);
    }
}
