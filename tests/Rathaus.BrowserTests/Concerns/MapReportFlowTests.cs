using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Rathaus.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Rathaus.BrowserTests.Concerns;

/// <summary>/melden and /karte in a real browser: pins by click and by keyboard, a duplicate nearby, accessibility.</summary>
public sealed class MapReportFlowTests(RathausServer server, Chromium chromium) : BrowserTest(server, chromium)
{
    private const string Topic = "Straßenbeleuchtung defekt";

    [Fact]
    public async Task Citizen_sets_a_pin_by_click_and_by_keyboard_sees_the_nearby_report_and_supports_it()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];

        // First citizen: a click on the map puts the pin there.
        var page = await OpenAsync("/");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Mangel auf der Karte melden" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mangel auf der Karte melden", Level = 1 })).ToBeVisibleAsync();
        await ChooseAsync(page.GetByLabel("Was möchten Sie melden?"), Topic);
        var map = page.GetByRole(AriaRole.Application, new() { Name = "Karte zum Setzen der Markierung" });
        await map.ClickAsync();
        var latitude = page.GetByLabel("Breitengrad");
        await Expect(latitude).Not.ToBeEmptyAsync();
        await Expect(page.Locator("#ort-ergebnis")).ToHaveTextAsync(new Regex(@"^Gewählter Ort: bei .+ \(Altstadt\)\.$"));
        var first = double.Parse(await latitude.InputValueAsync(), CultureInfo.InvariantCulture);
        await Axe(page);
        await page.GetByLabel("Beschreibung", new() { Exact = true }).FillAsync($"Laterne am Sande ist dunkel ({suffix}).");
        await page.GetByRole(AriaRole.Button, new() { Name = "Meldung absenden" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vielen Dank! Ihr Anliegen ist eingegangen.", Level = 1 })).ToBeVisibleAsync();
        var reference = (await page.GetByText(ConcernPages.ReferenceNumber()).InnerTextAsync()).Trim();

        // Second citizen, keyboard only: zoom in, move the map north, Enter sets the pin under the crosshair.
        var second = await OpenAsync("/melden");
        await ChooseAsync(second.GetByLabel("Was möchten Sie melden?"), Topic);
        var keyboardMap = second.GetByRole(AriaRole.Application, new() { Name = "Karte zum Setzen der Markierung" });
        await keyboardMap.FocusAsync();
        await second.Keyboard.PressAsync("Equal"); // "+" zooms in
        await second.WaitForTimeoutAsync(400); // a pan during Leaflet's zoom animation would be undone by it
        await second.Keyboard.PressAsync("ArrowUp");
        await second.WaitForTimeoutAsync(400); // Leaflet pans with an animation
        await second.Keyboard.PressAsync("Enter");
        var pinned = second.GetByLabel("Breitengrad");
        await Expect(pinned).Not.ToBeEmptyAsync();
        var moved = double.Parse(await pinned.InputValueAsync(), CultureInfo.InvariantCulture);
        Assert.True(moved > first, $"The pin should lie north of the first one: {moved} vs {first}.");

        // The first report is nearby, of the same topic: the citizen supports it instead of reporting it again.
        var nearby = second.GetByRole(AriaRole.Region, new() { Name = "Schon gemeldet? Offene Meldungen in der Nähe" });
        await Expect(nearby).ToBeVisibleAsync();
        await Expect(nearby).ToContainTextAsync(reference);
        await Expect(nearby).ToContainTextAsync(new Regex(@"\d+ m entfernt"));
        await Axe(second);
        await nearby.GetByRole(AriaRole.Button, new() { Name = "Ich bin auch betroffen" }).ClickAsync();

        await Expect(second.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(reference);
        await Expect(second.GetByText("Danke für Ihre Unterstützung")).ToBeVisibleAsync();
        await Expect(second.Locator("#unterstuetzungen")).ToHaveTextAsync("1");
        await Axe(second);

        // The public map lists it, without the description.
        await second.GetByRole(AriaRole.Link, new() { Name = "Zurück zur Karte der Meldungen" }).ClickAsync();
        await Expect(second.GetByRole(AriaRole.Heading, new() { Name = "Karte der Meldungen", Level = 1 })).ToBeVisibleAsync();
        await Expect(second.GetByRole(AriaRole.Link, new() { Name = $"{Topic} ({reference})" })).ToBeVisibleAsync();
        await Expect(second.GetByRole(AriaRole.Main)).Not.ToContainTextAsync(suffix);
        await Axe(second);
    }

    [Fact]
    public async Task Without_JavaScript_an_address_finds_the_place_and_the_map_pages_pass_axe()
    {
        var page = await OpenWithoutJavaScriptAsync("/melden");
        await page.GetByLabel(new Regex("^Adresse")).FillAsync("grapengießerstraße 3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ort prüfen" }).ClickAsync();
        await Expect(page.GetByText("Gewählter Ort: bei Grapengießerstraße 3 (Altstadt).")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Breitengrad")).Not.ToBeEmptyAsync();
        await ScreenshotAsync(page, "melden-without-javascript");

        var map = await OpenAsync("/karte");
        await Expect(map.GetByRole(AriaRole.Heading, new() { Name = "Karte der Meldungen", Level = 1 })).ToBeVisibleAsync();
        await Axe(map);
        var report = await OpenAsync("/melden");
        await Axe(report);
    }
}
