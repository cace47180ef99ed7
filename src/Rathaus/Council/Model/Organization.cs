using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rathaus.Council.Model;

/// <summary>Art des Gremiums.</summary>
public enum OrganizationKind
{
    Council = 0,          // Rat
    MainCommittee = 1,    // Verwaltungsausschuss
    Committee = 2,        // Fachausschuss
    LocalCouncil = 3,     // Ortsrat
    Faction = 4,          // Fraktion
    Group = 5,            // Gruppe
}

/// <summary>A council body in the wide sense: the Rat, a committee, a local council, a faction or group.</summary>
public sealed class Organization : CouncilObject
{
    public int BodyId { get; set; }
    public Body? Body { get; set; }
    public required string Name { get; set; }
    public string? ShortName { get; set; }
    public OrganizationKind Kind { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string? Website { get; set; }
    public int? LocationId { get; set; }
    public Location? Location { get; set; }

    /// <summary>Factions and groups are not "Gremien": they hold no meetings of the council information system.</summary>
    public bool IsCommittee => Kind is OrganizationKind.Council or OrganizationKind.MainCommittee or OrganizationKind.Committee or OrganizationKind.LocalCouncil;

    public List<Meeting> Meetings { get; set; } = [];
}

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> organization)
    {
        organization.HasExternalId();
        organization.ToTable("CouncilOrganizations");
        organization.Property(o => o.Name).HasMaxLength(200);
        organization.Property(o => o.ShortName).HasMaxLength(50);
        organization.Property(o => o.Website).HasMaxLength(500);
        organization.HasOne(o => o.Body).WithMany().HasForeignKey(o => o.BodyId).OnDelete(DeleteBehavior.Restrict);
        organization.HasOne(o => o.Location).WithMany().HasForeignKey(o => o.LocationId).OnDelete(DeleteBehavior.Restrict);
        organization.HasIndex(o => o.Modified);
    }
}
