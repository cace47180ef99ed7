using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Places;
using Rathaus.Data;

namespace Rathaus.Concerns.Map;

/// <summary>
/// The city boundary and districts in force: the newest administrator's import, else the shipped Lüneburg polygons.
/// Parsed once and kept; every node looks for a newer import at most every half minute (one small query), so an
/// import reaches all nodes without a restart.
/// </summary>
public sealed class CityAreas(TimeProvider clock)
{
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(30);
    private readonly Lock _lock = new();
    private (CityArea Area, int ImportId, DateTimeOffset CheckedAt)? _current;

    public CityArea Current(RathausDb db)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (_current is { } c && now - c.CheckedAt < Recheck)
            {
                return c.Area;
            }
        }

        var newest = db.CityAreaImports.AsNoTracking().OrderByDescending(i => i.Id).Select(i => i.Id).FirstOrDefault();
        lock (_lock)
        {
            if (_current is { } c && c.ImportId == newest)
            {
                _current = c with { CheckedAt = now };
                return c.Area;
            }
        }

        var area = newest == 0 ? CityArea.Lueneburg() : Parse(db.CityAreaImports.AsNoTracking().Where(i => i.Id == newest).Select(i => i.GeoJson).Single());
        lock (_lock)
        {
            _current = (area, newest, now);
        }

        return area;
    }

    /// <summary>After an import on this node: the next request reads it.</summary>
    public void Forget()
    {
        lock (_lock)
        {
            _current = null;
        }
    }

    private static CityArea Parse(string geoJson)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(geoJson));
        return CityArea.FromGeoJson(stream);
    }
}
