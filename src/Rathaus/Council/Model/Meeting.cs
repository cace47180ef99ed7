using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rathaus.Council.Model;

/// <summary>Sitzungsstatus.</summary>
public enum MeetingState
{
    Planned = 0,    // geplant
    Invited = 1,    // eingeladen
    Held = 2,       // durchgeführt
    Cancelled = 3,  // abgesagt
}

/// <summary>A meeting of one or more organizations (a joint meeting has several).</summary>
public sealed class Meeting : CouncilObject
{
    public required string Name { get; set; }
    public DateTime Start { get; set; }
    public DateTime End { get; set; }
    public int? LocationId { get; set; }
    public Location? Location { get; set; }
    public MeetingState State { get; set; }
    public bool Cancelled { get; set; }

    /// <summary>
    /// The iCalendar SEQUENCE: raised whenever the time, place or state changes, so calendar programs that
    /// subscribed replace their copy (RFC 5545 3.8.7.4).
    /// </summary>
    public int Sequence { get; set; }

    public List<Organization> Organizations { get; set; } = [];
    public List<AgendaItem> AgendaItems { get; set; } = [];
    public List<CouncilFile> Files { get; set; } = [];

    /// <summary>Called by the DbContext before saving: a changed date, place or state raises the sequence.</summary>
    public static void RaiseSequences(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries<Meeting>().Where(e => e.State == EntityState.Modified))
        {
            string[] relevant = [nameof(Start), nameof(End), nameof(LocationId), nameof(State), nameof(Cancelled)];
            if (relevant.Any(p => entry.Property(p).IsModified && !Equals(entry.Property(p).OriginalValue, entry.Property(p).CurrentValue))
                && !entry.Property(nameof(Sequence)).IsModified)
            {
                entry.Entity.Sequence++;
            }
        }
    }
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> meeting)
    {
        meeting.HasExternalId();
        meeting.ToTable("CouncilMeetings");
        meeting.Property(m => m.Name).HasMaxLength(300);
        meeting.HasOne(m => m.Location).WithMany().HasForeignKey(m => m.LocationId).OnDelete(DeleteBehavior.Restrict);
        meeting.HasMany(m => m.Organizations).WithMany(o => o.Meetings).UsingEntity("CouncilMeetingOrganizations");
        meeting.HasIndex(m => m.Start);
        meeting.HasIndex(m => m.Modified);
    }
}
