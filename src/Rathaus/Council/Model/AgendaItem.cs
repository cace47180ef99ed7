using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rathaus.Council.Model;

/// <summary>Ein Tagesordnungspunkt. A non-public one (and its files) never appears outside the office.</summary>
public sealed class AgendaItem : CouncilObject
{
    public int MeetingId { get; set; }
    public Meeting? Meeting { get; set; }

    /// <summary>"Ö 5.1" style numbers are text; <see cref="Order"/> sorts.</summary>
    public required string Number { get; set; }

    public int Order { get; set; }
    public bool Public { get; set; } = true;
    public required string Name { get; set; }

    /// <summary>The paper treated here, through the consultation that links them.</summary>
    public Consultation? Consultation { get; set; }

    /// <summary>Ergebnis: "ungeändert beschlossen", "abgelehnt", "zur Kenntnis genommen" …</summary>
    public string? Result { get; set; }

    /// <summary>Beschlusstext.</summary>
    public string? ResolutionText { get; set; }

    public List<CouncilFile> Files { get; set; } = [];
}

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> item)
    {
        item.HasExternalId();
        item.ToTable("CouncilAgendaItems");
        item.Property(a => a.Number).HasMaxLength(20);
        item.Property(a => a.Name).HasMaxLength(500);
        item.Property(a => a.Result).HasMaxLength(200);
        item.Property(a => a.ResolutionText).HasMaxLength(20000);
        item.HasOne(a => a.Meeting).WithMany(m => m.AgendaItems).HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Restrict);
        item.HasIndex(a => new { a.MeetingId, a.Order });
        item.HasIndex(a => a.Modified);
    }
}
