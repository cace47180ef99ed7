namespace Rathaus.Platform.OrgChart;

/// <summary>What a position may do beyond case work; roles follow from positions, not from persons.</summary>
[Flags]
public enum PositionRole
{
    None = 0,
    Administrator = 1,
    Mailroom = 2,
    CentralTriage = 4,
    CouncilOffice = 8,
    CaseWork = 16,
}

/// <summary>A Stelle: work is assigned to positions, not persons (Trennung von Amt und Person).</summary>
public sealed class Position : IDeactivatable
{
    public int Id { get; set; }
    public required string Title { get; set; }

    /// <summary>Functional mailbox, e.g. <c>strassen@stadt.lueneburg.example</c>; unique, also the import key.</summary>
    public required string Mailbox { get; set; }

    public int OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }

    /// <summary>Leitung: sees the unit's subtree and receives escalations.</summary>
    public bool IsLead { get; set; }

    public PositionRole Roles { get; set; } = PositionRole.CaseWork;
    public bool IsActive { get; set; } = true;

    public List<StaffMember> Holders { get; set; } = [];

    public string AuditKey => Mailbox;

    public object Snapshot() => new { Title, Mailbox, OrgUnitId, OrgUnitCode = OrgUnit?.Code, IsLead, Roles, IsActive };
}
