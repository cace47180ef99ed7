using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static System.FormattableString;

namespace Rathaus.BrowserTests.Infrastructure;

/// <summary>
/// Base of every browser test: a fresh browser profile on the running app, axe-core checks and screenshots
/// (TestResults/screenshots/ in the repository) for people to look at. On failure the page is captured and
/// the end of the server log is written to the test output.
/// </summary>
public abstract partial class BrowserTest(RathausServer server, Chromium chromium) : IAsyncDisposable
{
    public const string DemoPassword = "Rathaus-Demo-2026";

    private IBrowserContext? _context;
    private IBrowserContext? _contextWithoutJavaScript;
    private IPage? _lastPage;
    private int _screenshots;

    private static readonly Lazy<string> FreshScreenshotFolder = new(() =>
    {
        // Each run starts with an empty folder, so what people look at is from this run only.
        var folder = Path.Combine(RathausServer.RepositoryRoot, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        foreach (var old in Directory.EnumerateFiles(folder, "*.png"))
        {
            File.Delete(old);
        }

        return folder;
    });

    public static string ScreenshotFolder => FreshScreenshotFolder.Value;

    /// <summary>The absolute address of a path in the app, for URL assertions.</summary>
    protected string Url(string path) => new Uri(server.BaseUrl, path).ToString();

    /// <summary>A new tab at <paramref name="path"/> (relative to the app); all tabs of a test share cookies.</summary>
    protected async Task<IPage> OpenAsync(string path)
    {
        _context ??= await chromium.NewContextAsync(server.BaseUrl);
        var page = await _context.NewPageAsync();
        _lastPage = page;
        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"GET {path} answered {response?.Status}.");
        return page;
    }

    /// <summary>A tab in a second browser profile with JavaScript switched off: every form must work without it.</summary>
    protected async Task<IPage> OpenWithoutJavaScriptAsync(string path)
    {
        _contextWithoutJavaScript ??= await chromium.NewContextAsync(server.BaseUrl, javaScriptEnabled: false);
        var page = await _contextWithoutJavaScript.NewPageAsync();
        _lastPage = page;
        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"GET {path} answered {response?.Status}.");
        return page;
    }

    /// <summary>Logs in through the form like a person and lands on the page the login redirects to.</summary>
    protected static async Task LogInAsync(IPage page, string userName = "admin", string password = DemoPassword)
    {
        await page.GotoAsync("/anmelden");
        await page.GetByLabel("Benutzername").FillAsync(userName);
        await page.GetByLabel("Passwort").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/anmelden", StringComparison.Ordinal));
    }

    /// <summary>Picks the option a person reads as <paramref name="option"/>.</summary>
    protected static async Task ChooseAsync(ILocator select, string option) =>
        await select.SelectOptionAsync(new SelectOptionValue { Value = await OptionValueAsync(select, option) });

    /// <summary>
    /// The value of the option that reads <paramref name="option"/>. Unit lists indent tree levels with
    /// non-breaking spaces, which Playwright's exact label match would need spelled out.
    /// </summary>
    protected static async Task<string> OptionValueAsync(ILocator select, string option)
    {
        var value = await select.EvaluateAsync<string?>("(s, text) => [...s.options].find(o => o.label.trim() === text)?.value ?? null", option);
        Assert.True(value is not null, $"The list has no option „{option}“.");
        return value;
    }

    /// <summary>Runs axe-core on the page as it is now and fails on every serious or critical violation.</summary>
    protected async Task Axe(IPage page)
    {
        await ScreenshotAsync(page);
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        foreach (var minor in result.Violations.Except(blocking))
        {
            TestContext.Current.TestOutputHelper?.WriteLine(Invariant($"axe-core ({minor.Impact}, not failing) on {page.Url}: {minor.Id} at {string.Join(", ", minor.Nodes.Select(n => n.Target))}"));
        }

        if (blocking.Count == 0)
        {
            return;
        }

        var report = new StringBuilder($"axe-core found {blocking.Count} serious/critical violation(s) on {page.Url}:");
        foreach (var violation in blocking)
        {
            report.AppendLine().Append(Invariant($"- {violation.Id} ({violation.Impact}): {violation.Help}"));
            foreach (var node in violation.Nodes)
            {
                report.AppendLine().Append(Invariant($"    {node.Target}  {node.Html}"));
            }
        }

        Assert.Fail(report.ToString());
    }

    /// <summary>Full-page PNG named after the test and the page's path.</summary>
    protected async Task<string> ScreenshotAsync(IPage page, string? label = null)
    {
        var test = TestContext.Current.Test?.TestCase.TestMethod?.MethodName ?? "test";
        // A citizen's tracking token is a secret even in test data: it never becomes part of a file name.
        var path = TrackingToken().Replace(new Uri(page.Url).AbsolutePath, "/link");
        var what = label ?? Slug().Replace(path.Trim('/'), "-");
        var file = Path.Combine(ScreenshotFolder, $"{test}-{++_screenshots:00}-{(what.Length == 0 ? "start" : what)}.png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        return file;
    }

    [GeneratedRegex("/[A-Za-z0-9_-]{43}(?=/|$)")]
    private static partial Regex TrackingToken();

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex Slug();

    public async ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            if (_lastPage is { IsClosed: false })
            {
                var file = await ScreenshotAsync(_lastPage, "failed");
                TestContext.Current.TestOutputHelper?.WriteLine($"Screenshot of the failed page: {file}");
            }

            TestContext.Current.TestOutputHelper?.WriteLine($"Last lines of the Rathaus.Web log:{Environment.NewLine}{server.OutputTail()}");
        }

        if (_context is not null)
        {
            await _context.DisposeAsync();
        }

        if (_contextWithoutJavaScript is not null)
        {
            await _contextWithoutJavaScript.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
