#:sdk Microsoft.NET.Sdk.Web
#:property PublishAot=false
// The yardstick of bench/council/run.sh: the least an ASP.NET Core app does for the same two requests, measured in
// the same run as Rathaus. An OParl-shaped list page of 100 small papers serialized per request, and an HTML page
// of 20 search results with the search text encoded. The ratio Rathaus / this endpoint is what the app itself costs.
using System.Net;
using System.Text.Json.Nodes;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

app.MapGet("/oparl/v1.1/body/{body:int}/paper", (int body, int? page, HttpRequest request) =>
{
    var current = page ?? 1;
    var data = new JsonArray();
    for (var i = 1; i <= 100; i++)
    {
        var id = (current - 1) * 100 + i;
        data.Add(new JsonObject
        {
            ["id"] = $"http://{request.Host}/oparl/v1.1/paper/{id}",
            ["type"] = "https://schema.oparl.org/1.1/Paper",
            ["body"] = $"http://{request.Host}/oparl/v1.1/body/{body}",
            ["name"] = $"Bebauungsplan Nr. {id} Bardowicker Straße",
            ["reference"] = $"B2020/{id:D6}",
            ["date"] = "2020-05-04",
            ["paperType"] = "Beschlussvorlage",
            ["web"] = $"http://{request.Host}/rat/vorlagen/{id}",
            ["created"] = "2020-05-04T00:00:00+02:00",
            ["modified"] = "2020-05-04T00:00:00+02:00",
            ["deleted"] = false,
        });
    }

    var list = new JsonObject
    {
        ["data"] = data,
        ["pagination"] = new JsonObject { ["totalElements"] = 100000, ["elementsPerPage"] = 100, ["currentPage"] = current, ["totalPages"] = 1000 },
        ["links"] = new JsonObject { ["next"] = $"http://{request.Host}/oparl/v1.1/body/{body}/paper?page={current + 1}" },
    };
    return Results.Text(list.ToJsonString(), "application/json; charset=utf-8");
});

app.MapGet("/rat/suche", (string? suche) => Results.Content(
    "<!doctype html><html lang=\"de\"><head><title>Suche</title></head><body><main><h1>Suche</h1><ol>"
    + string.Concat(Enumerable.Range(1, 20).Select(i => $"<li><a href=\"/rat/vorlagen/{i}\">B2020/{i:D6}: <mark>{WebUtility.HtmlEncode(suche)}</mark> Bardowicker Straße</a><p>… Sachverhalt: <mark>{WebUtility.HtmlEncode(suche)}</mark> im Stadtteil Kaltenmoor …</p></li>"))
    + "</ol></main></body></html>", "text/html; charset=utf-8"));

app.MapGet("/", () => "ok");
app.Run();
