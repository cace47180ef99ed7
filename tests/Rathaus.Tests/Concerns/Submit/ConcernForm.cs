using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Concerns.Submit;

/// <summary>Fills and posts the concern form like a browser without JavaScript: multipart, with files.</summary>
internal static class ConcernForm
{
    public const string Url = "/anliegen/neu";
    public const string ReceivedUrl = "/anliegen/eingegangen";

    /// <summary>A 1×1 pixel PNG, valid down to its checksums.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>A one-page PDF.</summary>
    public static readonly byte[] Pdf = System.Text.Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n" +
        "3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n");

    /// <summary>A valid pothole report; tests override what they are about.</summary>
    public static async Task<Dictionary<string, string?>> PotholeAsync(RathausApp app, string description)
    {
        await using var db = app.Db();
        var pothole = await db.Categories.Where(c => c.Code == "schlagloch").Select(c => c.Id).SingleAsync();
        return new()
        {
            ["Input.Kind"] = "DefectReport",
            ["Input.CategoryId"] = pothole.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Description"] = description,
            ["Input.Location"] = "Am Sande 5",
        };
    }

    public static async Task<HttpResponseMessage> SubmitAsync(PageClient client, Dictionary<string, string?> values, params (string FileName, byte[] Content)[] files) =>
        await PostAsync(client, await client.GetPageAsync(Url), values, files);

    /// <summary>Posts the form of an already opened page: posting the same page twice is a double click.</summary>
    public static async Task<HttpResponseMessage> PostAsync(PageClient client, IHtmlDocument page, Dictionary<string, string?> values, params (string FileName, byte[] Content)[] files)
    {
        var form = page.QuerySelector<IHtmlFormElement>("main form[enctype='multipart/form-data']");
        Assert.NotNull(form);
        var body = new MultipartFormDataContent();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || values.ContainsKey(name))
            {
                continue;
            }

            var value = element switch
            {
                IHtmlInputElement { Type: "radio" or "checkbox" } check => check.IsChecked ? check.Value : null,
                IHtmlInputElement { Type: "file" or "submit" } => null,
                IHtmlInputElement input => input.Value,
                IHtmlTextAreaElement area => area.Value,
                IHtmlSelectElement select => select.Options.FirstOrDefault(o => o.IsSelected)?.Value,
                _ => null,
            };
            if (value is not null)
            {
                body.Add(new StringContent(value), name);
            }
        }

        foreach (var (name, value) in values.Where(v => v.Value is not null))
        {
            body.Add(new StringContent(value!), name);
        }

        foreach (var (fileName, content) in files)
        {
            body.Add(new ByteArrayContent(content), "Input.Files", fileName);
        }

        return await client.Http.PostAsync(Url, body);
    }

    /// <summary>The reference number and tracking link shown on the confirmation page.</summary>
    public static (string? Reference, string? Link) Confirmation(IHtmlDocument page) =>
        (page.QuerySelector("#vorgangsnummer")?.TextContent.Trim(), page.QuerySelector("a#zugangslink")?.GetAttribute("href"));
}
