namespace Rathaus.Concerns.Model;

public enum EntryKind
{
    Submitted = 0,      // the citizen's first description
    CitizenMessage = 1, // information or an answer added by the citizen
    Reply = 2,          // Antwort of the administration
    Question = 3,       // Rückfrage to the citizen
    Note = 4,           // Vermerk, internal
    StatusChange = 5,
    Assignment = 6,     // taken over / assigned to a position
    Forward = 7,        // forwarded to another unit, with reason
    Merge = 8,
    FollowUp = 9,
    Withdrawal = 10,
    DeliveryFailure = 11, // a mail to the citizen came back undeliverable; internal
    Escalation = 12,      // overdue: reported to the next lead up the Dienstweg (ToOrgUnitId, ToPositionId)
}

/// <summary>One line of a concern's timeline. Public entries are shown to the citizen; notes never are.</summary>
public sealed class ConcernEntry
{
    public long Id { get; set; }
    public long ConcernId { get; set; }
    public Concern? Concern { get; set; }
    public DateTime At { get; set; }
    public EntryKind Kind { get; set; }
    public bool IsPublic { get; set; }
    public string? Text { get; set; }

    /// <summary>Signature towards the citizen: the unit and the position ("Im Auftrag"), never the person.</summary>
    public string? SignedByUnit { get; set; }

    public string? SignedByPosition { get; set; }

    /// <summary>Who acted, for staff and the audit (not shown to citizens).</summary>
    public Guid? StaffMemberId { get; set; }

    public int? PositionId { get; set; }
    public ConcernStatus? NewStatus { get; set; }
    public int? ToOrgUnitId { get; set; }
    public int? ToPositionId { get; set; }
}
