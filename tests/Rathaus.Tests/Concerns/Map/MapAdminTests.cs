using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Rathaus.Tests.Infrastructure;
using static Rathaus.Tests.Concerns.Map.MapTestData;

namespace Rathaus.Tests.Concerns.Map;

/// <summary>/intern/karte: the administrator replaces the Straßenverzeichnis (CSV) and the city's areas (GeoJSON).</summary>
public abstract class MapAdminTests(RathausApp app)
{
    private const string Admin = "/intern/karte";

    [Fact]
    public async Task Only_an_administrator_manages_the_gazetteer_and_the_areas()
    {
        using var caseWorker = await app.LoggedInAsync(DemoAccounts.CaseWorker);
        await caseWorker.AssertAccessDeniedAsync(Admin);
        using var admin = await app.LoggedInAsync(DemoAccounts.Admin);
        Assert.Contains("Kaltenmoor", Text(await admin.GetPageAsync(Admin)));
    }

    [Fact]
    public async Task A_csv_with_bad_lines_is_refused_line_by_line_in_german_and_a_good_one_replaces_the_gazetteer()
    {
        using var admin = await app.LoggedInAsync(DemoAccounts.Admin);
        int before;
        await using (var db = app.Db())
        {
            before = await db.GazetteerAddresses.CountAsync();
        }

        var bad = "Straße;Hausnummer;Postleitzahl;Breitengrad;Längengrad\n" +
                  "Am Sande;1;21335;53,2486;10,4058\n" +
                  "Am Sande;2;2133;abc;10,4060\n" +
                  "Elbchaussee;1;22763;53,5472;9,9180\n" +
                  "Am Sande;1;21335;53,2486;10,4058\n" +
                  "Nur;zwei\n";
        var refused = await PageClient.PageOf(await admin.SubmitAsync(Admin, new() { ["AddressText"] = bad }, button: "Straßenverzeichnis ersetzen"));
        var errors = refused.QuerySelectorAll(".import-errors li").Select(e => e.TextContent.Trim()).ToList();
        Assert.Contains("Zeile 3: Die Postleitzahl „2133“ ist keine fünfstellige Zahl.", errors);
        Assert.Contains("Zeile 3: Der Breitengrad „abc“ ist keine Zahl zwischen -90 und 90.", errors);
        Assert.Contains("Zeile 4: Der Ort (53,5472, 9,9180) liegt außerhalb des Stadtgebiets.", errors);
        Assert.Contains("Zeile 5: Die Adresse Am Sande 1 steht schon in Zeile 2.", errors);
        Assert.Contains("Zeile 6: Erwartet werden 5 Spalten (Straße, Hausnummer, Postleitzahl, Breitengrad, Längengrad), gefunden wurden 2.", errors);
        await using (var db = app.Db())
        {
            Assert.Equal(before, await db.GazetteerAddresses.CountAsync());
        }

        // The download, with one street more, is taken over as a whole.
        var csv = await admin.Http.GetStringAsync(Admin + "/csv");
        Assert.StartsWith("Straße;Hausnummer;Postleitzahl;Breitengrad;Längengrad", csv.TrimStart('\uFEFF'));
        var response = await admin.SubmitAsync(Admin, new() { ["AddressText"] = csv.TrimStart('\uFEFF') + "Auf dem Meere;7;21335;53,2493;10,4010\n" }, button: "Straßenverzeichnis ersetzen");
        var done = await admin.FollowAsync(response);
        Assert.Contains($"Das Straßenverzeichnis wurde ersetzt: {before + 1} Adressen.", Text(done));

        using var json = JsonDocument.Parse(await admin.Http.GetStringAsync(ReportUrl + "?handler=Suche&q=auf dem meere"));
        Assert.Equal("Auf dem Meere 7", json.RootElement[0].GetProperty("label").GetString());
        await using (var db = app.Db())
        {
            Assert.Contains(await db.AuditEntries.Where(e => e.Action == "Gazetteer.Imported").ToListAsync(), e => e.After!.Contains((before + 1).ToString(), StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Imported_districts_decide_where_a_pin_lies_and_the_shipped_ones_can_be_restored()
    {
        using var admin = await app.LoggedInAsync(DemoAccounts.Admin);
        var broken = await PageClient.PageOf(await admin.SubmitAsync(Admin, new() { ["AreaText"] = "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"kind\": \"district\", \"name\": \"Mitte\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [10.4, 53.2]}}]}" }, button: "Stadtgebiet übernehmen"));
        var errors = broken.QuerySelectorAll(".import-errors li").Select(e => e.TextContent.Trim()).ToList();
        Assert.Contains("Mitte: Die Geometrie muss ein Polygon oder MultiPolygon sein, jeder Ring mit mindestens vier Punkten aus Längen- und Breitengrad (WGS 84).", errors);
        Assert.Contains("Die Datei muss genau eine Stadtgrenze (properties.kind „city“) enthalten, sie enthält 0.", errors);
        var notJson = await PageClient.PageOf(await admin.SubmitAsync(Admin, new() { ["AreaText"] = "{ kaputt" }, button: "Stadtgebiet übernehmen"));
        Assert.Contains("Die Datei ist kein gültiges JSON (Zeile 1).", notJson.QuerySelectorAll(".import-errors li").Select(e => e.TextContent.Trim()));

        // The shipped file with Kaltenmoor renamed.
        var shipped = JsonNode.Parse(typeof(Rathaus.Concerns.Places.CityArea).Assembly.GetManifestResourceStream("Rathaus.Concerns.Places.lueneburg.geojson")!)!;
        foreach (var feature in shipped["features"]!.AsArray())
        {
            if ((string?)feature!["properties"]!["name"] == "Kaltenmoor")
            {
                feature["properties"]!["name"] = "Kaltenmoor-Nord";
            }
        }

        try
        {
            var done = await admin.FollowAsync(await admin.SubmitAsync(Admin, new() { ["AreaText"] = shipped.ToJsonString() }, button: "Stadtgebiet übernehmen"));
            Assert.Contains("Stadtgrenze und Stadtteile wurden übernommen: 11 Stadtteile.", Text(done));
            Assert.Equal("Kaltenmoor-Nord", await DistrictAtAsync(admin, Kaltenmoor));
        }
        finally
        {
            await admin.FollowAsync(await admin.SubmitAsync(Admin, new(), button: "Mitgelieferte Stadtteilgrenzen wiederherstellen"));
        }

        Assert.Equal("Kaltenmoor", await DistrictAtAsync(admin, Kaltenmoor));
    }

    [Fact]
    public async Task A_responsibility_rule_names_a_district_of_the_polygons_or_is_refused()
    {
        var topic = await NewTopicAsync(app);
        using var admin = await app.LoggedInAsync(DemoAccounts.Admin);
        await using var db = app.Db();
        var unit = await db.OrgUnits.Where(u => u.Code == "7.1").Select(u => u.Id).SingleAsync();
        var page = await PageClient.PageOf(await admin.SubmitAsync("/intern/zustaendigkeiten/regel", new()
        {
            ["Input.CategoryId"] = topic.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.District"] = "Hafencity",
            ["Input.OrgUnitId"] = unit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        Assert.Contains(PageClient.Errors(page), e => e.StartsWith("Den Stadtteil „Hafencity“ gibt es in den Stadtteilgrenzen nicht. Bitte wählen Sie einen dieser Stadtteile: ", StringComparison.Ordinal) && e.Contains("Kaltenmoor", StringComparison.Ordinal));

        // Typed in lower case, stored as the polygon spells it, so that pins match.
        var saved = await admin.SubmitAsync("/intern/zustaendigkeiten/regel", new()
        {
            ["Input.CategoryId"] = topic.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.District"] = "kaltenmoor",
            ["Input.OrgUnitId"] = unit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True(await db.ResponsibilityRules.AnyAsync(r => r.CategoryId == topic.Id && r.District == "Kaltenmoor"));
    }

    private static async Task<string?> DistrictAtAsync(PageClient client, (double Lat, double Lon) place)
    {
        using var json = JsonDocument.Parse(await client.Http.GetStringAsync($"{ReportUrl}?handler=Ort&lat={F(place.Lat)}&lon={F(place.Lon)}"));
        return json.RootElement.GetProperty("district").GetString();
    }
}

[Collection(nameof(SqliteApp))]
public sealed class MapAdminTests_Sqlite(SqliteApp app) : MapAdminTests(app);

[Collection(nameof(PostgresApp))]
public sealed class MapAdminTests_Postgres(PostgresApp app) : MapAdminTests(app);
