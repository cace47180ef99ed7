using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Rathaus.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Rathaus.BrowserTests.Post;

/// <summary>
/// The mailroom registers a morning's letters with the keyboard alone; a unit at another site finds its letter in
/// its post tray and confirms receipt.
/// </summary>
public sealed partial class MailroomFlowTests(RathausServer server, Chromium chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task The_mailroom_registers_five_letters_by_keyboard_and_a_unit_at_another_site_confirms_receipt()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        (string Sender, string Subject, string Kind, string Unit)[] letters =
        [
            ($"Stadtwerke Lüneburg {run}", "Abschlagsrechnung Strom Rathaus", "Rech", "2.2"),
            ($"Landkreis Lüneburg {run}", "Bescheid Sondernutzung", "Beh", "3.1"),
            ($"Tiefbau Meyer GmbH {run}", "Angebot Fahrbahnsanierung Reichenbachstraße", "Sons", "7.1"),
            ($"Fachbereich Bildung {run}", "Terminübersicht Schulausschuss", "Haus", "4"),
            ($"Druckerei Stelter {run}", "Rechnung Stadtplan-Nachdruck", "Rech", "1.3"),
        ];
        var page = await OpenAsync("/anmelden");
        await LogInAsync(page, "k.dreyer");
        await page.GotoAsync("/intern/poststelle/erfassen");
        await Axe(page);

        string? forTechnicalTownHall = null;
        foreach (var (sender, subject, kind, unit) in letters)
        {
            // The cursor starts in "Absender"; everything else is Tab and typing, the Enter key in "Seiten" saves.
            await Expect(page.GetByLabel("Absender")).ToBeFocusedAsync();
            await page.Keyboard.TypeAsync(sender);
            await page.Keyboard.PressAsync("Enter");
            await page.Keyboard.TypeAsync("Postfach 2180");
            await TabToAsync(page, page.GetByLabel("Betreff")); // past the letter date, left empty
            await page.Keyboard.TypeAsync(subject);
            await TabToAsync(page, page.GetByLabel("Art", new() { Exact = true }));
            await page.Keyboard.TypeAsync(kind);
            await TabToAsync(page, page.GetByLabel("An Einheit"));
            await page.Keyboard.TypeAsync(unit + " ");
            await TabToAsync(page, page.GetByLabel(new Regex("^Seiten")));
            await page.Keyboard.TypeAsync("1");
            await page.Keyboard.PressAsync("Enter");

            var saved = page.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = NumberSaved() });
            await Expect(saved).ToBeVisibleAsync();
            var number = NumberSaved().Match(await saved.InnerTextAsync()).Groups[1].Value;
            if (unit == "7.1")
            {
                forTechnicalTownHall = number;
            }
        }

        await Axe(page);
        await page.GotoAsync("/intern/poststelle?suche=" + run);
        await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Angebot Fahrbahnsanierung Reichenbachstraße");
        await Expect(page.GetByText("5 Einträge")).ToBeVisibleAsync();
        await Axe(page);
        await page.GotoAsync("/intern/poststelle/hauspost");
        var transport = page.GetByRole(AriaRole.Region, new() { Name = "Hauspost nach Technisches Rathaus, Neue Sülze 33" });
        await Expect(transport).ToContainTextAsync(forTechnicalTownHall!);
        await Axe(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();

        // Straßenunterhaltung sits in the Technisches Rathaus and confirms that the letter arrived.
        await LogInAsync(page, "l.hoppe");
        await page.GotoAsync("/intern/posteingang");
        await Expect(page.GetByText("Angebot Fahrbahnsanierung Reichenbachstraße")).ToBeVisibleAsync();
        await Axe(page);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Empfang von Nr. {forTechnicalTownHall} bestätigen" }).ClickAsync();
        await Expect(page.GetByText($"Der Empfang von Nr. {forTechnicalTownHall} ist bestätigt.")).ToBeVisibleAsync();
        await Axe(page);
    }

    /// <summary>Presses Tab until <paramref name="field"/> has the focus, as a keyboard user moves through a form.</summary>
    private static async Task TabToAsync(IPage page, ILocator field)
    {
        for (var presses = 0; presses < 8 && !await field.EvaluateAsync<bool>("e => e === document.activeElement"); presses++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Expect(field).ToBeFocusedAsync();
    }

    [GeneratedRegex(@"Nr\. (RH-\d{4}-\d{5}) ist erfasst")]
    private static partial Regex NumberSaved();
}
