using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Council.Model;

/// <summary>Art der Drucksache.</summary>
public enum PaperType
{
    ResolutionProposal = 0,  // Beschlussvorlage
    Communication = 1,       // Mitteilungsvorlage
    Motion = 2,              // Antrag
    Inquiry = 3,             // Anfrage
}

/// <summary>Eine Drucksache (Vorlage, Antrag, Anfrage) with its reference like <c>2026/0123</c>.</summary>
public sealed class Paper : CouncilObject
{
    public int BodyId { get; set; }
    public Body? Body { get; set; }

    /// <summary>Drucksachennummer, unique: "2026/0123".</summary>
    public required string Reference { get; set; }

    public required string Name { get; set; }
    public PaperType Type { get; set; }
    public DateOnly Date { get; set; }

    /// <summary>The administration's unit that wrote it (a Vorlage) …</summary>
    public int? OriginatorUnitId { get; set; }

    public OrgUnit? OriginatorUnit { get; set; }

    /// <summary>… or the faction that filed it (an Antrag or Anfrage).</summary>
    public int? OriginatorOrganizationId { get; set; }

    public Organization? OriginatorOrganization { get; set; }

    public List<Consultation> Consultations { get; set; } = [];
    public List<CouncilFile> Files { get; set; } = [];

    /// <summary>Verwandte Drucksachen (OParl <c>relatedPaper</c>), stored in one direction and shown in both.</summary>
    public List<Paper> RelatedPapers { get; set; } = [];
}

internal sealed class PaperConfiguration : IEntityTypeConfiguration<Paper>
{
    public void Configure(EntityTypeBuilder<Paper> paper)
    {
        paper.HasExternalId();
        paper.ToTable("CouncilPapers");
        paper.Property(p => p.Reference).HasMaxLength(20);
        paper.HasIndex(p => p.Reference).IsUnique();
        paper.Property(p => p.Name).HasMaxLength(500);
        paper.HasOne(p => p.Body).WithMany().HasForeignKey(p => p.BodyId).OnDelete(DeleteBehavior.Restrict);
        paper.HasOne(p => p.OriginatorUnit).WithMany().HasForeignKey(p => p.OriginatorUnitId).OnDelete(DeleteBehavior.Restrict);
        paper.HasOne(p => p.OriginatorOrganization).WithMany().HasForeignKey(p => p.OriginatorOrganizationId).OnDelete(DeleteBehavior.Restrict);
        paper.HasIndex(p => p.Modified);
        paper.HasIndex(p => p.Date);

        // The OParl paper list of a body (not deleted, by id): counted and paged from this index alone.
        paper.HasIndex(p => new { p.BodyId, p.Deleted, p.Id });
        paper.HasMany(p => p.RelatedPapers).WithMany().UsingEntity(
            "CouncilPaperRelations",
            related => related.HasOne(typeof(Paper)).WithMany().HasForeignKey("RelatedPaperId").OnDelete(DeleteBehavior.Restrict),
            owner => owner.HasOne(typeof(Paper)).WithMany().HasForeignKey("PaperId").OnDelete(DeleteBehavior.Cascade),
            join => join.HasKey("PaperId", "RelatedPaperId"));
    }
}
