using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Rathaus.Tests.Infrastructure;

/// <summary>
/// Drives the server-rendered pages like a browser without JavaScript would: reads a page, fills the form that is
/// there (hidden fields and antiforgery token included) and submits it.
/// </summary>
public sealed class PageClient(HttpClient http) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http;

    public async Task<IHtmlDocument> GetPageAsync(string url)
    {
        var response = await Http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {html[..Math.Min(html.Length, 500)]}");
        return Parser.ParseDocument(html);
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>
    /// Opens <paramref name="url"/>, takes its form (the one whose submit button has <paramref name="button"/> as text,
    /// else the first POST form in main), sets <paramref name="values"/> and posts it.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(string url, Dictionary<string, string?> values, string? button = null)
    {
        var page = await GetPageAsync(url);
        return await SubmitAsync(page, url, values, button);
    }

    public async Task<HttpResponseMessage> SubmitAsync(IHtmlDocument page, string url, Dictionary<string, string?> values, string? button = null)
    {
        // With a button name any form on the page qualifies (the logout form sits in the header).
        var forms = page.QuerySelectorAll<IHtmlFormElement>(button is null ? "main form[method=post], main form[method=POST]" : "form");
        var form = button is null
            ? forms.FirstOrDefault()
            : forms.FirstOrDefault(f => f.QuerySelectorAll("button").Any(b => b.TextContent.Trim() == button));
        Assert.True(form is not null, $"No form{(button is null ? "" : $" with button '{button}'")} on {url}");

        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || values.ContainsKey(name))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } check when check.IsChecked:
                    fields.Add(new(name, check.Value));
                    break;
                case IHtmlInputElement { Type: "checkbox" or "radio" or "submit" or "file" }:
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, area.Value));
                    break;
                case IHtmlSelectElement select:
                    foreach (var option in select.Options.Where(o => o.IsSelected))
                    {
                        fields.Add(new(name, option.Value));
                    }

                    break;
            }
        }

        foreach (var (name, value) in values)
        {
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }

        var submitter = button is null ? null : form.QuerySelectorAll<IHtmlButtonElement>("button").FirstOrDefault(b => b.TextContent.Trim() == button);
        if (submitter is { Name.Length: > 0 })
        {
            fields.Add(new(submitter.Name, submitter.Value));
        }

        var action = submitter?.GetAttribute("formaction") ?? form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? url : action;
        return await Http.PostAsync(target, new FormUrlEncodedContent(fields));
    }

    /// <summary>Follows one redirect and returns the page it leads to.</summary>
    public async Task<IHtmlDocument> FollowAsync(HttpResponseMessage redirect)
    {
        Assert.True((int)redirect.StatusCode is >= 300 and < 400, $"Expected a redirect, got {(int)redirect.StatusCode}: {await Snippet(redirect)}");
        return await GetPageAsync(redirect.Headers.Location!.OriginalString);
    }

    /// <summary>The page shown after a form was refused (status 200 with errors).</summary>
    public static async Task<IHtmlDocument> PageOf(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return Parser.ParseDocument(html);
    }

    /// <summary>The answer a logged-in staff member gets for a page their positions do not allow.</summary>
    public static void AssertAccessDenied(HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/zugriff-verweigert", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    public async Task AssertAccessDeniedAsync(string url) => AssertAccessDenied(await Http.GetAsync(url));

    public static IReadOnlyList<string> Errors(IDocument page) =>
        page.QuerySelectorAll(".kern-error").Select(e => e.TextContent.Trim()).ToList();

    private static async Task<string> Snippet(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text[..Math.Min(text.Length, 400)];
    }

    public void Dispose() => Http.Dispose();
}
