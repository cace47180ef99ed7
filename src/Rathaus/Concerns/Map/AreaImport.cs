using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Concerns.Places;
using Rathaus.Data;
using Rathaus.Platform.Audit;

namespace Rathaus.Concerns.Map;

/// <summary>
/// Imports the city boundary and districts as a GeoJSON FeatureCollection: one feature with properties.kind "city",
/// the others "district", each with properties.name and a Polygon or MultiPolygon in WGS 84. Checked completely
/// before it is stored; every node picks it up within half a minute (<see cref="CityAreas"/>).
/// </summary>
public sealed class AreaImport(RathausDb db, CityAreas areas, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t)
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public async Task<(CityArea? Area, IReadOnlyList<string> Errors)> ImportAsync(string geoJson, string importedBy, CancellationToken ct)
    {
        var errors = Check(geoJson);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        CityArea area;
        using (var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(geoJson)))
        {
            area = CityArea.FromGeoJson(stream);
        }

        var before = areas.Current(db);
        db.CityAreaImports.Add(new CityAreaImport { GeoJson = geoJson, ImportedAt = clock.GetUtcNow().UtcDateTime, ImportedBy = importedBy });
        audit.Record("CityArea.Imported", nameof(CityAreaImport), "Stadtgebiet",
            new { Boundary = before.Boundary.Name, Districts = before.Districts.Select(d => d.Name) },
            new { Boundary = area.Boundary.Name, Districts = area.Districts.Select(d => d.Name) });
        await db.SaveChangesAsync(ct);
        areas.Forget();
        return (area, []);
    }

    /// <summary>Back to the shipped polygons: the imports are removed (the audit log keeps that it happened).</summary>
    public async Task RestoreShippedAsync(CancellationToken ct)
    {
        var before = areas.Current(db);
        var shipped = CityArea.Lueneburg();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.CityAreaImports.ExecuteDeleteAsync(ct);
        audit.Record("CityArea.Restored", nameof(CityAreaImport), "Stadtgebiet",
            new { Boundary = before.Boundary.Name, Districts = before.Districts.Select(d => d.Name) },
            new { Boundary = shipped.Boundary.Name, Districts = shipped.Districts.Select(d => d.Name) });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        areas.Forget();
    }

    private List<string> Check(string geoJson)
    {
        var errors = new List<string>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(geoJson);
        }
        catch (JsonException e)
        {
            errors.Add(t["Die Datei ist kein gültiges JSON (Zeile {0}).", (e.LineNumber ?? 0) + 1]);
            return errors;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "FeatureCollection"
                || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                errors.Add(t["Die Datei muss eine GeoJSON-FeatureCollection mit einer Liste „features“ sein."]);
                return errors;
            }

            var cities = 0;
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var index = 0;
            foreach (var feature in features.EnumerateArray())
            {
                index++;
                var properties = feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : (JsonElement?)null;
                var name = properties is { } ps && ps.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()!.Trim() : "";
                var kind = properties is { } pk && pk.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
                var label = name.Length > 0 ? name : t["Gebiet {0}", index].Value;
                if (name.Length is 0 or > 100)
                {
                    errors.Add(t["Gebiet {0}: properties.name fehlt oder ist länger als 100 Zeichen.", index]);
                }

                if (kind is "city")
                {
                    cities++;
                }
                else if (kind is not "district")
                {
                    errors.Add(t["{0}: properties.kind muss „city“ (Stadtgrenze) oder „district“ (Stadtteil) sein.", label]);
                }
                else if (name.Length > 0 && !names.Add(name))
                {
                    errors.Add(t["{0}: Diesen Stadtteil gibt es in der Datei zweimal.", label]);
                }

                if (!(feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty("geometry", out var geometry) && ValidGeometry(geometry)))
                {
                    errors.Add(t["{0}: Die Geometrie muss ein Polygon oder MultiPolygon sein, jeder Ring mit mindestens vier Punkten aus Längen- und Breitengrad (WGS 84).", label]);
                }
            }

            if (cities != 1)
            {
                errors.Add(t["Die Datei muss genau eine Stadtgrenze (properties.kind „city“) enthalten, sie enthält {0}.", cities]);
            }
        }

        return errors;
    }

    private static bool ValidGeometry(JsonElement geometry)
    {
        if (geometry.ValueKind != JsonValueKind.Object || !geometry.TryGetProperty("type", out var type) || !geometry.TryGetProperty("coordinates", out var coordinates)
            || coordinates.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        return type.GetString() switch
        {
            "Polygon" => ValidPolygon(coordinates),
            "MultiPolygon" => coordinates.GetArrayLength() > 0 && coordinates.EnumerateArray().All(ValidPolygon),
            _ => false,
        };
    }

    private static bool ValidPolygon(JsonElement rings) =>
        rings.ValueKind == JsonValueKind.Array && rings.GetArrayLength() > 0 && rings.EnumerateArray().All(ring =>
            ring.ValueKind == JsonValueKind.Array && ring.GetArrayLength() >= 4 && ring.EnumerateArray().All(point =>
                point.ValueKind == JsonValueKind.Array && point.GetArrayLength() >= 2
                && point[0].ValueKind == JsonValueKind.Number && point[1].ValueKind == JsonValueKind.Number
                && Math.Abs(point[0].GetDouble()) <= 180 && Math.Abs(point[1].GetDouble()) <= 90));
}
