using Microsoft.Playwright;
using Rathaus.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Rathaus.BrowserTests.Platform.Auth;

public sealed class StaffPagesTests(RathausServer server, Chromium chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task Administrator_logs_in_and_the_org_chart_and_audit_log_pass_axe()
    {
        var page = await OpenAsync("/anmelden");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Anmeldung für Beschäftigte", Level = 1 })).ToBeVisibleAsync();
        await Axe(page);

        await LogInAsync(page);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" }).GetByRole(AriaRole.Link, new() { Name = "Organisation" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Url("/intern/organisation"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "7 – Fachbereich 7 – Straßen und Tiefbau" })).ToBeVisibleAsync();
        await Axe(page);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" }).GetByRole(AriaRole.Link, new() { Name = "Protokoll" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Url("/intern/protokoll"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Protokoll", Level = 1 })).ToBeVisibleAsync();
        await Axe(page);
    }

    [Fact]
    public async Task Wrong_password_shows_an_error_that_passes_axe()
    {
        var page = await OpenAsync("/anmelden");

        await page.GetByLabel("Benutzername").FillAsync("l.hoppe");
        await page.GetByLabel("Passwort").FillAsync("falsch-falsch-1A");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Benutzername oder Passwort ist falsch.");
        await Axe(page);
    }
}
