using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Concerns;
using Rathaus.Concerns.Model;
using Rathaus.Data;

namespace Rathaus.Open311.Api;

/// <summary>One public service request as GET requests shows it: no name, email or phone, no internal notes.</summary>
public sealed class RequestRow
{
    public long Id { get; init; }
    public required string Reference { get; init; }
    public ConcernStatus Status { get; init; }
    public string? MergedInto { get; init; }
    public required string ServiceCode { get; init; }
    public required string ServiceName { get; init; }
    public required string Description { get; init; }
    public string? Agency { get; init; }
    public DateTime RequestedAt { get; init; }
    public DateTime? LastEntryAt { get; init; }
    public DateTime? ClosedAt { get; init; }
    public DateTime? DueAt { get; init; }
    public string? Address { get; init; }
    public string? AddressId { get; init; }
    public string? District { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public string? ClientMediaUrl { get; init; }
    public long? FirstPhotoId { get; init; }

    /// <summary>GeoReport v2 knows only open and closed: every final state is closed, the others are open.</summary>
    public bool IsClosed => MergedInto is not null || Status is ConcernStatus.Resolved or ConcernStatus.Rejected or ConcernStatus.Withdrawn;

    /// <summary>GeoReport v2: "For requests with status=closed, this will be the date the request was closed."</summary>
    public DateTime UpdatedAt => IsClosed && ClosedAt is DateTime closed ? closed : LastEntryAt is DateTime last && last > RequestedAt ? last : RequestedAt;
}

/// <summary>
/// Which concerns the public API shows and how. Only defect reports (Mängelmeldungen) with a category: they are the
/// reports the city publishes on its map; questions, complaints and letters stay private. Files shown are only the
/// photos the citizen sent with the report itself (metadata removed at upload), never later files or documents.
/// </summary>
public sealed class PublicRequests(RathausDb db)
{
    public IQueryable<Concern> Visible() =>
        db.Concerns.AsNoTracking().Where(c => c.Kind == ConcernKind.DefectReport && c.CategoryId != null);

    public IQueryable<RequestRow> Rows(IQueryable<Concern> concerns) => concerns.Select(c => new RequestRow
    {
        Id = c.Id,
        Reference = c.ReferenceNumber,
        Status = c.Status,
        MergedInto = db.Concerns.Where(t => t.Id == c.MergedIntoId).Select(t => t.ReferenceNumber).FirstOrDefault(),
        ServiceCode = c.Category!.Code,
        ServiceName = c.Category.Name,
        Description = c.Description,
        Agency = c.OrgUnit!.Name,
        RequestedAt = c.ReceivedAt,
        LastEntryAt = c.Entries.Max(e => (DateTime?)e.At),
        ClosedAt = c.ClosedAt,
        DueAt = c.DueAt,
        Address = c.LocationText,
        AddressId = db.Open311Requests.Where(r => r.ConcernId == c.Id).Select(r => r.AddressId).FirstOrDefault(),
        District = c.District,
        Latitude = c.Latitude,
        Longitude = c.Longitude,
        ClientMediaUrl = db.Open311Requests.Where(r => r.ConcernId == c.Id).Select(r => r.MediaUrl).FirstOrDefault(),
        // The same condition as PublicPhotos, written out: EF cannot translate a method call inside a projection.
        FirstPhotoId = db.ConcernAttachments
            .Where(a => a.ConcernId == c.Id && a.FromCitizen && a.ContentType.StartsWith("image/")
                && db.ConcernEntries.Any(e => e.Id == a.EntryId && e.Kind == EntryKind.Submitted))
            .OrderBy(a => a.Id).Select(a => (long?)a.Id).FirstOrDefault(),
    });

    /// <summary>The photos the citizen sent with the report itself.</summary>
    public IQueryable<ConcernAttachment> PublicPhotos(long concernId) =>
        db.ConcernAttachments.Where(a => a.ConcernId == concernId && a.FromCitizen && a.ContentType.StartsWith("image/")
            && db.ConcernEntries.Any(e => e.Id == a.EntryId && e.Kind == EntryKind.Submitted));

    public static string MediaUrl(string baseUrl, string reference, long attachmentId) =>
        $"{baseUrl}/open311/v2/requests/{reference}/media/{attachmentId}";

    /// <summary>The request in the order of the spec's field table; with extensions the fine state, history and photos.</summary>
    public async Task<Open311Object> ToObjectAsync(RequestRow row, string baseUrl, bool extensions, IStringLocalizer t, CancellationToken ct)
    {
        var fields = new List<(string, object?)>
        {
            ("service_request_id", row.Reference),
            ("status", row.IsClosed ? "closed" : "open"),
            ("status_notes", row.MergedInto is { } target ? t["Doppelte Meldung: zusammengeführt mit {0}.", target].Value : t[ConcernTexts.StatusName(row.Status)].Value),
            ("service_name", row.ServiceName),
            ("service_code", row.ServiceCode),
            ("description", string.IsNullOrEmpty(row.Description) ? null : row.Description),
            ("agency_responsible", row.Agency),
            ("service_notice", null),
            ("requested_datetime", row.RequestedAt),
            ("updated_datetime", row.UpdatedAt),
            ("expected_datetime", row.DueAt),
            ("address", row.Address),
            ("address_id", row.AddressId),
            ("zipcode", null),
            ("lat", row.Latitude),
            ("long", row.Longitude),
            ("media_url", row.ClientMediaUrl ?? (row.FirstPhotoId is long photo ? MediaUrl(baseUrl, row.Reference, photo) : null)),
        };
        if (extensions)
        {
            fields.Add(("extended_attributes", await ExtendedAttributesAsync(row, baseUrl, t, ct)));
            fields.Add(("notes", await NotesAsync(row.Id, t, ct)));
        }

        return new Open311Object([.. fields]);
    }

    private async Task<Open311Object> ExtendedAttributesAsync(RequestRow row, string baseUrl, IStringLocalizer t, CancellationToken ct)
    {
        var photos = await PublicPhotos(row.Id).OrderBy(a => a.Id).Select(a => new { a.Id, a.UploadedAt }).ToListAsync(ct);
        return new Open311Object(
            ("detailed_status", StatusCode(row.Status)),
            ("detailed_status_name", t[ConcernTexts.StatusName(row.Status)].Value),
            ("district", row.District),
            ("duplicate_of", row.MergedInto),
            ("photos", new Open311List("photos", "photo", photos
                .Select(p => (object?)new Open311Object(("media_url", MediaUrl(baseUrl, row.Reference, p.Id)), ("created_at", p.UploadedAt)))
                .ToList())));
    }

    /// <summary>
    /// The public timeline as dated events, without their texts: answers and questions are written to the citizen
    /// and may name them, and internal notes are never public.
    /// </summary>
    private async Task<Open311List> NotesAsync(long concernId, IStringLocalizer t, CancellationToken ct)
    {
        var entries = await db.ConcernEntries.AsNoTracking()
            .Where(e => e.ConcernId == concernId && e.IsPublic && e.Kind != EntryKind.Note)
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new { e.At, e.Kind, e.NewStatus })
            .ToListAsync(ct);
        return new Open311List("notes", "note", entries
            .Select(e => (object?)new Open311Object(
                ("datetime", e.At),
                ("type", NoteType(e.Kind)),
                ("description", e.NewStatus is ConcernStatus status ? t["Status: {0}", t[ConcernTexts.StatusName(status)].Value].Value : t[NoteText(e.Kind)].Value)))
            .ToList());
    }

    public static string StatusCode(ConcernStatus status) => status switch
    {
        ConcernStatus.Received => "received",
        ConcernStatus.InProgress => "in_progress",
        ConcernStatus.WaitingForCitizen => "waiting_for_citizen",
        ConcernStatus.Resolved => "resolved",
        ConcernStatus.Rejected => "rejected",
        ConcernStatus.Withdrawn => "withdrawn",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string NoteType(EntryKind kind) => kind switch
    {
        EntryKind.Submitted => "submitted",
        EntryKind.CitizenMessage => "citizen_message",
        EntryKind.Reply => "reply",
        EntryKind.Question => "question",
        EntryKind.StatusChange => "status_change",
        EntryKind.Assignment => "assignment",
        EntryKind.Forward => "forward",
        EntryKind.Merge => "merge",
        EntryKind.FollowUp => "follow_up",
        EntryKind.Withdrawal => "withdrawal",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string NoteText(EntryKind kind) => kind switch
    {
        EntryKind.Submitted => Texts.Key("Meldung eingegangen"),
        EntryKind.CitizenMessage => Texts.Key("Ergänzung der meldenden Person"),
        EntryKind.Reply => Texts.Key("Antwort der Verwaltung an die meldende Person"),
        EntryKind.Question => Texts.Key("Rückfrage der Verwaltung an die meldende Person"),
        EntryKind.Forward => Texts.Key("An die zuständige Stelle weitergegeben"),
        EntryKind.Merge => Texts.Key("Mit einer gleichen Meldung zusammengeführt"),
        EntryKind.Withdrawal => Texts.Key("Von der meldenden Person zurückgezogen"),
        _ => Texts.Key("Bearbeitungsschritt"),
    };
}
