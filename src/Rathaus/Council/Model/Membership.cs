using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rathaus.Council.Model;

/// <summary>A person's seat in an organization during a term, possibly for a faction.</summary>
public sealed class Membership : CouncilObject
{
    public int PersonId { get; set; }
    public Person? Person { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public int LegislativeTermId { get; set; }
    public LegislativeTerm? LegislativeTerm { get; set; }

    /// <summary>Rolle: "Vorsitzende", "Mitglied", "Sachkundiger Bürger" …</summary>
    public required string Role { get; set; }

    public bool VotingRight { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }

    /// <summary>The faction the person sits for (a committee seat is the faction's).</summary>
    public int? OnBehalfOfId { get; set; }

    public Organization? OnBehalfOf { get; set; }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> membership)
    {
        membership.HasExternalId();
        membership.ToTable("CouncilMemberships");
        membership.Property(m => m.Role).HasMaxLength(100);
        membership.HasOne(m => m.Person).WithMany(p => p.Memberships).HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
        membership.HasOne(m => m.Organization).WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        membership.HasOne(m => m.OnBehalfOf).WithMany().HasForeignKey(m => m.OnBehalfOfId).OnDelete(DeleteBehavior.Restrict);
        membership.HasOne(m => m.LegislativeTerm).WithMany().HasForeignKey(m => m.LegislativeTermId).OnDelete(DeleteBehavior.Restrict);
        membership.HasIndex(m => m.Modified);
    }
}
