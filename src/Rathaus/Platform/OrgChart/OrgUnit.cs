namespace Rathaus.Platform.OrgChart;

public enum OrgUnitKind
{
    /// <summary>Verwaltungsspitze: the mayor's office at the root of the tree.</summary>
    Executive = 0,
    Department = 1,     // Dezernat
    Division = 2,       // Fachbereich
    Section = 3,        // Bereich
    Team = 4,           // Sachgebiet
    StaffUnit = 5,      // Stabsstelle
}

/// <summary>An Organisationseinheit. The parent chain is the Dienstweg that escalations follow.</summary>
public sealed class OrgUnit : IDeactivatable
{
    public int Id { get; set; }

    /// <summary>Short stable key as used in the city's org chart, e.g. <c>32</c> or <c>DEZ 3</c>.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }
    public OrgUnitKind Kind { get; set; }
    public int? ParentId { get; set; }
    public OrgUnit? Parent { get; set; }
    public int? SiteId { get; set; }
    public Site? Site { get; set; }

    /// <summary>Units are deactivated, never deleted: concerns and audit entries keep pointing at them.</summary>
    public bool IsActive { get; set; } = true;

    public List<OrgUnit> Children { get; set; } = [];
    public List<Position> Positions { get; set; } = [];

    /// <summary>What the audit log stores before and after a change.</summary>
    public string AuditKey => Code;

    public object Snapshot() => new { Code, Name, Kind, ParentId, ParentCode = Parent?.Code, SiteId, IsActive };
}
