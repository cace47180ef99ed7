using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rathaus.Concerns.Model;

namespace Rathaus.Concerns.Map;

/// <summary>
/// One address of the local gazetteer (Straßenverzeichnis with house numbers): the reverse lookup for a pin and the
/// address search of /melden use it instead of an external geocoder.
/// </summary>
public sealed class GazetteerAddress
{
    public int Id { get; set; }
    public required string Street { get; set; }
    public required string HouseNumber { get; set; }
    public string? Postcode { get; set; }

    /// <summary>WGS 84.</summary>
    public double Latitude { get; set; }

    public double Longitude { get; set; }

    /// <summary>"street housenumber" folded by <see cref="Gazetteer.SearchKey"/>: the prefix search compares this column.</summary>
    public required string SearchKey { get; set; }

    public string Label => $"{Street} {HouseNumber}";
}

/// <summary>
/// The city boundary and districts as an administrator imported them (a GeoJSON FeatureCollection). The newest row
/// counts; without any row the shipped Lüneburg polygons apply.
/// </summary>
public sealed class CityAreaImport
{
    public int Id { get; set; }
    public required string GeoJson { get; set; }
    public DateTime ImportedAt { get; set; }
    public required string ImportedBy { get; set; }
}

/// <summary>"Ich bin auch betroffen": a citizen supports an open map report instead of reporting it again.</summary>
public sealed class ConcernSupport
{
    public long Id { get; set; }
    public long ConcernId { get; set; }
    public Concern? Concern { get; set; }

    /// <summary>The browser's supporter cookie, else the form's idempotency key: one support per browser and click.</summary>
    public Guid SupporterKey { get; set; }

    public DateTime At { get; set; }
}

internal sealed class GazetteerAddressConfiguration : IEntityTypeConfiguration<GazetteerAddress>
{
    public void Configure(EntityTypeBuilder<GazetteerAddress> address)
    {
        address.Property(a => a.Street).HasMaxLength(200);
        address.Property(a => a.HouseNumber).HasMaxLength(20);
        address.Property(a => a.Postcode).HasMaxLength(10);
        address.Property(a => a.SearchKey).HasMaxLength(240);
        address.HasIndex(a => new { a.Street, a.HouseNumber }).IsUnique();
        address.HasIndex(a => a.SearchKey);
        address.HasIndex(a => new { a.Latitude, a.Longitude });
        address.Ignore(a => a.Label);
    }
}

internal sealed class CityAreaImportConfiguration : IEntityTypeConfiguration<CityAreaImport>
{
    public void Configure(EntityTypeBuilder<CityAreaImport> import) => import.Property(i => i.ImportedBy).HasMaxLength(200);
}

internal sealed class ConcernSupportConfiguration : IEntityTypeConfiguration<ConcernSupport>
{
    public void Configure(EntityTypeBuilder<ConcernSupport> support)
    {
        support.HasOne(s => s.Concern).WithMany().HasForeignKey(s => s.ConcernId).OnDelete(DeleteBehavior.Cascade);
        support.HasIndex(s => new { s.ConcernId, s.SupporterKey }).IsUnique();
    }
}
