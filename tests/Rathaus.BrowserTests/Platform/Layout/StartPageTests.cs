using Microsoft.Playwright;
using Rathaus.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Rathaus.BrowserTests.Platform.Layout;

public sealed class StartPageTests(RathausServer server, Chromium chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task Start_page_is_German_shows_the_town_hall_address_and_passes_axe()
    {
        var page = await OpenAsync("/");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Willkommen im Rathaus", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByText("Am Ochsenmarkt 1")).ToBeVisibleAsync();
        await Axe(page);
    }

    [Fact]
    public async Task Skip_link_is_the_first_stop_for_the_keyboard_and_moves_focus_to_the_content()
    {
        var page = await OpenAsync("/");

        await page.Keyboard.PressAsync("Tab");
        var skipLink = page.GetByRole(AriaRole.Link, new() { Name = "Zum Inhalt springen" });
        await Expect(skipLink).ToBeFocusedAsync();
        await Expect(skipLink).ToBeInViewportAsync(); // shown when focused, not only to screen readers

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Main)).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Visitor_switches_to_English_and_back_with_the_header_link()
    {
        var page = await OpenAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Deutsch" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "english");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome to the town hall", Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Deutsch" }).ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Willkommen im Rathaus", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "English" })).ToBeVisibleAsync();
    }
}
