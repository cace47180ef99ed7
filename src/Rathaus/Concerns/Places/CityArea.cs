using System.Text.Json;

namespace Rathaus.Concerns.Places;

/// <summary>A named area of the city (the boundary or a Stadtteil) as a GeoJSON polygon in WGS 84.</summary>
public sealed record Area(string Name, IReadOnlyList<Polygon> Polygons)
{
    public bool Contains(double latitude, double longitude) => Polygons.Any(p => p.Contains(latitude, longitude));
}

/// <summary>One GeoJSON polygon: an outer ring and optional holes, each as (longitude, latitude) pairs.</summary>
public sealed record Polygon(IReadOnlyList<(double Longitude, double Latitude)> Outer, IReadOnlyList<IReadOnlyList<(double Longitude, double Latitude)>> Holes)
{
    public bool Contains(double latitude, double longitude) =>
        InRing(Outer, latitude, longitude) && !Holes.Any(h => InRing(h, latitude, longitude));

    // Ray casting on the plane: at city scale (a few kilometres) the curvature of the earth does not matter.
    private static bool InRing(IReadOnlyList<(double Longitude, double Latitude)> ring, double latitude, double longitude)
    {
        var inside = false;
        for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
        {
            var (xi, yi) = ring[i];
            var (xj, yj) = ring[j];
            if ((yi > latitude) != (yj > latitude) && longitude < ((xj - xi) * (latitude - yi) / (yj - yi)) + xi)
            {
                inside = !inside;
            }
        }

        return inside;
    }
}

/// <summary>
/// The city boundary and its districts (Stadtteile), from a GeoJSON FeatureCollection whose features carry
/// <c>properties.kind</c> ("city" or "district") and <c>properties.name</c>. Answers "is this point in the city?" and
/// "in which district?" without any external geocoder. The demo city ships simplified polygons of Lüneburg
/// (Concerns/Places/lueneburg.geojson); an administrator's import can replace them later.
/// </summary>
public sealed class CityArea
{
    public CityArea(Area boundary, IReadOnlyList<Area> districts)
    {
        Boundary = boundary;
        Districts = districts;
    }

    public Area Boundary { get; }
    public IReadOnlyList<Area> Districts { get; }

    /// <summary>The polygons of the Lüneburg demo city, embedded in the assembly.</summary>
    public static CityArea Lueneburg()
    {
        using var stream = typeof(CityArea).Assembly.GetManifestResourceStream("Rathaus.Concerns.Places.lueneburg.geojson")
            ?? throw new InvalidOperationException("The embedded Lüneburg GeoJSON is missing.");
        return FromGeoJson(stream);
    }

    public static CityArea FromGeoJson(Stream geoJson)
    {
        using var document = JsonDocument.Parse(geoJson);
        Area? boundary = null;
        var districts = new List<Area>();
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var properties = feature.GetProperty("properties");
            var name = properties.GetProperty("name").GetString() ?? throw new FormatException("A feature has no name.");
            var area = new Area(name, ReadPolygons(feature.GetProperty("geometry")));
            if (properties.GetProperty("kind").GetString() == "city")
            {
                boundary = area;
            }
            else
            {
                districts.Add(area);
            }
        }

        return new CityArea(boundary ?? throw new FormatException("The GeoJSON has no feature of kind \"city\"."), districts);
    }

    /// <summary>True when the point lies within the city boundary.</summary>
    public bool Contains(double latitude, double longitude) => Boundary.Contains(latitude, longitude);

    /// <summary>The district the point lies in, or null (outside the city or between the drawn districts).</summary>
    public string? DistrictAt(double latitude, double longitude) =>
        Contains(latitude, longitude) ? Districts.FirstOrDefault(d => d.Contains(latitude, longitude))?.Name : null;

    private static List<Polygon> ReadPolygons(JsonElement geometry)
    {
        var coordinates = geometry.GetProperty("coordinates");
        return geometry.GetProperty("type").GetString() switch
        {
            "Polygon" => [ReadPolygon(coordinates)],
            "MultiPolygon" => coordinates.EnumerateArray().Select(ReadPolygon).ToList(),
            var other => throw new FormatException($"Geometry type {other} is not an area."),
        };
    }

    private static Polygon ReadPolygon(JsonElement rings)
    {
        var all = rings.EnumerateArray()
            .Select(ring => (IReadOnlyList<(double, double)>)ring.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToList())
            .ToList();
        return new Polygon(all[0], all.Skip(1).ToList());
    }
}
