using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rathaus.Council.Model;

/// <summary>Ein Ort: where a meeting takes place (address and room as text).</summary>
public sealed class Location : CouncilObject
{
    /// <summary>The whole place in one line, as a person would write it.</summary>
    public required string Description { get; set; }

    public string? StreetAddress { get; set; }
    public string? Room { get; set; }
    public string? PostalCode { get; set; }
    public string? Locality { get; set; }
}

internal sealed class LocationConfiguration : IEntityTypeConfiguration<Location>
{
    public void Configure(EntityTypeBuilder<Location> location)
    {
        location.HasExternalId();
        location.ToTable("CouncilLocations");
        location.Property(l => l.Description).HasMaxLength(500);
        location.Property(l => l.StreetAddress).HasMaxLength(200);
        location.Property(l => l.Room).HasMaxLength(200);
        location.Property(l => l.PostalCode).HasMaxLength(10);
        location.Property(l => l.Locality).HasMaxLength(100);
        location.HasIndex(l => l.Modified);
    }
}
