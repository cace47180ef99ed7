using Rathaus.Concerns.Places;

namespace Rathaus.Tests.Concerns.Places;

public sealed class CityAreaTests
{
    private static readonly CityArea Lueneburg = CityArea.Lueneburg();

    [Theory]
    [InlineData(53.2497, 10.4078, "Altstadt")]         // town hall, Am Ochsenmarkt
    [InlineData(53.2387, 10.4330, "Kaltenmoor")]
    [InlineData(53.2380, 10.4080, "Rotes Feld")]
    [InlineData(53.2250, 10.4100, "Bockelsberg")]
    [InlineData(53.2400, 10.3750, "Oedeme")]
    [InlineData(53.2550, 10.3800, "Weststadt")]
    [InlineData(53.2680, 10.4050, "Goseburg-Zeltberg")]
    [InlineData(53.2650, 10.4350, "Lüne-Moorfeld")]
    [InlineData(53.2500, 10.4400, "Ebensberg")]
    [InlineData(53.2250, 10.4350, "Mittelfeld")]
    [InlineData(53.2200, 10.3800, "Häcklingen")]
    public void A_point_in_a_district_is_in_the_city_and_named(double latitude, double longitude, string district)
    {
        Assert.True(Lueneburg.Contains(latitude, longitude));
        Assert.Equal(district, Lueneburg.DistrictAt(latitude, longitude));
    }

    [Theory]
    [InlineData(53.5511, 9.9937)]   // Hamburg
    [InlineData(53.3000, 10.4000)]  // north of the city, Bardowick
    [InlineData(53.2000, 10.4000)]  // south of the city
    [InlineData(0, 0)]
    public void A_point_outside_the_boundary_is_outside_and_in_no_district(double latitude, double longitude)
    {
        Assert.False(Lueneburg.Contains(latitude, longitude));
        Assert.Null(Lueneburg.DistrictAt(latitude, longitude));
    }

    [Fact]
    public void Districts_do_not_overlap()
    {
        for (var lat = 53.205; lat < 53.285; lat += 0.001)
        {
            for (var lon = 10.345; lon < 10.465; lon += 0.001)
            {
                var hits = Lueneburg.Districts.Count(d => d.Contains(lat, lon));
                Assert.True(hits <= 1, $"{lat:F3}, {lon:F3} lies in {hits} districts");
            }
        }
    }

    [Fact]
    public void Holes_and_multipolygons_from_geojson_are_respected()
    {
        const string GeoJson = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"kind":"city","name":"Stadt"},"geometry":{"type":"MultiPolygon","coordinates":[
                [[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[6,4],[6,6],[4,6],[4,4]]],
                [[[20,20],[30,20],[30,30],[20,30],[20,20]]]]}},
              {"type":"Feature","properties":{"kind":"district","name":"Nord"},"geometry":{"type":"Polygon","coordinates":[[[0,5],[10,5],[10,10],[0,10],[0,5]]]}}]}
            """;
        var area = CityArea.FromGeoJson(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(GeoJson)));
        Assert.True(area.Contains(1, 1));
        Assert.False(area.Contains(5, 5));   // in the hole
        Assert.True(area.Contains(25, 25));  // second polygon
        Assert.Equal("Nord", area.DistrictAt(8, 2));
        Assert.Null(area.DistrictAt(2, 2));
    }
}
