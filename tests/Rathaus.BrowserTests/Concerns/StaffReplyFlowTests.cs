using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Rathaus.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Rathaus.BrowserTests.Concerns;

/// <summary>
/// The whole round of a concern: a citizen reports with a photo, the case worker answers with a Textbaustein, the
/// citizen reads the answer on the tracking page and answers back, the case worker sees that answer.
/// </summary>
public sealed class StaffReplyFlowTests(RathausServer server, Chromium chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task Case_worker_replies_with_a_template_and_the_citizen_reads_it_and_answers()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var place = $"Bardowicker Straße {suffix}";
        var photo = Path.Combine(Path.GetTempPath(), $"loch-{suffix}.png");
        await File.WriteAllBytesAsync(photo, ConcernPages.TinyPng, TestContext.Current.CancellationToken);
        try
        {
            // The citizen reports a pothole with a photo.
            var page = await OpenAsync("/anliegen/neu");
            await page.GetByLabel("Mängelmeldung").CheckAsync();
            await ChooseAsync(page.GetByLabel("Zu welchem Thema?"), "Schlagloch oder Straßenschaden");
            await page.GetByLabel("Beschreibung", new() { Exact = true }).FillAsync("Ein tiefes Schlagloch direkt am Zebrastreifen.");
            await page.GetByLabel(new Regex("^Ort")).FillAsync(place);
            await page.GetByLabel("Fotos oder Dokumente").SetInputFilesAsync(photo);
            await page.GetByRole(AriaRole.Button, new() { Name = "Anliegen absenden" }).ClickAsync();
            var referenceNumber = (await page.GetByText(ConcernPages.ReferenceNumber()).InnerTextAsync()).Trim();
            var trackingUrl = await page.GetByRole(AriaRole.Link, new() { NameRegex = ConcernPages.TrackingLink() }).GetAttributeAsync("href");

            // The case worker finds it in the unit's inbox and opens it.
            await LogInAsync(page, "l.hoppe");
            await page.GotoAsync("/intern/anliegen");
            await Axe(page);
            await page.GetByRole(AriaRole.Link, new() { Name = referenceNumber, Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mängelmeldung: Schlagloch oder Straßenschaden", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByText($"Vorgangsnummer {referenceNumber}", new() { Exact = true }).First).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = Path.GetFileName(photo) }).First).ToBeVisibleAsync();
            await Axe(page);

            // A template fills the answer with the place the citizen gave; the case worker adds a sentence and sends it.
            await ChooseAsync(page.GetByLabel("Textbaustein", new() { Exact = true }), "Schaden eingeplant");
            await page.GetByRole(AriaRole.Button, new() { Name = "In die Antwort übernehmen" }).ClickAsync();
            var answer = page.GetByLabel("Antwort an die Bürgerin oder den Bürger");
            await Expect(answer).ToHaveValueAsync(new Regex($"Wir haben uns den Schaden angesehen.*\\({Regex.Escape(place)}\\)|\\({Regex.Escape(place)}\\).*Wir haben uns den Schaden angesehen", RegexOptions.Singleline));
            await Axe(page);
            await answer.FillAsync(await answer.InputValueAsync() + " Bis dahin ist die Stelle mit einer Bake gesichert.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Antwort senden" }).ClickAsync();
            await Expect(page.GetByText($"Die Antwort zum Anliegen {referenceNumber} wurde gespeichert.")).ToBeVisibleAsync();
            await Axe(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();

            // The citizen reads the signed answer on the personal link and answers.
            await page.GotoAsync(trackingUrl!);
            var history = page.GetByRole(AriaRole.Region, new() { Name = "Verlauf" });
            await Expect(history.GetByRole(AriaRole.Heading, new() { Name = "Antwort der Verwaltung" })).ToBeVisibleAsync();
            await Expect(history).ToContainTextAsync("Bis dahin ist die Stelle mit einer Bake gesichert.");
            await Expect(history).ToContainTextAsync("Im Auftrag");
            await Expect(history).ToContainTextAsync("Sachbearbeitung Straßenunterhaltung");
            await Expect(history).Not.ToContainTextAsync("Hoppe");
            await Axe(page);
            await page.GetByLabel("Ihre Ergänzung oder Antwort").FillAsync("Danke! Die Bake steht schon.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Absenden", Exact = true }).ClickAsync();
            await Expect(page.GetByText("Vielen Dank. Ihre Ergänzung wurde gespeichert.")).ToBeVisibleAsync();
            await Axe(page);

            // The case worker sees the citizen's answer in the timeline.
            await LogInAsync(page, "l.hoppe");
            await page.GotoAsync("/intern/anliegen/" + referenceNumber);
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Danke! Die Bake steht schon.");
            await Axe(page);
        }
        finally
        {
            File.Delete(photo);
        }
    }

    [Fact]
    public async Task A_lead_writes_a_template_for_the_unit()
    {
        var title = $"Baustelle angekündigt {Guid.NewGuid():N}"[..30];
        var page = await OpenAsync("/anmelden");
        await LogInAsync(page, "t.bruns");
        await page.GotoAsync("/intern/textbausteine");
        await Axe(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Neuer Textbaustein" }).ClickAsync();

        // A misspelt placeholder is refused with the list of the right ones.
        await page.GetByLabel("Titel").FillAsync(title);
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("Zu Ihrem Anliegen {Vorgangsnumer}: Die Straße wird im Frühjahr erneuert.");
        await ChooseAsync(page.GetByLabel("Für"), "7.1 – Bereich Straßenunterhaltung");
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Expect(page.GetByText(new Regex("Diese Platzhalter gibt es nicht: \\{Vorgangsnumer\\}")).First).ToBeVisibleAsync();
        await Axe(page);

        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("Zu Ihrem Anliegen {Vorgangsnummer}: Die Straße wird im Frühjahr erneuert.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Expect(page.GetByText($"Der Textbaustein „{title}“ wurde gespeichert.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
    }
}
