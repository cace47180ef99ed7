using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rathaus.Concerns.Model;
using Rathaus.Data;

namespace Rathaus.Concerns.Map;

/// <summary>What anyone may see of a map report: never a name, address, phone, description or photo of the citizen.</summary>
public sealed record PublicReport(
    long Id,
    string ReferenceNumber,
    string? Category,
    string? CategoryCode,
    string? District,
    ConcernStatus Status,
    DateTime ReceivedAt,
    DateTime? ClosedAt,
    double Latitude,
    double Longitude,
    int Supporters)
{
    public bool IsOpen => MapReports.IsOpen(Status);
}

/// <summary>
/// The public side of map reports (/karte, the feeds, "Ich bin auch betroffen"). Public are damage reports with a
/// location from the map or an app, unless merged into another or withdrawn. Decision (as FixMyStreet's safe
/// minimum): category, district, place, status and dates are public; the citizen's description and photos are not,
/// because they may name or show people and nobody reviews them before they would appear.
/// </summary>
public sealed class MapReports(RathausDb db, TimeProvider clock, IOptions<MapOptions> options)
{
    /// <summary>The day in the city, de-DE (or en) short date.</summary>
    public static string Date(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Platform.CityClock.Zone).ToString("d", System.Globalization.CultureInfo.CurrentCulture);

    public static bool IsOpen(ConcernStatus status) => status is ConcernStatus.Received or ConcernStatus.InProgress or ConcernStatus.WaitingForCitizen;

    /// <summary>
    /// What the public map, its feeds and the email alerts show: damage reports placed on the map or sent by an
    /// Open311 app, not merged into another and not withdrawn by the reporter.
    /// </summary>
    public static readonly Expression<Func<Concern, bool>> IsPublic = c =>
        c.Kind == ConcernKind.DefectReport && c.Latitude != null && c.Longitude != null
        && (c.Channel == Channel.Map || c.Channel == Channel.Open311)
        && c.MergedIntoId == null && c.Status != ConcernStatus.Withdrawn;

    public IQueryable<Concern> Public() => db.Concerns.AsNoTracking().Where(IsPublic);

    public IQueryable<PublicReport> Project(IQueryable<Concern> concerns) => concerns.Select(c => new PublicReport(
        c.Id, c.ReferenceNumber, c.Category!.Name, c.Category!.Code, c.District, c.Status, c.ReceivedAt, c.ClosedAt,
        c.Latitude!.Value, c.Longitude!.Value, db.ConcernSupports.Count(s => s.ConcernId == c.Id)));

    /// <summary>Open public reports of the category within the configured radius, nearest first.</summary>
    public async Task<IReadOnlyList<(PublicReport Report, double Distance)>> NearbyAsync(int categoryId, double latitude, double longitude, CancellationToken ct)
    {
        var radius = options.Value.NearbyRadiusMeters;
        var (dLat, dLon) = Geo.Box(latitude, radius);
        var candidates = await Project(Public().Where(c => c.CategoryId == categoryId
                && (c.Status == ConcernStatus.Received || c.Status == ConcernStatus.InProgress || c.Status == ConcernStatus.WaitingForCitizen)
                && c.Latitude >= latitude - dLat && c.Latitude <= latitude + dLat && c.Longitude >= longitude - dLon && c.Longitude <= longitude + dLon)
                .OrderByDescending(c => c.Id))
            .Take(200)
            .ToListAsync(ct);
        return candidates
            .Select(r => (r, Geo.DistanceMeters(latitude, longitude, r.Latitude, r.Longitude)))
            .Where(x => x.Item2 <= radius)
            .OrderBy(x => x.Item2)
            .Take(10)
            .ToList();
    }

    /// <summary>Adds the browser's support to an open public report once; false when the report is not open to support.</summary>
    public async Task<bool> SupportAsync(string referenceNumber, Guid supporterKey, CancellationToken ct)
    {
        var concern = await Public().Where(c => c.ReferenceNumber == referenceNumber).Select(c => new { c.Id, c.Status }).SingleOrDefaultAsync(ct);
        if (concern is null || !IsOpen(concern.Status))
        {
            return false;
        }

        if (await db.ConcernSupports.AnyAsync(s => s.ConcernId == concern.Id && s.SupporterKey == supporterKey, ct))
        {
            return true;
        }

        db.ConcernSupports.Add(new ConcernSupport { ConcernId = concern.Id, SupporterKey = supporterKey, At = clock.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same click arrived twice at once: the other request stored it.
            db.ChangeTracker.Clear();
        }

        return true;
    }

    public Task<int> SupportersAsync(long concernId, CancellationToken ct) => db.ConcernSupports.CountAsync(s => s.ConcernId == concernId, ct);
}
