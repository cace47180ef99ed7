namespace Rathaus.Platform.Audit;

/// <summary>
/// One line of the Prüfpfad. Append-only: the database refuses UPDATE and DELETE (triggers in the migrations)
/// and <see cref="AuditLog"/> refuses to save changes to existing entries.
/// Names are copied, not referenced, so the entry stays readable after renames.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public Guid? StaffMemberId { get; set; }
    public required string StaffMemberName { get; set; }
    public int? PositionId { get; set; }
    public string? PositionTitle { get; set; }

    /// <summary>What happened, as a stable code such as <c>OrgUnit.Moved</c>.</summary>
    public required string Action { get; set; }

    public required string EntityType { get; set; }
    public required string EntityKey { get; set; }

    /// <summary>JSON snapshot before the change; null when created.</summary>
    public string? Before { get; set; }

    /// <summary>JSON snapshot after the change.</summary>
    public string? After { get; set; }
}
