using System.Net;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Platform.Layout;

public abstract class StartPageTests(RathausApp app)
{
    [Fact]
    public async Task Start_page_shows_the_demo_city_and_its_sites_in_German()
    {
        using var client = app.Client();
        var page = await client.GetPageAsync("/");

        Assert.Equal("de", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Hansestadt Lüneburg", page.Title);
        Assert.Contains("Am Ochsenmarkt 1", page.Body!.TextContent);
        Assert.Contains("Technisches Rathaus", page.Body.TextContent);
        Assert.NotNull(page.QuerySelector("a.skip-link[href='#inhalt']"));
        Assert.NotNull(page.QuerySelector("main#inhalt"));
    }

    [Fact]
    public async Task English_switch_translates_the_page_and_keeps_German_number_formats()
    {
        using var client = app.Client();
        var response = await client.Http.GetAsync("/sprache/en?zurueck=%2F");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);

        var page = await client.GetPageAsync("/");
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Welcome to the town hall", page.Body!.TextContent);
        Assert.Contains("Our sites", page.Body.TextContent);

        await client.Http.GetAsync("/sprache/de?zurueck=%2F");
        page = await client.GetPageAsync("/");
        Assert.Contains("Willkommen im Rathaus", page.Body!.TextContent);
    }

    [Fact]
    public async Task Language_switch_refuses_to_redirect_to_another_site()
    {
        using var client = app.Client();
        var response = await client.Http.GetAsync("/sprache/en?zurueck=%2F%2Fevil.example%2F");
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/impressum", "Impressum", "Am Ochsenmarkt 1")]
    [InlineData("/datenschutz", "Datenschutz", "DSGVO")]
    [InlineData("/barrierefreiheit", "Erklärung zur Barrierefreiheit", "BITV 2.0")]
    [InlineData("/kontakt", "Kontakt", "21335 Lüneburg")]
    public async Task Legal_pages_show_the_configured_text(string url, string heading, string text)
    {
        using var client = app.Client();
        var page = await client.GetPageAsync(url);
        Assert.Equal(heading, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains(text, page.QuerySelector("main")!.TextContent);
        Assert.NotNull(page.QuerySelector($"footer a[href='{url}']"));
    }

    [Fact]
    public async Task Unknown_page_answers_404_with_a_German_explanation()
    {
        using var client = app.Client();
        var response = await client.Http.GetAsync("/gibt-es-nicht");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Seite nicht gefunden", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_carry_security_headers_without_inline_scripts()
    {
        using var client = app.Client();
        var response = await client.Http.GetAsync("/");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var page = PageClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.All(page.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src"), "inline script found"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
    }
}

[Collection(nameof(SqliteApp))]
public sealed class StartPageTests_Sqlite(SqliteApp app) : StartPageTests(app);

[Collection(nameof(PostgresApp))]
public sealed class StartPageTests_PostgreSql(PostgresApp app) : StartPageTests(app);
