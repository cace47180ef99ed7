namespace Rathaus.Concerns.Map;

/// <summary>Configuration section "Map": the tile server and the radius for nearby reports.</summary>
public sealed class MapOptions
{
    public const string Section = "Map";

    /// <summary>Leaflet tile URL template; empty shows the map without a background (pins still work).</summary>
    public string TileUrl { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    public string TileAttribution { get; set; } = "© OpenStreetMap-Mitwirkende";

    /// <summary>Open reports of the same category within this distance are shown before submitting (FixMyStreet: 250 m).</summary>
    public int NearbyRadiusMeters { get; set; } = 250;

    /// <summary>The map's start view when no pin is set.</summary>
    public double CenterLatitude { get; set; } = 53.2488;

    public double CenterLongitude { get; set; } = 10.4073;

    public int Zoom { get; set; } = 15;

    /// <summary>The tile server's origin for the Content-Security-Policy's img-src, e.g. https://tile.openstreetmap.org.</summary>
    public string? TileOrigin
    {
        get
        {
            // Leaflet's {s} picks one of several subdomains: allow them all.
            var wildcard = TileUrl.Contains("{s}.", StringComparison.Ordinal);
            return Uri.TryCreate(TileUrl.Replace("{s}.", "", StringComparison.Ordinal), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                ? $"{uri.Scheme}://{(wildcard ? "*." : "")}{uri.Authority}"
                : null;
        }
    }
}
