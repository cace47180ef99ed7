using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Concerns.Map;
using Rathaus.Concerns.Model;
using Rathaus.Concerns.Places;
using Rathaus.Data;
using Rathaus.Platform;
using Rathaus.Platform.Alerts;

namespace Rathaus.Concerns.Alerts;

/// <summary>
/// A map alert's area: a district (Stadtteil) or a circle around a point; optionally one category (with its
/// subcategories). Coordinates are rounded to about a metre, so the same place is the same filter.
/// </summary>
public sealed record MapReportFilter(string? District, double? Latitude, double? Longitude, int? RadiusMeters, int? CategoryId)
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static readonly IReadOnlyList<int> Radii = [250, 500, 1000, 2000];

    public static MapReportFilter ForDistrict(string district, int? categoryId) => new(district, null, null, null, categoryId);

    public static MapReportFilter ForCircle(double latitude, double longitude, int radiusMeters, int? categoryId) =>
        new(null, Math.Round(latitude, 5), Math.Round(longitude, 5), radiusMeters, categoryId);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static MapReportFilter Parse(string json) => JsonSerializer.Deserialize<MapReportFilter>(json, Json)
        ?? throw new FormatException("Empty map alert filter.");
}

/// <summary>
/// Consumer 1 of the alerts (issue 7): new public map reports — Mängelmeldungen with a pin — in an area. The mail
/// names reference number, category, district and date only: never the description, the contact or the tracking
/// link (that is the reporter's secret); it links to the public map.
/// </summary>
public sealed class MapReportAlerts(RathausDb db, CityArea city, IStringLocalizer<SharedResource> t) : IAlertSource
{
    public AlertKind Kind => AlertKind.MapReports;
    public string SubscribePath => "/karte/benachrichtigungen";
    public string ListPath => "/karte";

    /// <summary>The same reports as the public map (<see cref="MapReports.IsPublic"/>).</summary>
    public static readonly Expression<Func<Concern, bool>> IsPublicMapReport = MapReports.IsPublic;

    public async Task<long> LatestItemIdAsync(CancellationToken ct) =>
        await db.Concerns.MaxAsync(c => (long?)c.Id, ct) ?? 0;

    public async Task<IReadOnlyDictionary<long, IReadOnlyList<AlertItem>>> NewItemsAsync(IReadOnlyList<AlertSubscription> subscriptions, DateTime since, CancellationToken ct)
    {
        var result = new Dictionary<long, IReadOnlyList<AlertItem>>();
        if (subscriptions.Count == 0)
        {
            return result;
        }

        var after = subscriptions.Min(s => s.StartAfterItemId);
        var reports = await db.Concerns.AsNoTracking().Where(IsPublicMapReport).Where(c => c.Id > after && c.ReceivedAt >= since)
            .OrderBy(c => c.Id)
            .Select(c => new Report(c.Id, c.ReferenceNumber, c.CategoryId, c.Category!.Name, c.Latitude!.Value, c.Longitude!.Value, c.ReceivedAt))
            .ToListAsync(ct);
        if (reports.Count == 0)
        {
            return result;
        }

        var parents = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.ParentId, ct);
        foreach (var subscription in subscriptions)
        {
            var filter = MapReportFilter.Parse(subscription.Filter);
            result[subscription.Id] = reports
                .Where(r => r.Id > subscription.StartAfterItemId && Matches(filter, r, parents))
                .Select(Item)
                .ToList();
        }

        return result;
    }

    public async Task<string> DescribeAsync(string filter, IStringLocalizer t, CancellationToken ct)
    {
        var f = MapReportFilter.Parse(filter);
        var area = f.District is { } district
            ? t["Neue Mängelmeldungen im Stadtteil {0}", district].Value
            : t["Neue Mängelmeldungen im Umkreis von {0} m um {1}, {2}", f.RadiusMeters ?? 0,
                (f.Latitude ?? 0).ToString("0.#####", CultureInfo.InvariantCulture), (f.Longitude ?? 0).ToString("0.#####", CultureInfo.InvariantCulture)].Value;
        if (f.CategoryId is not int categoryId)
        {
            return area;
        }

        var category = await db.Categories.AsNoTracking().Where(c => c.Id == categoryId).Select(c => c.Name).SingleOrDefaultAsync(ct);
        return category is null ? area : t["{0}, Thema: {1}", area, category];
    }

    private bool Matches(MapReportFilter filter, Report report, Dictionary<int, int?> parents)
    {
        if (filter.CategoryId is int wanted && !InCategory(report.CategoryId, wanted, parents))
        {
            return false;
        }

        if (filter.District is { } district)
        {
            return city.DistrictAt(report.Latitude, report.Longitude) == district;
        }

        return filter is { Latitude: double lat, Longitude: double lon, RadiusMeters: int radius }
            && DistanceMeters(lat, lon, report.Latitude, report.Longitude) <= radius;
    }

    private static bool InCategory(int? categoryId, int wanted, Dictionary<int, int?> parents)
    {
        for (var id = categoryId; id is int current; id = parents.GetValueOrDefault(current))
        {
            if (current == wanted)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Haversine on a sphere: at city scale it is right to a few metres.</summary>
    public static double DistanceMeters(double lat1, double lon1, double lat2, double lon2)
    {
        const double earthRadius = 6_371_000;
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(lat2 - lat1);
        var dLon = Radians(lon2 - lon1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + (Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Pow(Math.Sin(dLon / 2), 2));
        return 2 * earthRadius * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private AlertItem Item(Report report)
    {
        var district = city.DistrictAt(report.Latitude, report.Longitude);
        var details = string.Join(" · ", new[]
        {
            report.Category ?? t["ohne Thema"].Value,
            district ?? t["ohne Stadtteil"].Value,
            t["eingegangen am {0}", TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(report.ReceivedAt, DateTimeKind.Utc), CityClock.Zone).ToString("dd.MM.yyyy", PlatformModule.German)].Value,
        });
        return new AlertItem(report.Id, t["Meldung {0}", report.ReferenceNumber], details, null);
    }

    private sealed record Report(long Id, string ReferenceNumber, int? CategoryId, string? Category, double Latitude, double Longitude, DateTime ReceivedAt);
}
