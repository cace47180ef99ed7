namespace Rathaus.Council.Resolutions;

/// <summary>A resolution as the lists show it: the agenda item, its meeting and committee, the paper, the unit, the state.</summary>
public sealed record ResolutionRow(
    int Id,
    int AgendaItemId,
    int MeetingId,
    string ItemNumber,
    string ItemName,
    bool Public,
    string MeetingName,
    DateTime MeetingStart,
    int? OrganizationId,
    string? OrganizationName,
    int? PaperId,
    string? PaperReference,
    int? OrgUnitId,
    string? UnitCode,
    string? UnitName,
    ResolutionStatus Status,
    DateOnly? TargetDate,
    string? Result)
{
    public bool IsOverdue(DateOnly today) => !ResolutionTracking.IsFinished(Status) && TargetDate is DateOnly target && target < today;
}

public static class ResolutionRows
{
    /// <summary>Resolutions the public may see: of public, not deleted agenda items in not deleted meetings.</summary>
    public static IQueryable<ResolutionTracking> Published(IQueryable<ResolutionTracking> trackings) =>
        trackings.Where(r => r.AgendaItem!.Public && !r.AgendaItem.Deleted && !r.AgendaItem.Meeting!.Deleted);

    public static IQueryable<ResolutionRow> Select(IQueryable<ResolutionTracking> trackings) => trackings.Select(r => new ResolutionRow(
        r.Id,
        r.AgendaItemId,
        r.AgendaItem!.MeetingId,
        r.AgendaItem.Number,
        r.AgendaItem.Name,
        r.AgendaItem.Public,
        r.AgendaItem.Meeting!.Name,
        r.AgendaItem.Meeting.Start,
        r.AgendaItem.Meeting.Organizations.OrderBy(o => o.Id).Select(o => (int?)o.Id).FirstOrDefault(),
        r.AgendaItem.Meeting.Organizations.OrderBy(o => o.Id).Select(o => o.Name).FirstOrDefault(),
        r.AgendaItem.Consultation != null ? (int?)r.AgendaItem.Consultation.PaperId : null,
        r.AgendaItem.Consultation != null ? r.AgendaItem.Consultation.Paper!.Reference : null,
        r.OrgUnitId,
        r.OrgUnit != null ? r.OrgUnit.Code : null,
        r.OrgUnit != null ? r.OrgUnit.Name : null,
        r.Status,
        r.TargetDate,
        r.AgendaItem.Result));

    /// <summary>Within an organisation's resolutions: those of its meetings.</summary>
    public static IQueryable<ResolutionTracking> OfOrganization(IQueryable<ResolutionTracking> trackings, int organizationId) =>
        trackings.Where(r => r.AgendaItem!.Meeting!.Organizations.Any(o => o.Id == organizationId));

    public static IQueryable<ResolutionTracking> Newest(IQueryable<ResolutionTracking> trackings) =>
        trackings.OrderByDescending(r => r.AgendaItem!.Meeting!.Start).ThenBy(r => r.AgendaItem!.Order).ThenBy(r => r.Id);

}
