using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rathaus.Council.Model;

/// <summary>A council member, the mayor, a citizen member of a committee.</summary>
public sealed class Person : CouncilObject
{
    public int BodyId { get; set; }
    public Body? Body { get; set; }
    public required string FamilyName { get; set; }
    public required string GivenName { get; set; }

    /// <summary>Anrede: "Frau", "Herr" or empty.</summary>
    public string? FormOfAddress { get; set; }

    /// <summary>Akademischer Titel, e.g. "Dr.".</summary>
    public string? Title { get; set; }

    public string? Gender { get; set; }

    public List<Membership> Memberships { get; set; } = [];

    public string Name => string.Join(' ', new[] { Title, GivenName, FamilyName }.Where(p => !string.IsNullOrEmpty(p)));
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> person)
    {
        person.HasExternalId();
        person.ToTable("CouncilPersons");
        person.Property(p => p.FamilyName).HasMaxLength(100);
        person.Property(p => p.GivenName).HasMaxLength(100);
        person.Property(p => p.FormOfAddress).HasMaxLength(20);
        person.Property(p => p.Title).HasMaxLength(50);
        person.Property(p => p.Gender).HasMaxLength(20);
        person.Ignore(p => p.Name);
        person.HasOne(p => p.Body).WithMany().HasForeignKey(p => p.BodyId).OnDelete(DeleteBehavior.Restrict);
        person.HasIndex(p => p.Modified);
    }
}
