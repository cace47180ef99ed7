using System.Net;
using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Model;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Concerns.Capture;

public abstract class CaptureTests(RathausApp app)
{
    private const string Clerk = "y.demir"; // Bürgerbüro

    [Fact]
    public async Task A_phone_concern_is_routed_numbered_and_the_receipt_shows_a_working_link()
    {
        await using var db = app.Db();
        var category = await db.Categories.SingleAsync(c => c.Code == "schlagloch");
        var email = $"anrufer-{Guid.NewGuid():N}@example.org";
        var description = "Anruf: Schlagloch vor der Post " + Guid.NewGuid();
        using var clerk = await app.LoggedInAsync(Clerk);

        var response = await clerk.SubmitAsync("/intern/anliegen/erfassen", new()
        {
            ["Input.Channel"] = "Phone",
            ["Input.Kind"] = "DefectReport",
            ["Input.CategoryId"] = category.Id.ToString(),
            ["Input.Description"] = description,
            ["Input.ContactEmail"] = email,
            ["Input.Language"] = "en",
        });
        var receipt = await clerk.FollowAsync(response);

        var stored = await db.Concerns.Include(c => c.OrgUnit).SingleAsync(c => c.Description == description);
        Assert.Equal(Channel.Phone, stored.Channel);
        Assert.Equal("7.1", stored.OrgUnit!.Code);
        Assert.Equal("en", stored.Language);
        Assert.Equal(stored.ReferenceNumber, receipt.QuerySelector("#vorgangsnummer")!.TextContent.Trim());
        Assert.StartsWith("data:image/png;base64,", receipt.QuerySelector("img.receipt-qr")!.GetAttribute("src"), StringComparison.Ordinal);
        var link = new Uri(receipt.QuerySelector("#zugangslink")!.TextContent.Trim());
        using var citizen = app.Client();
        Assert.Contains(description, (await citizen.GetPageAsync(link.PathAndQuery)).QuerySelector("main")!.TextContent);
        var mail = await db.OutboxMessages.SingleAsync(m => m.ConcernId == stored.Id && m.Kind == "Concern.Acknowledgement");
        Assert.Equal(email, mail.To);
        Assert.StartsWith("Your concern has been received", mail.Subject, StringComparison.Ordinal);
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "Concern.Submitted" && a.EntityKey == stored.ReferenceNumber);
        Assert.Equal("Yasemin Demir", audit.StaffMemberName);
    }

    [Fact]
    public async Task Missing_fields_and_a_channel_that_is_not_phone_or_counter_are_refused()
    {
        using var clerk = await app.LoggedInAsync(Clerk);
        await using var db = app.Db();
        var before = await db.Concerns.CountAsync();

        var empty = PageClient.Errors(await PageClient.PageOf(await clerk.SubmitAsync("/intern/anliegen/erfassen", new())));
        var web = PageClient.Errors(await PageClient.PageOf(await clerk.SubmitAsync("/intern/anliegen/erfassen", new()
        {
            ["Input.Channel"] = "Web",
            ["Input.Kind"] = "Question",
            ["Input.Description"] = "Frage",
        })));

        Assert.Contains("Bitte wählen Sie, wie das Anliegen kam: am Telefon oder am Schalter.", empty);
        Assert.Contains("Bitte beschreiben Sie Ihr Anliegen.", empty);
        Assert.Contains("Bitte wählen Sie, wie das Anliegen kam: am Telefon oder am Schalter.", web);
        Assert.Equal(before, await db.Concerns.CountAsync());
    }

    [Fact]
    public async Task Saving_the_same_form_twice_stores_one_concern()
    {
        using var clerk = await app.LoggedInAsync(Clerk);
        var page = await clerk.GetPageAsync("/intern/anliegen/erfassen");
        var description = "Am Schalter: Bank im Kurpark kaputt " + Guid.NewGuid();
        var fields = new Dictionary<string, string?> { ["Input.Channel"] = "Counter", ["Input.Kind"] = "DefectReport", ["Input.Description"] = description };

        var first = await clerk.SubmitAsync(page, "/intern/anliegen/erfassen", fields);
        var second = await clerk.SubmitAsync(page, "/intern/anliegen/erfassen", fields);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        await using var db = app.Db();
        var stored = await db.Concerns.SingleAsync(c => c.Description == description);
        Assert.Equal(Channel.Counter, stored.Channel);
    }

    [Fact]
    public async Task Capture_needs_a_login_and_the_receipt_shows_nothing_without_a_fresh_capture()
    {
        using var anonymous = app.Client();
        var response = await anonymous.Http.GetAsync("/intern/anliegen/erfassen");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/anmelden", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        using var clerk = await app.LoggedInAsync(Clerk);
        var receipt = await clerk.GetPageAsync("/intern/anliegen/erfasst");
        Assert.Contains("Die Bestätigung ist nicht mehr verfügbar.", receipt.QuerySelector("main")!.TextContent);
        Assert.Null(receipt.QuerySelector("#zugangslink"));
    }
}

[Collection(nameof(SqliteApp))]
public sealed class CaptureTests_Sqlite(SqliteApp app) : CaptureTests(app);

[Collection(nameof(PostgresApp))]
public sealed class CaptureTests_Postgres(PostgresApp app) : CaptureTests(app);
