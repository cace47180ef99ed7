using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Rathaus.BrowserTests.Infrastructure.Chromium))]

namespace Rathaus.BrowserTests.Infrastructure;

/// <summary>
/// One headless Chromium for all tests, from <c>RATHAUS_CHROMIUM</c> (default /usr/bin/chromium); Playwright cannot
/// download browsers here. Missing Chromium skips the tests locally and fails them under <c>CI=true</c>; that decision
/// is made in the test, because xunit reports an exception from a fixture as a failure.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ExecutablePath { get; } =
        Environment.GetEnvironmentVariable("RATHAUS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Without the networking flags Chromium keeps trying to reach Google, and the machine has no internet.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>
    /// A fresh browser profile (own cookies) at the app's address, German like a visitor from Lüneburg;
    /// optionally without JavaScript, as some visitors browse.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseUrl, bool javaScriptEnabled = true)
    {
        if (_browser is null)
        {
            var reason = $"Chromium not found at {ExecutablePath} (set RATHAUS_CHROMIUM or apt-get install chromium).";
            Assert.False(OnCi, reason + " Under CI=true the browser tests must run.");
            Assert.Skip(reason);
        }

        var context = await _browser.NewContextAsync(new()
        {
            BaseURL = baseUrl.ToString(),
            Locale = "de-DE",
            ViewportSize = new() { Width = 1280, Height = 900 },
            JavaScriptEnabled = javaScriptEnabled,
        });
        context.SetDefaultTimeout(10_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
