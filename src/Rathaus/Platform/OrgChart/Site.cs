namespace Rathaus.Platform.OrgChart;

/// <summary>A Standort / Dienstgebäude: units sit at sites, the mailroom sends post between them.</summary>
public sealed class Site : IDeactivatable
{
    public int Id { get; set; }

    /// <summary>Short stable key used by import/export, e.g. <c>RH</c> for the town hall.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }
    public required string Street { get; set; }
    public required string PostalCode { get; set; }
    public required string City { get; set; }
    public string? OpeningHours { get; set; }
    public bool IsActive { get; set; } = true;

    public string AuditKey => Code;

    public object Snapshot() => new { Code, Name, Street, PostalCode, City, OpeningHours, IsActive };
}
