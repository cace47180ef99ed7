using Rathaus.Concerns.Categories;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Concerns.Model;

/// <summary>Art des Anliegens.</summary>
public enum ConcernKind
{
    Question = 0,     // Frage
    Complaint = 1,    // Beschwerde
    Suggestion = 2,   // Anregung
    DefectReport = 3, // Mängelmeldung
    Praise = 4,       // Lob
}

/// <summary>Eingangskanal.</summary>
public enum Channel
{
    Web = 0,
    Map = 1,
    Email = 2,
    Phone = 3,
    Letter = 4,
    Counter = 5,
    Open311 = 6,
}

public enum ConcernStatus
{
    Received = 0,          // eingegangen
    InProgress = 1,        // in Bearbeitung
    WaitingForCitizen = 2, // Rückfrage
    Resolved = 3,          // erledigt
    Rejected = 4,          // abgelehnt
    Withdrawn = 5,         // zurückgezogen
}

/// <summary>
/// An Anliegen. Belongs to an org unit and, once taken over, to a position — never to a person.
/// The citizen reaches it only through the tracking token, of which the database keeps a hash for lookup and an
/// encrypted copy (to show the link again after a retried submission), never the plain value.
/// </summary>
public sealed class Concern
{
    public long Id { get; set; }

    /// <summary>Vorgangsnummer, e.g. <c>2026-004711</c>: sequential and gap-free per year, never an access key.</summary>
    public required string ReferenceNumber { get; set; }

    public int Year { get; set; }
    public int Sequence { get; set; }

    /// <summary>SHA-256 of the tracking token from the citizen's link.</summary>
    public required byte[] TrackingTokenHash { get; set; }

    /// <summary>The tracking token, encrypted with ASP.NET Core data protection.</summary>
    public required string TrackingTokenProtected { get; set; }

    /// <summary>From the submission form: a double click or a browser retry finds the first concern.</summary>
    public Guid? IdempotencyKey { get; set; }

    public ConcernKind Kind { get; set; }
    public int? CategoryId { get; set; }
    public Category? Category { get; set; }
    public required string Description { get; set; }
    public string? LocationText { get; set; }
    public string? District { get; set; }

    /// <summary>Where a map report or an app placed it, in WGS 84; checked to lie within the city.</summary>
    public double? Latitude { get; set; }

    public double? Longitude { get; set; }
    public Channel Channel { get; set; }
    public ConcernStatus Status { get; set; }

    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }

    /// <summary>When a mail to <see cref="ContactEmail"/> came back undeliverable (a delivery status notification).</summary>
    public DateTime? ContactEmailFailedAt { get; set; }

    /// <summary>What the receiving mail server said, for staff.</summary>
    public string? ContactEmailFailure { get; set; }

    /// <summary>Language of the citizen's mails and pages: "de" or "en".</summary>
    public string Language { get; set; } = "de";

    public int OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
    public int? AssignedPositionId { get; set; }
    public Position? AssignedPosition { get; set; }

    public DateTime ReceivedAt { get; set; }
    public DateTime? FirstReplyAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    /// <summary>Frist for the final answer: end of the category's working days after arrival (see ConcernDeadlines).</summary>
    public DateTime? DueAt { get; set; }

    /// <summary>Frist for the first reply to the citizen; met once <see cref="FirstReplyAt"/> is set.</summary>
    public DateTime? FirstReplyDueAt { get; set; }

    /// <summary>How far up the Dienstweg the overdue concern has gone: 0 not escalated, 1 the unit's lead, 2 the next lead up, …</summary>
    public int EscalationLevel { get; set; }

    /// <summary>When the last escalation step was taken.</summary>
    public DateTime? EscalatedAt { get; set; }

    /// <summary>When the next step up is due if the concern is still open then; null when there is none.</summary>
    public DateTime? NextEscalationAt { get; set; }

    /// <summary>Wiedervorlage: the day the concern comes back to the top of its inbox.</summary>
    public DateOnly? FollowUpOn { get; set; }

    /// <summary>The follow-up day whose holders were notified already: the reminder goes out once per date.</summary>
    public DateOnly? FollowUpNotifiedFor { get; set; }

    /// <summary>Set when this concern was merged into another as a duplicate.</summary>
    public long? MergedIntoId { get; set; }

    /// <summary>Optimistic concurrency: two staff members editing at once get a conflict, not a silent overwrite.</summary>
    public int Version { get; set; }

    public List<ConcernEntry> Entries { get; set; } = [];
    public List<ConcernAttachment> Attachments { get; set; } = [];

    /// <summary>Answers to the category's questions (Open311 service attributes), as submitted.</summary>
    public List<ConcernAttributeValue> AttributeValues { get; set; } = [];
}
