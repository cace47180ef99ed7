using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rathaus.Platform.Scheduling;

/// <summary>
/// A job's state, shared by all nodes: when it is due next and which node holds it right now. A node runs a due job
/// only after its conditional UPDATE took the lease; a lease that outlives <see cref="LeaseUntil"/> is void (the node died).
/// </summary>
public sealed class ScheduledJob
{
    public required string Name { get; set; }
    public DateTime NextRunAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public DateTime? LastRunAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>
/// One run of a job for one due time, stored in the same transaction as the job's work. Its unique key is the
/// database's own guarantee that no due time is worked twice, whatever happens to the leases.
/// </summary>
public sealed class ScheduledJobRun
{
    public long Id { get; set; }
    public required string JobName { get; set; }
    public DateTime DueAt { get; set; }
    public required string Node { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime FinishedAt { get; set; }
}

internal sealed class ScheduledJobConfiguration : IEntityTypeConfiguration<ScheduledJob>
{
    public void Configure(EntityTypeBuilder<ScheduledJob> job)
    {
        job.HasKey(j => j.Name);
        job.Property(j => j.Name).HasMaxLength(100);
        job.Property(j => j.LeaseOwner).HasMaxLength(200);
        job.Property(j => j.LastError).HasMaxLength(2000);
    }
}

internal sealed class ScheduledJobRunConfiguration : IEntityTypeConfiguration<ScheduledJobRun>
{
    public void Configure(EntityTypeBuilder<ScheduledJobRun> run)
    {
        run.Property(r => r.JobName).HasMaxLength(100);
        run.Property(r => r.Node).HasMaxLength(200);
        run.HasIndex(r => new { r.JobName, r.DueAt }).IsUnique();
    }
}
