// The least an ASP.NET Core app can do for each benchmark scenario, on the same machine and runtime as Rathaus:
// a small HTML form with the same hidden fields, a POST that reads the form and redirects, a list page.
// The ratio Rathaus / this endpoint shows what the app itself costs beyond Kestrel, HTTP and the load generator.
using System.Globalization;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var submitted = 0L;

const string Form = """
    <!doctype html><html lang="de"><head><title>Formular</title></head><body><main>
    <form method="post" enctype="multipart/form-data">
    <input type="hidden" name="__RequestVerificationToken" value="{0}" />
    <input type="hidden" name="Input.IdempotencyKey" value="{1}" />
    <select name="Input.CategoryId"><option value="7">Schlagloch</option></select>
    <textarea name="Input.Description"></textarea><button>Absenden</button>
    </form></main></body></html>
    """;

app.MapGet("/anliegen/neu", () => Results.Content(
    string.Format(CultureInfo.InvariantCulture, Form, Convert.ToBase64String(Guid.NewGuid().ToByteArray()), Guid.NewGuid()), "text/html; charset=utf-8"));

app.MapPost("/anliegen/neu", async (HttpRequest request) =>
{
    var form = await request.ReadFormAsync();
    if (string.IsNullOrEmpty(form["Input.Description"]) || !Guid.TryParse(form["Input.IdempotencyKey"], out _))
    {
        return Results.BadRequest();
    }

    Interlocked.Increment(ref submitted);
    return Results.Redirect("/anliegen/eingegangen");
});

app.MapGet("/anliegen/eingegangen", () => Results.Content(
    $"<!doctype html><html lang=\"de\"><body><main><h1>Eingegangen</h1><p>{Interlocked.Read(ref submitted)}</p></main></body></html>",
    "text/html; charset=utf-8"));

// The mailroom's form: the same round trip with a bigger form.
app.MapGet("/intern/poststelle/erfassen", () => Results.Content(
    string.Format(CultureInfo.InvariantCulture, Form, Convert.ToBase64String(Guid.NewGuid().ToByteArray()), Guid.NewGuid())
        .Replace("<textarea name=\"Input.Description\">", "<select name=\"Input.AddresseeUnitId\"><option value=\"3\">7.1</option></select><textarea name=\"Input.Sender\">", StringComparison.Ordinal)
        + "<p>Nr. 1 ist erfasst.</p>", "text/html; charset=utf-8"));

app.MapPost("/intern/poststelle/erfassen", async (HttpRequest request) =>
{
    var form = await request.ReadFormAsync();
    return string.IsNullOrEmpty(form["Input.Sender"]) || !Guid.TryParse(form["Input.IdempotencyKey"], out _)
        ? Results.BadRequest()
        : Results.Redirect("/intern/poststelle/erfassen?standort=1");
});

app.MapGet("/intern/anliegen", (string? suche) => Results.Content(
    "<!doctype html><html lang=\"de\"><body><main><table><tbody>"
    + string.Concat(Enumerable.Range(1, 25).Select(i => $"<tr><td><a href=\"/intern/anliegen/2026-{i:D6}\">2026-{i:D6}</a></td><td>{System.Net.WebUtility.HtmlEncode(suche)}</td></tr>"))
    + "</tbody></table></main></body></html>",
    "text/html; charset=utf-8"));

app.Run();
