using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rathaus.Concerns.Model;
using Rathaus.Council.Model;

namespace Rathaus.Council.Petitions;

public enum PetitionStatus
{
    Received = 0,  // eingegangen: the council office prepares it
    Scheduled = 1, // auf der Tagesordnung einer Sitzung
    Decided = 2,   // beraten: the citizen has been told the outcome
}

/// <summary>
/// Anregung oder Beschwerde an den Rat (§ 34 NKomVG): a concern addressed to the council. The concern stays the
/// citizen's case (tracking link, mails); this record adds what the council office does with it: the agenda item it
/// is treated under and the outcome.
/// </summary>
public sealed class CouncilPetition
{
    public int Id { get; set; }
    public long ConcernId { get; set; }
    public Concern? Concern { get; set; }
    public PetitionStatus Status { get; set; }
    public int? AgendaItemId { get; set; }
    public AgendaItem? AgendaItem { get; set; }

    /// <summary>What the committee decided, as told to the citizen.</summary>
    public string? Outcome { get; set; }

    public DateTime Created { get; set; }
    public DateTime? DecidedAt { get; set; }

    public object Snapshot() => new { Status, AgendaItemId, Outcome, DecidedAt };
}

internal sealed class CouncilPetitionConfiguration : IEntityTypeConfiguration<CouncilPetition>
{
    public void Configure(EntityTypeBuilder<CouncilPetition> petition)
    {
        petition.ToTable("CouncilPetitions");
        petition.HasOne(p => p.Concern).WithMany().HasForeignKey(p => p.ConcernId).OnDelete(DeleteBehavior.Restrict);
        petition.HasIndex(p => p.ConcernId).IsUnique();
        petition.HasOne(p => p.AgendaItem).WithMany().HasForeignKey(p => p.AgendaItemId).OnDelete(DeleteBehavior.Restrict);
        petition.Property(p => p.Outcome).HasMaxLength(10000);
        petition.HasIndex(p => p.Status);
    }
}
