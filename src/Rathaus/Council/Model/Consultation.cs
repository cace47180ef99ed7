using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rathaus.Council.Model;

/// <summary>
/// One step of a paper's Beratungsfolge: which organization treats it, in which meeting and under which agenda
/// item, in which role (Vorberatung, Entscheidung …), with what result.
/// </summary>
public sealed class Consultation : CouncilObject
{
    public int PaperId { get; set; }
    public Paper? Paper { get; set; }
    public int? MeetingId { get; set; }
    public Meeting? Meeting { get; set; }
    public int? AgendaItemId { get; set; }
    public AgendaItem? AgendaItem { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }

    /// <summary>"Vorberatung", "Entscheidung", "Kenntnisnahme".</summary>
    public required string Role { get; set; }

    /// <summary>Whether this step decides the matter (not only advises).</summary>
    public bool Authoritative { get; set; }

    /// <summary>The order of the steps within the paper's consultation path.</summary>
    public int Order { get; set; }

    public string? Result { get; set; }
}

internal sealed class ConsultationConfiguration : IEntityTypeConfiguration<Consultation>
{
    public void Configure(EntityTypeBuilder<Consultation> consultation)
    {
        consultation.HasExternalId();
        consultation.ToTable("CouncilConsultations");
        consultation.Property(c => c.Role).HasMaxLength(100);
        consultation.Property(c => c.Result).HasMaxLength(200);
        consultation.HasOne(c => c.Paper).WithMany(p => p.Consultations).HasForeignKey(c => c.PaperId).OnDelete(DeleteBehavior.Restrict);
        consultation.HasOne(c => c.Meeting).WithMany().HasForeignKey(c => c.MeetingId).OnDelete(DeleteBehavior.Restrict);
        consultation.HasOne(c => c.AgendaItem).WithOne(a => a.Consultation).HasForeignKey<Consultation>(c => c.AgendaItemId).OnDelete(DeleteBehavior.Restrict);
        consultation.HasOne(c => c.Organization).WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        consultation.HasIndex(c => c.Modified);
    }
}
