using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Rathaus.Open311.Attributes;
using Rathaus.Tests.Concerns.Uploads;
using Rathaus.Tests.Infrastructure;
using static Rathaus.Tests.Open311.Open311Api;

namespace Rathaus.Tests.Open311;

/// <summary>
/// A thousand randomly broken POSTs (fields left out, garbage and huge values, broken encodings, wrong content types,
/// broken multipart bodies): no answer is a 5xx, every refusal is the spec's error list, and the number of stored
/// concerns grows by exactly the number of accepted requests (nothing half-stored).
/// </summary>
public abstract class FuzzTests(RathausApp app)
{
    private static readonly string[] Garbage =
    [
        "", " ", "null", "NaN", "Infinity", "-0", "1e309", "0x1F", "53.2489.1", "١٢٣", "'; DROP TABLE concerns; --", "<script>alert(1)</script>",
        "\u0000\u0001\u0002", "\uD800", "😀🏳️‍🌈", "Straße\r\nzweite Zeile", "%zz", "%", "+", "&&&", "attribute[", "[]", "true", "2026-13-45T99:99:99Z",
        "53.2489", "10.4064", "-91", "181", "loch", "riss", "rad",
    ];

    [Fact]
    public async Task A_thousand_broken_requests_give_no_server_error_and_store_nothing_half()
    {
        var key = await IssueKeyAsync(app);
        var code = await CategoryAsync(app,
            Attribute("art", AttributeDatatype.SingleValueList, true, 1, ("loch", "Loch"), ("riss", "Riss")),
            Attribute("gefahr", AttributeDatatype.MultiValueList, false, 2, ("rad", "Rad"), ("fuss", "Fuß")),
            Attribute("tiefe", AttributeDatatype.Number, false, 3),
            Attribute("seit", AttributeDatatype.Datetime, false, 4),
            Attribute("notiz", AttributeDatatype.Text, false, 5));
        var seed = Environment.TickCount;
        var random = new Random(seed);
        int before;
        await using (var db = app.Db())
        {
            before = await db.Concerns.CountAsync();
        }

        using var client = app.Client();
        var accepted = 0;
        for (var i = 0; i < 1000; i++)
        {
            var format = random.Next(10) == 0 ? "csv" : random.Next(2) == 0 ? "xml" : "json";
            using var content = Content(random, key, code);
            var response = await client.Http.PostAsync($"/open311/v2/requests.{format}", content);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode < 500, $"seed {seed}, request {i}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 500)]}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                accepted++;
                Assert.Contains("service_request_id", body, StringComparison.Ordinal);
            }
            else
            {
                Assert.True((int)response.StatusCode is 400 or 403 or 404, $"seed {seed}, request {i}: {(int)response.StatusCode}");
                Assert.Contains(format == "json" ? "\"description\"" : "<description>", body, StringComparison.Ordinal);
            }
        }

        await using (var db = app.Db())
        {
            Assert.Equal(before + accepted, await db.Concerns.CountAsync());
            Assert.Equal(accepted, await db.Concerns.CountAsync(c => c.Category!.Code == code));
            Assert.Equal(accepted, await db.Open311Requests.CountAsync(r => r.Concern!.Category!.Code == code));
        }

        Assert.InRange(accepted, 1, 999); // the mix holds both: a fuzz that refuses or accepts everything tests little
    }

    [Fact]
    public async Task A_thousand_random_queries_give_no_server_error()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        // A NUL in the path never reaches the app: Kestrel answers 400 itself (the test server throws instead).
        string[] paths = ["services", "services/schlagloch", "services/" + Uri.EscapeDataString(Pick(random).Replace("\0", "", StringComparison.Ordinal)), "requests", "requests/2026-000001", "tokens/abc", "discovery"];
        string[] parameters = ["service_request_id", "service_code", "start_date", "end_date", "status", "page", "page_size", "extensions", "jurisdiction_id"];
        using var client = app.Client();
        for (var i = 0; i < 1000; i++)
        {
            var path = paths[random.Next(paths.Length)];
            var query = string.Join('&', Enumerable.Range(0, random.Next(0, 5)).Select(_ =>
                parameters[random.Next(parameters.Length)] + "=" + Uri.EscapeDataString(random.Next(5) == 0 ? new string('9', random.Next(1, 3000)) : Pick(random))));
            var url = (path == "discovery" ? "/open311/" : "/open311/v2/") + path + "." + (random.Next(8) == 0 ? "html" : random.Next(2) == 0 ? "xml" : "json") + "?" + query;
            var response = await client.Http.GetAsync(url);
            Assert.True((int)response.StatusCode < 500, $"seed {seed}: {url} answered {(int)response.StatusCode}");
        }
    }

    private static HttpContent Content(Random random, string key, string code)
    {
        var fields = new List<(string Name, string Value)>
        {
            ("api_key", random.Next(12) == 0 ? "r311_" + random.Next() : key),
            ("service_code", random.Next(12) == 0 ? Pick(random) : code),
            ("lat", random.Next(8) == 0 ? Pick(random) : Lat),
            ("long", random.Next(8) == 0 ? Pick(random) : Long),
            ("attribute[art]", random.Next(6) == 0 ? Pick(random) : "loch"),
            ("description", random.Next(8) == 0 ? new string('ä', random.Next(3990, 100_000)) : "Loch " + Pick(random)),
        };
        foreach (var optional in new[] { "address_string", "address_id", "email", "phone", "first_name", "last_name", "device_id", "account_id", "media_url", "jurisdiction_id", "attribute[gefahr][]", "attribute[tiefe]", "attribute[seit]", "attribute[notiz]", "attribute[x][y]", Pick(random) })
        {
            if (random.Next(4) == 0)
            {
                fields.Add((optional, random.Next(10) == 0 ? new string('x', random.Next(1, 20_000)) : Pick(random)));
            }
        }

        fields.RemoveAll(_ => random.Next(10) == 0); // random omissions

        return random.Next(10) switch
        {
            0 => Raw(Encoding.UTF8.GetBytes("{\"api_key\":\"" + key + "\",\"service_code\":\"" + code + "\""), "application/json"),
            1 => Raw(Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => f.Name + "=" + f.Value))), random.Next(2) == 0 ? "text/plain" : "application/x-www-form-urlencoded"),
            2 => Raw([.. Encoding.ASCII.GetBytes($"api_key={key}&service_code={code}&lat={Lat}&long={Long}&attribute[art]=loch&description="), .. RandomBytes(random, 64)], "application/x-www-form-urlencoded"),
            3 => Raw(Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"api_key\"\r\n\r\n" + key + (random.Next(2) == 0 ? "" : "\r\n--b--")), "multipart/form-data; boundary=" + (random.Next(2) == 0 ? "b" : "")),
            // HttpClient itself refuses field names it cannot quote; the server sees the rest.
            4 => Multipart(fields.Where(f => f.Name.Length > 0 && f.Name.All(c => c is > ' ' and < (char)127 and not '"')), ("media", "foto.jpg", Media(random), random.Next(2) == 0 ? "image/jpeg" : "application/octet-stream")),
            5 => Raw(RandomBytes(random, random.Next(0, 2000)), random.Next(2) == 0 ? "application/x-www-form-urlencoded" : "application/xml"),
            _ => new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))),
        };
    }

    private static string Pick(Random random) => Garbage[random.Next(Garbage.Length)];

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Media(Random random) => random.Next(4) switch
    {
        0 => SampleFiles.Jpeg(SampleFiles.Metadata),
        1 => SampleFiles.Jpeg([])[..20],
        2 => [],
        _ => RandomBytes(random, 500),
    };

    private static ByteArrayContent Raw(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        if (MediaTypeHeaderValue.TryParse(contentType, out var type))
        {
            content.Headers.ContentType = type;
        }

        return content;
    }
}

[Collection(nameof(SqliteApp))]
public sealed class FuzzTests_Sqlite(SqliteApp app) : FuzzTests(app);

[Collection(nameof(PostgresApp))]
public sealed class FuzzTests_Postgres(PostgresApp app) : FuzzTests(app);
