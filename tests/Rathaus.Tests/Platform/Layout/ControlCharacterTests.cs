using System.Net;
using Microsoft.EntityFrameworkCore;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Platform.Layout;

public abstract class ControlCharacterTests(RathausApp app)
{
    [Fact]
    public async Task Invisible_control_characters_in_a_form_are_dropped_and_the_concern_is_stored()
    {
        using var client = app.Client();
        var page = await client.GetPageAsync("/anliegen/neu");
        var marker = Guid.NewGuid().ToString("N");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent(page.QuerySelector("input[name='Input.IdempotencyKey']")!.GetAttribute("value")!), "Input.IdempotencyKey" },
            { new StringContent("Question"), "Input.Kind" },
            { new StringContent($"Null\0zeichen\u0001 und Tab\tund Zeilen\r\numbruch {marker}"), "Input.Description" },
            { new StringContent("Am\0Sande"), "Input.Location" },
        };

        var response = await client.Http.PostAsync("/anliegen/neu", content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Db();
        var stored = await db.Concerns.SingleAsync(c => c.Description.EndsWith(marker));
        Assert.Equal($"Nullzeichen und Tab\tund Zeilen\numbruch {marker}", stored.Description);
        Assert.Equal("AmSande", stored.LocationText);
    }
}

[Collection(nameof(SqliteApp))]
public sealed class ControlCharacterTests_Sqlite(SqliteApp app) : ControlCharacterTests(app);

[Collection(nameof(PostgresApp))]
public sealed class ControlCharacterTests_Postgres(PostgresApp app) : ControlCharacterTests(app);
