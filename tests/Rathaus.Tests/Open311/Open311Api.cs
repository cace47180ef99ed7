using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Categories;
using Rathaus.Open311.Attributes;
using Rathaus.Open311.Clients;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Open311;

/// <summary>What an app does with the API, and the arrangements tests need (an app's key, a category with questions).</summary>
internal static class Open311Api
{
    /// <summary>Inside the Lüneburg boundary, in the Altstadt (Am Sande).</summary>
    public const string Lat = "53.2489";

    public const string Long = "10.4064";

    public static async Task<string> IssueKeyAsync(RathausApp app, int perMinute = 100_000, string name = "Test-App")
    {
        var (key, hash) = ApiKeys.New();
        await using var db = app.Db();
        db.ApiClients.Add(new ApiClient { Name = name, KeyHash = hash, KeyPrefix = ApiKeys.Recognizable(key), RequestsPerMinute = perMinute, IssuedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return key;
    }

    /// <summary>A fresh topic in the group "Straßen und Verkehr", with the given questions.</summary>
    public static async Task<string> CategoryAsync(RathausApp app, params ServiceAttribute[] attributes)
    {
        var code = "o311-" + Guid.NewGuid().ToString("N")[..10];
        await using var db = app.Db();
        var group = await db.Categories.SingleAsync(c => c.Code == "strasse-verkehr");
        var category = new Category { Code = code, Name = "Testdienst " + code, Description = "Für Tests", ParentId = group.Id, SortOrder = 999 };
        db.Categories.Add(category);
        await db.SaveChangesAsync();
        foreach (var attribute in attributes)
        {
            attribute.CategoryId = category.Id;
            db.ServiceAttributes.Add(attribute);
        }

        await db.SaveChangesAsync();
        return code;
    }

    public static ServiceAttribute Attribute(string code, AttributeDatatype datatype, bool required, int order, params (string Key, string Name)[] values) => new()
    {
        Code = code,
        Datatype = datatype,
        Required = required,
        Order = order,
        Description = "Frage " + code,
        Values = values.Select((v, i) => new ServiceAttributeValue { Key = v.Key, Name = v.Name, Order = i }).ToList(),
    };

    public static Task<HttpResponseMessage> PostAsync(HttpClient http, string format, IEnumerable<(string Name, string Value)> fields) =>
        http.PostAsync($"/open311/v2/requests.{format}", new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    public static List<(string, string)> Report(string key, string code, string description = "Schlagloch vor dem Haus") =>
        [("api_key", key), ("service_code", code), ("lat", Lat), ("long", Long), ("description", description)];

    public static async Task<XDocument> XmlAsync(HttpResponseMessage response)
    {
        Assert.Equal("text/xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.OrdinalIgnoreCase);
        return XDocument.Parse(System.Text.Encoding.UTF8.GetString(bytes));
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public static string[] Names(XElement element) => element.Elements().Select(e => e.Name.LocalName).ToArray();

    public static string[] Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    public static MultipartFormDataContent Multipart(IEnumerable<(string Name, string Value)> fields, params (string Name, string FileName, byte[] Content, string Type)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (name, fileName, bytes, type) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            content.Add(file, name, fileName);
        }

        return content;
    }
}
