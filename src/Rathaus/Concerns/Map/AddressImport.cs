using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Concerns.Places;
using Rathaus.Data;
using Rathaus.Platform.Audit;

namespace Rathaus.Concerns.Map;

public sealed record AddressImportResult(int Imported, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Replaces the gazetteer with a CSV file (Straße; Hausnummer; Postleitzahl; Breitengrad; Längengrad), with a header
/// line, separated by semicolons (Excel in German; then a decimal comma is fine) or commas. Every line is checked
/// first; the file is taken over only when no line has an error, so a half-imported Straßenverzeichnis never exists.
/// </summary>
public sealed class AddressImport(RathausDb db, CityArea city, AuditLog audit, IStringLocalizer<SharedResource> t)
{
    public const int MaxBytes = 20 * 1024 * 1024;
    private const int MaxErrors = 50;

    public async Task<AddressImportResult> ImportAsync(string csv, CancellationToken ct)
    {
        var errors = new List<string>();
        var addresses = new List<GazetteerAddress>();
        var lines = csv.ReplaceLineEndings("\n").Split('\n');
        var header = lines.Length > 0 ? lines[0].TrimStart('\uFEFF') : "";
        var delimiter = header.Contains(';', StringComparison.Ordinal) ? ';' : ',';
        if (!header.Contains("Straße", StringComparison.OrdinalIgnoreCase) && !header.Contains("Strasse", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(t["Zeile 1: Die erste Zeile muss die Spaltennamen enthalten: Straße; Hausnummer; Postleitzahl; Breitengrad; Längengrad."]);
            return new AddressImportResult(0, errors);
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 1; i < lines.Length && errors.Count < MaxErrors; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var number = i + 1;
            var fields = Split(line, delimiter);
            if (fields.Count != 5)
            {
                errors.Add(t["Zeile {0}: Erwartet werden 5 Spalten (Straße, Hausnummer, Postleitzahl, Breitengrad, Längengrad), gefunden wurden {1}.", number, fields.Count]);
                continue;
            }

            var (street, house, postcode, latText, lonText) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
            var before = errors.Count;
            if (street.Length is 0 or > 200)
            {
                errors.Add(t["Zeile {0}: Die Straße fehlt oder ist länger als 200 Zeichen.", number]);
            }

            if (house.Length is 0 or > 20)
            {
                errors.Add(t["Zeile {0}: Die Hausnummer fehlt oder ist länger als 20 Zeichen.", number]);
            }

            if (postcode.Length > 0 && !(postcode.Length == 5 && postcode.All(char.IsAsciiDigit)))
            {
                errors.Add(t["Zeile {0}: Die Postleitzahl „{1}“ ist keine fünfstellige Zahl.", number, postcode]);
            }

            var latitude = Number(latText, delimiter, 90);
            var longitude = Number(lonText, delimiter, 180);
            if (latitude is null)
            {
                errors.Add(t["Zeile {0}: Der Breitengrad „{1}“ ist keine Zahl zwischen -90 und 90.", number, latText]);
            }

            if (longitude is null)
            {
                errors.Add(t["Zeile {0}: Der Längengrad „{1}“ ist keine Zahl zwischen -180 und 180.", number, lonText]);
            }

            if (latitude is double lat && longitude is double lon && !city.Contains(lat, lon))
            {
                errors.Add(t["Zeile {0}: Der Ort ({1}, {2}) liegt außerhalb des Stadtgebiets.", number, latText, lonText]);
            }

            if (errors.Count > before)
            {
                continue;
            }

            var key = Gazetteer.SearchKey(street + " " + house);
            if (seen.TryGetValue(key, out var first))
            {
                errors.Add(t["Zeile {0}: Die Adresse {1} {2} steht schon in Zeile {3}.", number, street, house, first]);
                continue;
            }

            seen[key] = number;
            addresses.Add(new GazetteerAddress
            {
                Street = street,
                HouseNumber = house,
                Postcode = postcode.Length == 0 ? null : postcode,
                Latitude = latitude!.Value,
                Longitude = longitude!.Value,
                SearchKey = key,
            });
        }

        if (errors.Count == 0 && addresses.Count == 0)
        {
            errors.Add(t["Die Datei enthält keine Adressen."]);
        }

        if (errors.Count > 0)
        {
            return new AddressImportResult(0, errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var previous = await db.GazetteerAddresses.CountAsync(ct);
        await db.GazetteerAddresses.ExecuteDeleteAsync(ct);
        db.GazetteerAddresses.AddRange(addresses);
        audit.Record("Gazetteer.Imported", nameof(GazetteerAddress), "Straßenverzeichnis", new { Addresses = previous }, new { Addresses = addresses.Count });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new AddressImportResult(addresses.Count, []);
    }

    /// <summary>The gazetteer as CSV in the import's format, to edit and upload again.</summary>
    public async Task<byte[]> ExportAsync(CancellationToken ct)
    {
        var text = new StringBuilder("Straße;Hausnummer;Postleitzahl;Breitengrad;Längengrad\n");
        await foreach (var a in db.GazetteerAddresses.AsNoTracking().OrderBy(a => a.Street).ThenBy(a => a.HouseNumber).AsAsyncEnumerable().WithCancellation(ct))
        {
            text.Append(a.Street).Append(';').Append(a.HouseNumber).Append(';').Append(a.Postcode).Append(';')
                .Append(a.Latitude.ToString("0.######", CultureInfo.InvariantCulture)).Append(';')
                .Append(a.Longitude.ToString("0.######", CultureInfo.InvariantCulture)).Append('\n');
        }

        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
    }

    private static double? Number(string text, char delimiter, double limit)
    {
        // With semicolons, German spreadsheets write a decimal comma.
        var normalized = delimiter == ';' ? text.Replace(',', '.') : text;
        return normalized.Length <= 30 && double.TryParse(normalized, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && Math.Abs(value) <= limit
            ? value
            : null;
    }

    /// <summary>One CSV line; a field in double quotes may contain the delimiter ("" is a quote).</summary>
    private static List<string> Split(string line, char delimiter)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == delimiter)
            {
                fields.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(ch);
            }
        }

        fields.Add(current.ToString().Trim());
        return fields;
    }
}
