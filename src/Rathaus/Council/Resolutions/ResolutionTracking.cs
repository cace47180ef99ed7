using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rathaus.Council.Model;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Council.Resolutions;

/// <summary>Stand der Umsetzung eines Beschlusses.</summary>
public enum ResolutionStatus
{
    Open = 0,        // offen
    InProgress = 1,  // in Umsetzung
    Implemented = 2, // umgesetzt
    NotFeasible = 3, // nicht umsetzbar
    Superseded = 4,  // erledigt durch … (another paper or resolution)
}

/// <summary>
/// Beschlusskontrolle: how the administration implements the resolution taken on one agenda item. One record per
/// item, created when the council office records a resolution text; the responsible unit reports its progress.
/// </summary>
public sealed class ResolutionTracking
{
    public int Id { get; set; }
    public int AgendaItemId { get; set; }
    public AgendaItem? AgendaItem { get; set; }

    /// <summary>Set by the council office; until then the resolution waits in the office's list.</summary>
    public int? OrgUnitId { get; set; }

    public OrgUnit? OrgUnit { get; set; }
    public ResolutionStatus Status { get; set; }

    /// <summary>Bis wann umgesetzt werden soll; passed and not finished means overdue.</summary>
    public DateOnly? TargetDate { get; set; }

    /// <summary>With <see cref="ResolutionStatus.Superseded"/>: the paper whose resolution settled this one.</summary>
    public int? SettledByPaperId { get; set; }

    public Paper? SettledByPaper { get; set; }

    /// <summary>The target date whose passing the unit's lead was told about: the mail goes out once per date.</summary>
    public DateOnly? OverdueNotifiedFor { get; set; }

    public DateTime Created { get; set; }
    public DateTime Modified { get; set; }

    public List<ResolutionProgress> Progress { get; set; } = [];

    public static bool IsFinished(ResolutionStatus status) =>
        status is ResolutionStatus.Implemented or ResolutionStatus.NotFeasible or ResolutionStatus.Superseded;

    public bool IsOverdue(DateOnly today) => !IsFinished(Status) && TargetDate is DateOnly target && target < today;

    public object Snapshot() => new { OrgUnitId, Status, TargetDate, SettledByPaperId };
}

/// <summary>
/// Ein Sachstandsbericht. Published with the resolution, so it is signed like a reply to a citizen: with the unit
/// and the position ("Im Auftrag"); the person is kept for staff and the audit only.
/// </summary>
public sealed class ResolutionProgress
{
    public int Id { get; set; }
    public int ResolutionTrackingId { get; set; }
    public ResolutionTracking? ResolutionTracking { get; set; }
    public DateOnly Date { get; set; }
    public required string Text { get; set; }
    public required string SignedByUnit { get; set; }
    public required string SignedByPosition { get; set; }
    public int? PositionId { get; set; }
    public Guid? StaffMemberId { get; set; }
    public DateTime At { get; set; }
}

internal sealed class ResolutionTrackingConfiguration : IEntityTypeConfiguration<ResolutionTracking>
{
    public void Configure(EntityTypeBuilder<ResolutionTracking> tracking)
    {
        tracking.ToTable("ResolutionTrackings");
        tracking.HasOne(r => r.AgendaItem).WithMany().HasForeignKey(r => r.AgendaItemId).OnDelete(DeleteBehavior.Restrict);
        tracking.HasIndex(r => r.AgendaItemId).IsUnique();
        tracking.HasOne(r => r.OrgUnit).WithMany().HasForeignKey(r => r.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        tracking.HasOne(r => r.SettledByPaper).WithMany().HasForeignKey(r => r.SettledByPaperId).OnDelete(DeleteBehavior.Restrict);
        tracking.HasIndex(r => new { r.OrgUnitId, r.Status });
        tracking.HasIndex(r => new { r.Status, r.TargetDate });
        tracking.HasMany(r => r.Progress).WithOne(p => p.ResolutionTracking).HasForeignKey(p => p.ResolutionTrackingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ResolutionProgressConfiguration : IEntityTypeConfiguration<ResolutionProgress>
{
    public void Configure(EntityTypeBuilder<ResolutionProgress> progress)
    {
        progress.ToTable("ResolutionProgress");
        progress.Property(p => p.Text).HasMaxLength(4000);
        progress.Property(p => p.SignedByUnit).HasMaxLength(200);
        progress.Property(p => p.SignedByPosition).HasMaxLength(200);
    }
}
