using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rathaus.Council.Import;

public enum CouncilImportState
{
    Waiting = 0,    // wartet
    Running = 1,    // läuft
    Completed = 2,  // abgeschlossen
    Failed = 3,     // abgebrochen
}

/// <summary>
/// One import of another council information system through its OParl interface. Its state is in the database, page
/// by page, so any node can resume it after a restart: each list remembers the URL of its next page.
/// </summary>
public sealed class CouncilImportJob
{
    public int Id { get; set; }

    /// <summary>The System URL given by the council office.</summary>
    public required string BaseUrl { get; set; }

    public CouncilImportState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? FinishedAt { get; set; }

    /// <summary>"https://schema.oparl.org/1.0/" or ".../1.1/", as the System says.</summary>
    public string? OParlVersion { get; set; }

    /// <summary>Set once the System and its bodies are read and the lists below are known.</summary>
    public bool BodiesRead { get; set; }

    /// <summary>The node working on it now; a lease that ran out is void (the node died).</summary>
    public string? LeaseOwner { get; set; }

    public DateTime? LeaseUntil { get; set; }

    /// <summary>Failed attempts in a row (network, server); after a few the import stops with <see cref="LastError"/>.</summary>
    public int Attempts { get; set; }

    public string? LastError { get; set; }
    public int Pages { get; set; }

    public List<CouncilImportList> Lists { get; set; } = [];
}

/// <summary>One external list of one body (or the body list itself) and how far the import came through it.</summary>
public sealed class CouncilImportList
{
    public int Id { get; set; }
    public int JobId { get; set; }

    /// <summary>The OParl name of the list: "body", "organization", "person" …</summary>
    public required string Name { get; set; }

    /// <summary>Lists are worked in this order, so an object finds what it refers to (organizations before meetings …).</summary>
    public int Order { get; set; }

    /// <summary>The body whose list this is (its OParl id); null for the System's body list.</summary>
    public string? BodyUrl { get; set; }

    /// <summary>The page to fetch next; null once the list is done.</summary>
    public string? NextUrl { get; set; }

    public int? TotalElements { get; set; }
    public int Imported { get; set; }
    public int Failed { get; set; }
}

/// <summary>An object that could not be imported, with the German reason; the import went on without it.</summary>
public sealed class CouncilImportProblem
{
    public long Id { get; set; }
    public int JobId { get; set; }
    public DateTime At { get; set; }

    /// <summary>The OParl id of the object, or the URL of the page that could not be read.</summary>
    public required string ObjectId { get; set; }

    /// <summary>The German message, a resx key with at most one placeholder …</summary>
    public required string Message { get; set; }

    /// <summary>… filled with this (a field name, a reference, a URL).</summary>
    public string? Detail { get; set; }
}

internal sealed class CouncilImportJobConfiguration : IEntityTypeConfiguration<CouncilImportJob>
{
    public void Configure(EntityTypeBuilder<CouncilImportJob> job)
    {
        job.ToTable("CouncilImportJobs");
        job.Property(j => j.BaseUrl).HasMaxLength(1000);
        job.Property(j => j.CreatedBy).HasMaxLength(200);
        job.Property(j => j.OParlVersion).HasMaxLength(100);
        job.Property(j => j.LeaseOwner).HasMaxLength(200);
        job.Property(j => j.LastError).HasMaxLength(2000);
        job.HasMany(j => j.Lists).WithOne().HasForeignKey(l => l.JobId).OnDelete(DeleteBehavior.Cascade);
        job.HasIndex(j => j.State);
    }
}

internal sealed class CouncilImportListConfiguration : IEntityTypeConfiguration<CouncilImportList>
{
    public void Configure(EntityTypeBuilder<CouncilImportList> list)
    {
        list.ToTable("CouncilImportLists");
        list.Property(l => l.Name).HasMaxLength(50);
        list.Property(l => l.BodyUrl).HasMaxLength(1000);
        list.Property(l => l.NextUrl).HasMaxLength(2000);
        list.HasIndex(l => new { l.JobId, l.Order });
    }
}

internal sealed class CouncilImportProblemConfiguration : IEntityTypeConfiguration<CouncilImportProblem>
{
    public void Configure(EntityTypeBuilder<CouncilImportProblem> problem)
    {
        problem.ToTable("CouncilImportProblems");
        problem.Property(p => p.ObjectId).HasMaxLength(2000);
        problem.Property(p => p.Message).HasMaxLength(500);
        problem.Property(p => p.Detail).HasMaxLength(2000);
        problem.HasOne<CouncilImportJob>().WithMany().HasForeignKey(p => p.JobId).OnDelete(DeleteBehavior.Cascade);
        problem.HasIndex(p => new { p.JobId, p.Id });
    }
}
