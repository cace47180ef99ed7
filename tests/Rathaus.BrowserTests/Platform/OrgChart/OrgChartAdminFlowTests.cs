using System.Globalization;
using Microsoft.Playwright;
using Rathaus.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Rathaus.BrowserTests.Platform.OrgChart;

public sealed class OrgChartAdminFlowTests(RathausServer server, Chromium chromium) : BrowserTest(server, chromium)
{
    private const string Division7 = "7 – Fachbereich 7 – Straßen und Tiefbau";
    private const string Division8 = "8 – Fachbereich 8 – Stadtgrün";

    [Fact]
    public async Task Administrator_creates_and_moves_a_unit_staffs_a_position_and_sets_a_substitution()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var code = $"BT-{suffix}";
        var unit = $"{code} – Browsertest {suffix}";
        var title = $"Sachbearbeitung Browsertest {suffix}";
        var mailbox = $"bt-{suffix.ToLowerInvariant()}@rathaus-lueneburg.example";
        var page = await OpenAsync("/anmelden");
        await LogInAsync(page);

        // A new unit under Fachbereich 7.
        await page.GotoAsync("/intern/organisation");
        await page.GetByRole(AriaRole.Link, new() { Name = "Neue Organisationseinheit" }).ClickAsync();
        await page.GetByLabel("Kürzel").FillAsync(code);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync($"Browsertest {suffix}");
        await ChooseAsync(page.GetByLabel("Art"), "Sachgebiet");
        await ChooseAsync(page.GetByLabel("Übergeordnete Einheit"), Division7);
        await ChooseAsync(page.GetByLabel("Standort"), "Technisches Rathaus");
        await Axe(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(Url("/intern/organisation"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Die Organisationseinheit „Browsertest {suffix}“ wurde gespeichert.");
        await Expect(TreeItem(page, Division7).GetByRole(AriaRole.Link, new() { Name = unit })).ToBeVisibleAsync();

        // Moved under Fachbereich 8 with the edit form.
        await page.GetByRole(AriaRole.Link, new() { Name = unit }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Browsertest {suffix}", Level = 1 })).ToBeVisibleAsync();
        await ChooseAsync(page.GetByLabel("Übergeordnete Einheit"), Division8);
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(Url("/intern/organisation"));
        await Expect(TreeItem(page, Division8).GetByRole(AriaRole.Link, new() { Name = unit })).ToBeVisibleAsync();
        await Expect(TreeItem(page, Division7).GetByRole(AriaRole.Link, new() { Name = unit })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "tree-after-move");

        // A position in the new unit.
        await page.GetByRole(AriaRole.Link, new() { Name = unit }).ClickAsync();
        await Expect(page.GetByText("Noch keine Stellen.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Neue Stelle in dieser Einheit" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Neue Stelle", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Titel").FillAsync(title);
        await page.GetByLabel("Funktionspostfach").FillAsync(mailbox);
        await Expect(page.GetByLabel("Organisationseinheit")).ToHaveValueAsync(await OptionValueAsync(page.GetByLabel("Organisationseinheit"), unit));
        await Axe(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Die Stelle „{title}“ wurde gespeichert.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Die Stelle ist nicht besetzt.")).ToBeVisibleAsync();

        // Lars Hoppe takes the position.
        await page.GotoAsync("/intern/organisation");
        await page.GetByRole(AriaRole.Link, new() { Name = "Beschäftigte", Exact = true }).ClickAsync();
        await page.GetByLabel("Name, Benutzername oder E-Mail enthält").FillAsync("hoppe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtern" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Lars Hoppe" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lars Hoppe", Level = 1 })).ToBeVisibleAsync();
        await ChooseAsync(page.GetByLabel("Weitere Stelle"), $"{code} – {title} ({mailbox})");
        await Axe(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Stelle zuweisen" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Lars Hoppe hat jetzt die Stelle „{title}“.");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Stellen" }).GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();

        // Fachbereich 7's lead stands in for the new position for two weeks.
        var until = DateTime.Today.AddDays(14);
        await page.GotoAsync("/intern/organisation");
        await page.GetByRole(AriaRole.Link, new() { Name = "Vertretungen" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Neue Vertretung" }).ClickAsync();
        await ChooseAsync(page.GetByLabel("Vertretene Stelle"), title);
        await ChooseAsync(page.GetByLabel("Vertretung durch"), "Leitung Fachbereich Straßen und Tiefbau");
        await page.GetByLabel("Bis").FillAsync(until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Grund").FillAsync("Urlaub");
        await Axe(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(Url("/intern/organisation/vertretungen"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Die Vertretung für „{title}“ wurde gespeichert.");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = title });
        await Expect(row).ToContainTextAsync("Leitung Fachbereich Straßen und Tiefbau");
        await Expect(row).ToContainTextAsync(until.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
        await Expect(row).ToContainTextAsync("aktiv");
        await Axe(page);

        // The same page in English keeps the data.
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Url("/intern/organisation/vertretungen"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Deutsch" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Substitutions", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = title })).ToBeVisibleAsync();
        await Axe(page);
    }

    /// <summary>
    /// The org chart's list item of a unit: the innermost item holding the unit's link (its ancestors hold it
    /// too and come first in the document), so links inside it are the unit's own subtree.
    /// </summary>
    private static ILocator TreeItem(IPage page, string unit) =>
        page.GetByRole(AriaRole.List, new() { Name = "Organigramm" }).GetByRole(AriaRole.Listitem)
            .Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = unit, Exact = true }) }).Last;
}
