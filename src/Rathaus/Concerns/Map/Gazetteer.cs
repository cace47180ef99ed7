using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rathaus.Data;

namespace Rathaus.Concerns.Map;

public sealed record FoundAddress(string Label, string? Postcode, double Latitude, double Longitude, double DistanceMeters);

/// <summary>
/// The local gazetteer: address search by prefix (case- and umlaut-insensitive: "grapengiesser" finds
/// "Grapengießerstraße") and the reverse lookup of a pin. No external geocoder is ever asked.
/// </summary>
public sealed partial class Gazetteer(RathausDb db)
{
    [GeneratedRegex(@"str\.?(?=\s|$)")]
    private static partial Regex StreetAbbreviation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>Lower case, umlauts and ß spelled out, "str." as "strasse", single spaces.</summary>
    public static string SearchKey(string text)
    {
        var folded = new StringBuilder(text.Length + 8);
        foreach (var ch in text.Trim().ToLowerInvariant())
        {
            folded.Append(ch switch
            {
                'ä' => "ae",
                'ö' => "oe",
                'ü' => "ue",
                'ß' => "ss",
                '-' or ',' => " ",
                _ => ch.ToString(),
            });
        }

        var key = StreetAbbreviation().Replace(folded.ToString(), "strasse");
        return Spaces().Replace(key, " ").Trim();
    }

    /// <summary>Addresses whose street (or a word of it) starts with the text, e.g. "sande 1" or "Rote Str".</summary>
    public async Task<IReadOnlyList<FoundAddress>> SearchAsync(string text, int limit, CancellationToken ct)
    {
        var key = SearchKey(text);
        if (key.Length < 2)
        {
            return [];
        }

        var wordKey = " " + key;
        var found = await db.GazetteerAddresses.AsNoTracking()
            .Where(a => a.SearchKey.StartsWith(key) || a.SearchKey.Contains(wordKey))
            .OrderBy(a => a.Street).ThenBy(a => a.HouseNumber.Length).ThenBy(a => a.HouseNumber)
            .Take(limit)
            .ToListAsync(ct);
        return found.Select(a => new FoundAddress(a.Label, a.Postcode, a.Latitude, a.Longitude, 0)).ToList();
    }

    /// <summary>The address exactly as typed (after folding), else null.</summary>
    public async Task<FoundAddress?> ExactAsync(string text, CancellationToken ct)
    {
        var key = SearchKey(text);
        var a = await db.GazetteerAddresses.AsNoTracking().Where(a => a.SearchKey == key).FirstOrDefaultAsync(ct);
        return a is null ? null : new FoundAddress(a.Label, a.Postcode, a.Latitude, a.Longitude, 0);
    }

    /// <summary>The nearest address to a pin within two kilometres, else null.</summary>
    public async Task<FoundAddress?> NearestAsync(double latitude, double longitude, CancellationToken ct)
    {
        // A box first (an index range on latitude), then the exact distance in memory; widen if the box is empty.
        foreach (var meters in new[] { 300.0, 2000.0 })
        {
            var (dLat, dLon) = Geo.Box(latitude, meters);
            var candidates = await db.GazetteerAddresses.AsNoTracking()
                .Where(a => a.Latitude >= latitude - dLat && a.Latitude <= latitude + dLat && a.Longitude >= longitude - dLon && a.Longitude <= longitude + dLon)
                .ToListAsync(ct);
            var nearest = candidates
                .Select(a => (Address: a, Distance: Geo.DistanceMeters(latitude, longitude, a.Latitude, a.Longitude)))
                .Where(x => x.Distance <= meters)
                .OrderBy(x => x.Distance)
                .FirstOrDefault();
            if (nearest.Address is { } n)
            {
                return new FoundAddress(n.Label, n.Postcode, n.Latitude, n.Longitude, nearest.Distance);
            }
        }

        return null;
    }
}

/// <summary>Distances on the sphere; at city scale exact to well below a metre.</summary>
public static class Geo
{
    private const double EarthRadius = 6_371_000;

    public static double DistanceMeters(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double deg) => deg * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadius * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>Half the side of a box of degrees around a latitude that holds every point within <paramref name="meters"/>.</summary>
    public static (double Latitude, double Longitude) Box(double latitude, double meters)
    {
        var dLat = meters / EarthRadius * 180 / Math.PI;
        return (dLat, dLat / Math.Max(0.01, Math.Cos(latitude * Math.PI / 180)));
    }

    public static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
