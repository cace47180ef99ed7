using Rathaus.Concerns.Map;

namespace Rathaus.Data.DemoData;

/// <summary>
/// A small plausible Straßenverzeichnis of Lüneburg for the map reports: real street names, house numbers spaced
/// evenly between two ends of the street, every point inside its district of the shipped polygons.
/// </summary>
internal static class LueneburgGazetteerDemo
{
    private static readonly (string Street, string Postcode, double FromLat, double FromLon, double ToLat, double ToLon, int Numbers)[] Streets =
    [
        ("Am Sande", "21335", 53.2486, 10.4058, 53.2492, 10.4090, 12),
        ("Bardowicker Straße", "21335", 53.2505, 10.4078, 53.2540, 10.4070, 20),
        ("Grapengießerstraße", "21335", 53.2480, 10.4085, 53.2462, 10.4110, 15),
        ("Rote Straße", "21335", 53.2470, 10.4050, 53.2450, 10.4040, 12),
        ("Bei der Abtspferdetränke", "21335", 53.2494, 10.4030, 53.2500, 10.4015, 8),
        ("Große Bäckerstraße", "21335", 53.2495, 10.4075, 53.2510, 10.4080, 10),
        ("Uelzener Straße", "21335", 53.2425, 10.4080, 53.2350, 10.4120, 20),
        ("Barckhausenstraße", "21335", 53.2400, 10.4050, 53.2380, 10.4120, 15),
        ("Carl-Friedrich-Goerdeler-Straße", "21337", 53.2380, 10.4250, 53.2370, 10.4330, 20),
        ("Scharnhorststraße", "21335", 53.2300, 10.4030, 53.2270, 10.4080, 10),
        ("Oedemer Weg", "21335", 53.2400, 10.3800, 53.2380, 10.3900, 10),
        ("Dahlenburger Landstraße", "21337", 53.2480, 10.4250, 53.2490, 10.4400, 20),
    ];

    public static IEnumerable<GazetteerAddress> Addresses()
    {
        foreach (var (street, postcode, fromLat, fromLon, toLat, toLon, numbers) in Streets)
        {
            for (var n = 1; n <= numbers; n++)
            {
                var share = numbers == 1 ? 0 : (n - 1) / (double)(numbers - 1);
                var number = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                yield return new GazetteerAddress
                {
                    Street = street,
                    HouseNumber = number,
                    Postcode = postcode,
                    Latitude = Math.Round(fromLat + ((toLat - fromLat) * share), 6),
                    Longitude = Math.Round(fromLon + ((toLon - fromLon) * share), 6),
                    SearchKey = Gazetteer.SearchKey(street + " " + number),
                };
            }
        }
    }
}
