using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Model;
using Rathaus.Tests.Infrastructure;
using static Rathaus.Tests.Concerns.Map.MapTestData;

namespace Rathaus.Tests.Concerns.Map;

/// <summary>/melden: a citizen places a damage report on the map, by pin, coordinates or address, without JavaScript.</summary>
public abstract class MapReportTests(RathausApp app)
{
    [Fact]
    public async Task A_pin_in_Kaltenmoor_is_a_map_report_routed_by_the_district_polygon_and_one_in_the_Altstadt_by_the_city_rule()
    {
        var topic = await NewTopicAsync(app, districtRule: "Kaltenmoor", districtUnit: "7.1");
        using var client = app.Client();
        var inKaltenmoor = await SubmitAsync(client, Report(topic.Id, Kaltenmoor, "Laterne flackert"));
        var inAltstadt = await SubmitAsync(client, Report(topic.Id, North(Altstadt, 2000), "Laterne aus"));

        await using var db = app.Db();
        var first = await db.Concerns.Include(c => c.OrgUnit).SingleAsync(c => c.ReferenceNumber == inKaltenmoor);
        Assert.Equal(ConcernKind.DefectReport, first.Kind);
        Assert.Equal(Channel.Map, first.Channel);
        Assert.Equal("Kaltenmoor", first.District);
        Assert.Equal("7.1", first.OrgUnit!.Code);
        Assert.Equal(Kaltenmoor.Lat, first.Latitude!.Value, 5);
        Assert.Equal(Kaltenmoor.Lon, first.Longitude!.Value, 5);
        Assert.StartsWith("bei Carl-Friedrich-Goerdeler-Straße ", first.LocationText);

        var second = await db.Concerns.Include(c => c.OrgUnit).SingleAsync(c => c.ReferenceNumber == inAltstadt);
        Assert.NotEqual("Kaltenmoor", second.District);
        Assert.Equal("7.2", second.OrgUnit!.Code);
    }

    [Fact]
    public async Task Without_javascript_an_address_from_the_gazetteer_sets_the_place_and_shows_the_district()
    {
        using var client = app.Client();
        var page = await PageClient.PageOf(await client.SubmitAsync(ReportUrl, new() { ["Input.Location"] = "am sande 3" }, button: "Ort prüfen"));
        Assert.Contains("Gewählter Ort: bei Am Sande 3 (Altstadt).", Text(page));
        Assert.StartsWith("53.24", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Latitude")!.Value);
        Assert.Empty(PageClient.Errors(page));

        var several = await PageClient.PageOf(await client.SubmitAsync(ReportUrl, new() { ["Input.Location"] = "Am Sande" }, button: "Ort prüfen"));
        Assert.Contains("Zu dieser Eingabe passen mehrere Adressen. Bitte wählen Sie eine aus.", PageClient.Errors(several));
        Assert.Contains(several.QuerySelectorAll("input[name='Input.ChosenAddress']"), r => r.GetAttribute("value") == "Am Sande 10");

        var chosen = await PageClient.PageOf(await client.SubmitAsync(several, ReportUrl, new() { ["Input.ChosenAddress"] = "Am Sande 10" }, button: "Ort prüfen"));
        Assert.Contains("Gewählter Ort: bei Am Sande 10 (Altstadt).", Text(chosen));

        var unknown = await PageClient.PageOf(await client.SubmitAsync(ReportUrl, new() { ["Input.Location"] = "Elbchaussee 1" }, button: "Ort prüfen"));
        Assert.Contains("Diese Adresse finden wir nicht im Straßenverzeichnis. Bitte prüfen Sie die Schreibweise oder setzen Sie die Markierung auf der Karte.", PageClient.Errors(unknown));
    }

    [Fact]
    public async Task A_pin_outside_the_city_or_no_place_at_all_is_refused_with_a_clear_message_and_nothing_is_stored()
    {
        var topic = await NewTopicAsync(app);
        using var client = app.Client();
        var outside = await client.SubmitAsync(ReportUrl, Report(topic.Id, Hamburg, "Schlagloch in Hamburg"));
        Assert.Equal(HttpStatusCode.OK, outside.StatusCode);
        Assert.Contains("Dieser Ort liegt außerhalb des Stadtgebiets. Meldungen nehmen wir nur für das Stadtgebiet an. Bitte setzen Sie die Markierung innerhalb der Stadtgrenze.",
            PageClient.Errors(await PageClient.PageOf(outside)));

        var values = Report(topic.Id, Kaltenmoor, "Ohne Ort");
        values["Input.Latitude"] = "";
        values["Input.Longitude"] = "nördlich";
        var broken = await PageClient.PageOf(await client.SubmitAsync(ReportUrl, values));
        Assert.Contains("Bitte geben Sie den Breitengrad als Dezimalzahl an, zum Beispiel 53,2489.", PageClient.Errors(broken));
        Assert.Contains("Bitte geben Sie den Längengrad als Dezimalzahl an, zum Beispiel 10,4075.", PageClient.Errors(broken));

        values = Report(topic.Id, Kaltenmoor, "");
        values["Input.CategoryId"] = "";
        var empty = await PageClient.PageOf(await client.SubmitAsync(ReportUrl, values));
        Assert.Contains("Bitte wählen Sie, was Sie melden möchten.", PageClient.Errors(empty));
        Assert.Contains("Bitte beschreiben Sie Ihr Anliegen.", PageClient.Errors(empty));

        await using var db = app.Db();
        Assert.Equal(0, await db.Concerns.CountAsync(c => c.CategoryId == topic.Id));
    }

    [Fact]
    public async Task The_address_search_finds_streets_by_prefix_without_case_or_umlauts_and_a_pin_gets_its_nearest_address()
    {
        using var client = app.Client();
        async Task<List<string>> Search(string q)
        {
            using var json = JsonDocument.Parse(await client.Http.GetStringAsync(ReportUrl + "?handler=Suche&q=" + Uri.EscapeDataString(q)));
            return json.RootElement.EnumerateArray().Select(a => a.GetProperty("label").GetString()!).ToList();
        }

        Assert.Contains("Grapengießerstraße 1", await Search("grapengiesser"));
        Assert.Contains("Grapengießerstraße 1", await Search("GRAPENGIEßER"));
        Assert.Equal("Bardowicker Straße 3", (await Search("bardowicker str. 3")).First());
        Assert.Contains("Bei der Abtspferdetränke 2", await Search("Abtspferdetraenke"));
        Assert.Empty(await Search("Elbchaussee"));

        using var place = JsonDocument.Parse(await client.Http.GetStringAsync($"{ReportUrl}?handler=Ort&lat={F(53.2486)}&lon={F(10.4058)}"));
        Assert.True(place.RootElement.GetProperty("inCity").GetBoolean());
        Assert.Equal("Am Sande 1", place.RootElement.GetProperty("address").GetString());
        Assert.Equal("Altstadt", place.RootElement.GetProperty("district").GetString());

        using var outside = JsonDocument.Parse(await client.Http.GetStringAsync($"{ReportUrl}?handler=Ort&lat={F(Hamburg.Lat)}&lon={F(Hamburg.Lon)}"));
        Assert.False(outside.RootElement.GetProperty("inCity").GetBoolean());
        Assert.StartsWith("Dieser Ort liegt außerhalb des Stadtgebiets.", outside.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_nearby_open_report_of_the_same_topic_is_shown_first_and_can_be_supported_once_per_browser()
    {
        var topic = await NewTopicAsync(app);
        using var first = app.Client();
        var existing = await SubmitAsync(first, Report(topic.Id, Altstadt, "Laterne am Sande dunkel"));

        using var citizen = app.Client();
        var near = North(Altstadt, 120);
        var stopped = await citizen.SubmitAsync(ReportUrl, Report(topic.Id, near, "Laterne dunkel, wie schon gemeldet?"));
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        var page = await PageClient.PageOf(stopped);
        Assert.Contains("Bitte prüfen Sie zuerst die Meldungen in der Nähe", Text(page));
        var listed = page.QuerySelector("#in-der-naehe-liste")!.TextContent;
        Assert.Contains(existing, listed);
        Assert.Contains("120 m entfernt", listed);

        // Far away (more than 250 m) or another topic: not listed.
        using (var json = JsonDocument.Parse(await citizen.Http.GetStringAsync($"{ReportUrl}?handler=Ort&lat={F(North(Altstadt, 400).Lat)}&lon={F(Altstadt.Lon)}&kategorie={topic.Id}")))
        {
            Assert.Equal(0, json.RootElement.GetProperty("nearby").GetArrayLength());
        }

        var supported = await citizen.SubmitAsync(page, ReportUrl, new(), button: "Ich bin auch betroffen");
        Assert.Equal(HttpStatusCode.Redirect, supported.StatusCode);
        var report = await citizen.FollowAsync(supported);
        Assert.Contains("Danke für Ihre Unterstützung", Text(report));
        Assert.Equal("1", report.QuerySelector("#unterstuetzungen")!.TextContent.Trim());

        // The same browser again (even from another form) counts once; another browser counts.
        await citizen.SubmitAsync($"/karte/{existing}", new(), button: "Ich bin auch betroffen");
        using var neighbour = app.Client();
        await neighbour.SubmitAsync($"/karte/{existing}", new(), button: "Ich bin auch betroffen");
        Assert.Equal("2", (await citizen.GetPageAsync($"/karte/{existing}")).QuerySelector("#unterstuetzungen")!.TextContent.Trim());

        // Staff see it.
        using var staff = await app.LoggedInAsync("y.demir");
        Assert.Contains("2 Personen", (await staff.GetPageAsync("/intern/anliegen/" + existing)).QuerySelector("main")!.TextContent);

        // Having seen the list, the citizen may still send a report of their own.
        var own = await citizen.SubmitAsync(page, ReportUrl, Report(topic.Id, near, "Eine andere Laterne gegenüber"));
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        await using var db = app.Db();
        Assert.Equal(2, await db.Concerns.CountAsync(c => c.CategoryId == topic.Id));
    }

    [Fact]
    public async Task The_page_allows_the_configured_tile_server_in_its_content_security_policy_and_works_without_script()
    {
        using var client = app.Client();
        var response = await client.Http.GetAsync(ReportUrl);
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("img-src 'self' data: https://tile.openstreetmap.org;", csp);
        Assert.Contains("script-src 'self';", csp);
        var page = PageClient.Parse(await response.Content.ReadAsStringAsync());

        // Without JavaScript the address and coordinate fields and the "check place" button do the map's job.
        Assert.NotNull(page.QuerySelector("input#Input_Location"));
        Assert.NotNull(page.QuerySelector("input#Input_Latitude"));
        Assert.NotNull(page.QuerySelector("input#Input_Longitude"));
        Assert.Contains(page.QuerySelectorAll("button"), b => b.TextContent.Trim() == "Ort prüfen");
        Assert.Equal("https://tile.openstreetmap.org/{z}/{x}/{y}.png", page.QuerySelector("#karte-melden")!.GetAttribute("data-tiles"));
    }

    [Fact]
    public async Task A_double_click_stores_one_report_and_a_photo_is_checked_like_on_the_web_form()
    {
        var topic = await NewTopicAsync(app);
        using var client = app.Client();
        var page = await client.GetPageAsync(ReportUrl);
        var values = Report(topic.Id, Kaltenmoor, "Doppelklick " + Guid.NewGuid());
        var once = await client.SubmitAsync(page, ReportUrl, values);
        var twice = await client.SubmitAsync(page, ReportUrl, values);
        Assert.Equal(HttpStatusCode.Redirect, once.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, twice.StatusCode);
        await using (var db = app.Db())
        {
            Assert.Equal(1, await db.Concerns.CountAsync(c => c.Description == values["Input.Description"]));
        }

        // Multipart with a file that claims to be a photo but is not.
        var fresh = await client.GetPageAsync(ReportUrl);
        var form = new MultipartFormDataContent();
        foreach (var input in fresh.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlInputElement>("main form input[type=hidden]"))
        {
            form.Add(new StringContent(input.Value), input.Name!);
        }

        foreach (var (name, value) in Report(topic.Id, Kaltenmoor, "Mit Foto"))
        {
            form.Add(new StringContent(value!), name);
        }

        form.Add(new ByteArrayContent("kein Bild"u8.ToArray()), "Input.Files", "foto.jpg");
        var refused = await PageClient.PageOf(await client.Http.PostAsync(ReportUrl, form));
        Assert.Contains(PageClient.Errors(refused), e => e.Contains("foto.jpg", StringComparison.Ordinal));
    }
}

[Collection(nameof(SqliteApp))]
public sealed class MapReportTests_Sqlite(SqliteApp app) : MapReportTests(app);

[Collection(nameof(PostgresApp))]
public sealed class MapReportTests_Postgres(PostgresApp app) : MapReportTests(app);
