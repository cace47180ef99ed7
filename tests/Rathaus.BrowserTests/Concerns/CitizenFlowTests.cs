using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Rathaus.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Rathaus.BrowserTests.Concerns;

public sealed class CitizenFlowTests(RathausServer server, Chromium chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task Citizen_reports_a_pothole_with_a_photo_follows_the_link_adds_information_and_reads_it_in_English()
    {
        var suffix = Guid.NewGuid().ToString("N");
        var description = $"Tiefes Schlagloch auf dem Radweg, Browsertest {suffix[..8]}.";
        var photo = Path.Combine(Path.GetTempPath(), $"schlagloch-{suffix[..8]}.png");
        await File.WriteAllBytesAsync(photo, ConcernPages.TinyPng, TestContext.Current.CancellationToken);
        try
        {
            var page = await OpenAsync("/");
            await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Anliegen melden", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Anliegen melden", Level = 1 })).ToBeVisibleAsync();
            await Axe(page);

            // Sent once without a description: the error stands next to the field.
            await page.GetByLabel("Mängelmeldung").CheckAsync();
            await ChooseAsync(page.GetByLabel("Zu welchem Thema?"), "Schlagloch oder Straßenschaden");
            await page.GetByRole(AriaRole.Button, new() { Name = "Anliegen absenden" }).ClickAsync();

            var descriptionField = page.GetByLabel("Beschreibung", new() { Exact = true });
            await Expect(descriptionField).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(descriptionField).ToHaveAccessibleDescriptionAsync(new Regex("Bitte beschreiben Sie Ihr Anliegen."));
            await Axe(page);

            // Filled in properly, with a photo and an e-mail address.
            await Expect(page.GetByLabel("Mängelmeldung")).ToBeCheckedAsync();
            await descriptionField.FillAsync(description);
            await page.GetByLabel(new Regex("^Ort")).FillAsync("Am Sande 5");
            await page.GetByLabel("Fotos oder Dokumente").SetInputFilesAsync(photo);
            await page.GetByLabel("E-Mail-Adresse").FillAsync($"buerger-{suffix}@buerger.example");
            await page.GetByRole(AriaRole.Button, new() { Name = "Anliegen absenden" }).ClickAsync();

            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vielen Dank! Ihr Anliegen ist eingegangen.", Level = 1 })).ToBeVisibleAsync();
            var reference = page.GetByText(ConcernPages.ReferenceNumber());
            await Expect(reference).ToBeVisibleAsync();
            var referenceNumber = (await reference.InnerTextAsync()).Trim();
            var link = page.GetByRole(AriaRole.Link, new() { NameRegex = ConcernPages.TrackingLink() });
            await Expect(link).ToBeVisibleAsync();
            var trackingUrl = await link.GetAttributeAsync("href");
            await Axe(page);

            // The personal link shows the concern as it was sent.
            await link.ClickAsync();
            await Expect(page).ToHaveURLAsync(trackingUrl!);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ihr Anliegen", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Definition).GetByText(referenceNumber, new() { Exact = true })).ToBeVisibleAsync();
            await Expect(page.GetByText("Eingegangen", new() { Exact = true })).ToBeVisibleAsync();
            var history = page.GetByRole(AriaRole.Region, new() { Name = "Verlauf" });
            await Expect(history).ToContainTextAsync(description);
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = Path.GetFileName(photo) })).ToBeVisibleAsync();
            await Axe(page);

            // Something added later appears in the history.
            await page.GetByLabel("Ihre Ergänzung oder Antwort").FillAsync("Das Loch ist etwa 30 cm breit.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Absenden", Exact = true }).ClickAsync();

            await Expect(page.GetByText("Vielen Dank. Ihre Ergänzung wurde gespeichert.")).ToBeVisibleAsync();
            await Expect(history.GetByRole(AriaRole.Heading, new() { Name = "Ihre Ergänzung" })).ToBeVisibleAsync();
            await Expect(history).ToContainTextAsync("Das Loch ist etwa 30 cm breit.");
            await Axe(page);

            // In English the status has its English name, on the same personal link.
            await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();

            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await Expect(page).ToHaveURLAsync(trackingUrl!);
            await Expect(page.GetByText("Received", new() { Exact = true })).ToBeVisibleAsync();
            await Axe(page);
        }
        finally
        {
            File.Delete(photo);
        }
    }

    [Fact]
    public async Task Citizen_without_JavaScript_reports_a_concern_and_gets_a_reference_number()
    {
        var page = await OpenWithoutJavaScriptAsync("/anliegen/neu");

        await page.GetByLabel("Mängelmeldung").CheckAsync();
        await page.GetByLabel("Beschreibung", new() { Exact = true }).FillAsync($"Laterne flackert, ohne JavaScript gemeldet {Guid.NewGuid():N}.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anliegen absenden" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vielen Dank! Ihr Anliegen ist eingegangen.", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText(ConcernPages.ReferenceNumber())).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = ConcernPages.TrackingLink() })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "received-without-javascript");
    }
}
