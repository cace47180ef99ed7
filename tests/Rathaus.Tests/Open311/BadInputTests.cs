using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Rathaus.Open311.Attributes;
using Rathaus.Tests.Concerns.Uploads;
using Rathaus.Tests.Infrastructure;
using static Rathaus.Tests.Open311.Open311Api;

namespace Rathaus.Tests.Open311;

/// <summary>The issue's list of bad input: each answers 4xx with the spec's error list naming the field; nothing is stored.</summary>
public abstract class BadInputTests(RathausApp app)
{
    public static TheoryData<string, string, string, int> Cases => new()
    {
        // case, field to change ("-name" removes it), value, expected status; the error names the field in the last column's place
        { "unknown service_code", "service_code", "gibt-es-nicht", 404 },
        { "missing service_code", "-service_code", "", 400 },
        { "missing location", "-lat", "", 400 },
        { "outside the city (Hamburg)", "lat", "53.5511", 400 },
        { "latitude out of range", "lat", "91", 400 },
        { "latitude not a number", "lat", "dreiundfünfzig", 400 },
        { "latitude with a comma", "lat", "53,2489", 400 },
        { "longitude NaN", "long", "NaN", 400 },
        { "description over 4000 characters", "description", new string('x', 4001), 400 },
        { "email without a domain", "email", "erika@", 400 },
        { "phone with letters", "phone", "ruf mich an", 400 },
        { "media_url not http", "media_url", "javascript:alert(1)", 400 },
        { "number attribute not numeric", "attribute[tiefe]", "tief", 400 },
        { "value not in the singlevaluelist", "attribute[art]", "999", 400 },
        { "required attribute missing", "-attribute[art]", "", 400 },
        { "unknown attribute", "attribute[gibtsnicht]", "1", 400 },
        { "two values for a singlevaluelist", "attribute[art][]", "loch", 400 },
        { "datetime attribute not a date", "attribute[seit]", "gestern", 400 },
        { "control character in the description", "description", "Loch\u0007", 400 },
        { "control character in the service_code", "service_code", "schlagloch\u0001", 400 },
        { "wrong api_key", "api_key", "r311_falsch", 403 },
        { "missing api_key", "-api_key", "", 403 },
        { "foreign jurisdiction", "jurisdiction_id", "sfgov.org", 404 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_refused_with_the_field_named_and_nothing_stored(string @case, string field, string value, int status)
    {
        var key = await IssueKeyAsync(app);
        var code = await CategoryAsync(app,
            Attribute("art", AttributeDatatype.SingleValueList, true, 1, ("loch", "Loch"), ("riss", "Riss")),
            Attribute("tiefe", AttributeDatatype.Number, false, 2),
            Attribute("seit", AttributeDatatype.Datetime, false, 3));
        var fields = Report(key, code);
        fields.Add(("attribute[art]", "loch"));
        var name = field.TrimStart('-');
        if (field.StartsWith('-'))
        {
            fields.RemoveAll(f => f.Item1 == name || (name == "lat" && f.Item1 == "long"));
        }
        else
        {
            fields.RemoveAll(f => f.Item1 == name);
            fields.Add((name, value));
        }

        using var client = app.Client();
        foreach (var format in new[] { "xml", "json" })
        {
            var response = await PostAsync(client.Http, format, fields);
            Assert.True(status == (int)response.StatusCode, $"{@case}: expected {status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            var descriptions = format == "xml"
                ? (await XmlAsync(response)).Root!.Elements("error").Select(e => e.Element("description")!.Value).ToList()
                : (await JsonAsync(response)).EnumerateArray().Select(e => e.GetProperty("description").GetString()!).ToList();
            var expectedField = name is "attribute[art][]" ? "attribute[art]" : name == "long" && value == "NaN" ? "long" : name;
            Assert.True(descriptions.Any(d => d.StartsWith(expectedField + ": ", StringComparison.Ordinal)), @case + ": " + string.Join(" / ", descriptions));
        }

        await using var db = app.Db();
        Assert.False(await db.Concerns.AnyAsync(c => c.Category!.Code == code), @case);
    }

    [Fact]
    public async Task Oversized_or_non_image_media_and_broken_bodies_are_refused()
    {
        var key = await IssueKeyAsync(app);
        var code = await CategoryAsync(app);
        using var client = app.Client();

        var pdf = await client.Http.PostAsync("/open311/v2/requests.json", Multipart(Report(key, code), ("media", "brief.pdf", "%PDF-1.4\n%%EOF"u8.ToArray(), "application/pdf")));
        Assert.Equal(HttpStatusCode.BadRequest, pdf.StatusCode);
        Assert.StartsWith("media: ", (await JsonAsync(pdf))[0].GetProperty("description").GetString(), StringComparison.Ordinal);

        var huge = new byte[11 * 1024 * 1024];
        SampleFiles.Jpeg([]).CopyTo(huge, 0);
        var tooLarge = await client.Http.PostAsync("/open311/v2/requests.xml", Multipart(Report(key, code), ("media", "gross.jpg", huge, "image/jpeg")));
        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);

        // Form encoding cannot carry NUL (ASP.NET refuses the body), multipart can: PostgreSQL could not store it.
        var nul = await client.Http.PostAsync("/open311/v2/requests.json", Multipart([.. Report(key, code, "Loch\0")]));
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        Assert.StartsWith("description: ", (await JsonAsync(nul))[0].GetProperty("description").GetString(), StringComparison.Ordinal);

        var json = await client.Http.PostAsync("/open311/v2/requests.json", new StringContent("{\"service_code\":", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.StartsWith("Content-Type: ", (await JsonAsync(json))[0].GetProperty("description").GetString(), StringComparison.Ordinal);

        var brokenMultipart = new StringContent("--xyz\r\nContent-Disposition: form-data; name=\"api_key\"\r\n\r\n" + key, Encoding.UTF8);
        brokenMultipart.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
        var broken = await client.Http.PostAsync("/open311/v2/requests.xml", brokenMultipart);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);

        var latin1 = new ByteArrayContent([.. Encoding.ASCII.GetBytes($"api_key={key}&service_code={code}&lat={Lat}&long={Long}&description=Stra"), 0xDF, (byte)'e']);
        latin1.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded");
        var notUtf8 = await client.Http.PostAsync("/open311/v2/requests.json", latin1);
        Assert.Equal(HttpStatusCode.BadRequest, notUtf8.StatusCode);
        Assert.StartsWith("description: ", (await JsonAsync(notUtf8))[0].GetProperty("description").GetString(), StringComparison.Ordinal);

        await using var db = app.Db();
        Assert.False(await db.Concerns.AnyAsync(c => c.Category!.Code == code));
    }

    [Fact]
    public async Task A_revoked_key_is_refused_and_each_app_keeps_to_its_own_rate_limit()
    {
        var code = await CategoryAsync(app);
        var revoked = await IssueKeyAsync(app);
        await using (var db = app.Db())
        {
            var hash = Rathaus.Open311.Clients.ApiKeys.Hash(revoked);
            await db.ApiClients.Where(c => c.KeyHash == hash).ExecuteUpdateAsync(s => s.SetProperty(c => c.RevokedAt, DateTime.UtcNow));
        }

        using var client = app.Client();
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(client.Http, "xml", Report(revoked, code))).StatusCode);

        var slow = await IssueKeyAsync(app, perMinute: 2);
        var other = await IssueKeyAsync(app, perMinute: 100);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client.Http, "json", Report(slow, code))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client.Http, "json", Report(slow, code))).StatusCode);
        var limited = await PostAsync(client.Http, "json", Report(slow, code));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.StartsWith("api_key: ", (await JsonAsync(limited))[0].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client.Http, "json", Report(other, code))).StatusCode);
    }

    [Theory]
    [InlineData("/open311/v2/requests.json?service_code=%00")]
    [InlineData("/open311/v2/requests.json?service_request_id=2026-%00")]
    [InlineData("/open311/v2/requests/2026-%01.json")]
    [InlineData("/open311/v2/tokens/%01.json")]
    [InlineData("/open311/v2/services/%07.json")]
    public async Task Control_characters_in_a_query_are_refused_not_sent_to_the_database(string url)
    {
        using var client = app.Client();
        var response = await client.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Steuerzeichen", (await JsonAsync(response))[0].GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_answer_in_english_when_asked()
    {
        var code = await CategoryAsync(app);
        using var client = app.Client();
        var response = await PostAsync(client.Http, "json?culture=de-DE&ui-culture=en", Report("falsch", code));
        Assert.Equal("api_key: The API key is missing, wrong or was revoked.", (await JsonAsync(response))[0].GetProperty("description").GetString());
    }
}

[Collection(nameof(SqliteApp))]
public sealed class BadInputTests_Sqlite(SqliteApp app) : BadInputTests(app);

[Collection(nameof(PostgresApp))]
public sealed class BadInputTests_Postgres(PostgresApp app) : BadInputTests(app);
