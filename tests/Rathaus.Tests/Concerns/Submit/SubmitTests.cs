using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Model;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Concerns.Submit;

public abstract partial class SubmitTests(RathausApp app)
{
    [GeneratedRegex(@"^\d{4}-\d{6}$")]
    private static partial Regex ReferenceFormat();

    [GeneratedRegex(@"^http://localhost/anliegen/([A-Za-z0-9_-]{43})$")]
    private static partial Regex LinkFormat();

    private static string Unique(string text) => $"{text} {Guid.NewGuid():N}";

    [Fact]
    public async Task A_pothole_report_goes_to_street_maintenance_and_the_citizen_gets_reference_link_and_mail()
    {
        using var client = app.Client();
        var description = Unique("Tiefes Schlagloch vor der Einfahrt.");
        var values = await ConcernForm.PotholeAsync(app, description);
        values["Input.ContactName"] = "Erika Muster";
        values["Input.ContactEmail"] = "erika.muster@example.org";
        values["Input.ContactPhone"] = "+49 (4131) 309-0";

        var response = await ConcernForm.SubmitAsync(client, values);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ConcernForm.ReceivedUrl, response.Headers.Location!.OriginalString); // the token is not in the address
        var page = await client.FollowAsync(response);
        var (reference, link) = ConcernForm.Confirmation(page);
        Assert.Matches(ReferenceFormat(), reference);
        var token = LinkFormat().Match(link ?? "").Groups[1].Value;
        Assert.True(token.Length == 43, $"Tracking link: {link}");
        Assert.Contains("per E-Mail", page.QuerySelector("main")!.TextContent);

        await using var db = app.Db();
        var concern = await db.Concerns.Include(c => c.OrgUnit).SingleAsync(c => c.Description == description);
        Assert.Equal(reference, concern.ReferenceNumber);
        Assert.StartsWith($"{concern.ReceivedAt.Year}-", reference, StringComparison.Ordinal);
        Assert.Equal("7.1", concern.OrgUnit!.Code);
        Assert.Equal(TrackingTokens.Hash(token), concern.TrackingTokenHash);
        Assert.Equal((ConcernKind.DefectReport, Channel.Web, ConcernStatus.Received, "de"), (concern.Kind, concern.Channel, concern.Status, concern.Language));
        Assert.Equal(("Am Sande 5", "Erika Muster", "erika.muster@example.org", "+49 (4131) 309-0"), (concern.LocationText, concern.ContactName, concern.ContactEmail, concern.ContactPhone));
        var mail = await db.OutboxMessages.SingleAsync(m => m.ConcernId == concern.Id);
        Assert.Equal("erika.muster@example.org", mail.To);
        Assert.Contains(reference!, mail.Subject, StringComparison.Ordinal);
        Assert.Contains(link!, mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Weiss_nicht_goes_to_the_citizens_office_and_without_an_email_address_no_mail_is_queued()
    {
        using var client = app.Client();
        var description = Unique("Ich weiß nicht, wer zuständig ist.");
        var response = await ConcernForm.SubmitAsync(client, new() { ["Input.Kind"] = "Question", ["Input.Description"] = description });

        var page = await client.FollowAsync(response);
        Assert.Contains("keine E-Mail-Adresse angegeben", page.QuerySelector("main")!.TextContent);
        Assert.Contains("Weiß nicht", page.QuerySelector("main")!.TextContent);
        await using var db = app.Db();
        var concern = await db.Concerns.Include(c => c.OrgUnit).SingleAsync(c => c.Description == description);
        Assert.Null(concern.CategoryId);
        Assert.Equal("33.1", concern.OrgUnit!.Code);
        Assert.Null(concern.ContactEmail);
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.ConcernId == concern.Id));
    }

    [Fact]
    public async Task The_form_offers_the_five_kinds_and_the_active_categories_grouped_by_topic()
    {
        using var client = app.Client();
        var page = await client.GetPageAsync(ConcernForm.Url);

        var kinds = page.QuerySelectorAll("input[type=radio][name='Input.Kind']").Select(r => page.QuerySelector($"label[for='{r.Id}']")!.TextContent.Trim());
        Assert.Equal(["Frage", "Beschwerde", "Anregung", "Mängelmeldung", "Lob"], kinds);
        var select = page.QuerySelector<IHtmlSelectElement>("select[name='Input.CategoryId']")!;
        Assert.Equal("Weiß nicht", select.Options[0].Text);
        Assert.Equal("", select.Options[0].Value);
        var streets = select.QuerySelector("optgroup[label='Straßen und Verkehr']")!;
        Assert.Contains("Schlagloch oder Straßenschaden", streets.TextContent);
        Assert.NotNull(page.QuerySelector("input[type=file][name='Input.Files'][multiple][accept='image/jpeg,image/png,image/webp,application/pdf']"));
        Assert.True(Guid.TryParse(page.QuerySelector<IHtmlInputElement>("input[name='Input.IdempotencyKey']")!.Value, out var key) && key != Guid.Empty);
        var honeypot = page.QuerySelector<IHtmlInputElement>("input[name='Website']")!;
        Assert.Equal(("-1", "off"), (honeypot.GetAttribute("tabindex"), honeypot.GetAttribute("autocomplete")));
        var privacy = page.QuerySelector("#datenschutz")!.ParentElement!.TextContent;
        Assert.Contains("Hansestadt Lüneburg", privacy);
        Assert.Contains("Art. 6 Abs. 1 Buchstabe e DSGVO", privacy);
        Assert.NotNull(page.QuerySelector("#datenschutz")!.ParentElement!.QuerySelector("a[href='/datenschutz']"));
    }

    [Fact]
    public async Task Start_page_and_navigation_lead_to_the_form()
    {
        using var client = app.Client();
        var page = await client.GetPageAsync("/");
        Assert.NotNull(page.QuerySelector("main a.kern-btn[href='/anliegen/neu']"));
        Assert.NotNull(page.QuerySelector("header nav a[href='/anliegen/neu']"));
    }

    [Fact]
    public async Task A_form_without_kind_and_description_is_refused_with_German_messages_and_keeps_what_was_typed()
    {
        using var client = app.Client();
        var location = Unique("Bei der Post");
        var formPage = await client.GetPageAsync(ConcernForm.Url);
        var key = formPage.QuerySelector<IHtmlInputElement>("input[name='Input.IdempotencyKey']")!.Value;

        var response = await ConcernForm.PostAsync(client, formPage, new() { ["Input.Description"] = "   ", ["Input.Location"] = location, ["Input.ContactName"] = "Max Muster" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageClient.PageOf(response);
        Assert.Contains("Bitte wählen Sie, was für ein Anliegen Sie haben.", page.QuerySelector("#Input_Kind .kern-error")!.TextContent);
        Assert.Contains("Bitte beschreiben Sie Ihr Anliegen.", ErrorNextTo(page, "Input_Description"));
        Assert.Equal(location, page.QuerySelector<IHtmlInputElement>("#Input_Location")!.Value);
        Assert.Equal("Max Muster", page.QuerySelector<IHtmlInputElement>("#Input_ContactName")!.Value);
        Assert.Equal(key, page.QuerySelector<IHtmlInputElement>("input[name='Input.IdempotencyKey']")!.Value);
        await using var db = app.Db();
        Assert.False(await db.Concerns.AnyAsync(c => c.LocationText == location));
    }

    [Fact]
    public async Task Too_long_text_an_invalid_email_address_a_bad_phone_number_and_an_unknown_category_are_refused_next_to_their_fields()
    {
        using var client = app.Client();
        var location = Unique("Marktplatz");
        var tooLong = new string('x', 10_001);
        var response = await ConcernForm.SubmitAsync(client, new()
        {
            ["Input.Kind"] = "Complaint",
            ["Input.CategoryId"] = "987654",
            ["Input.Description"] = tooLong,
            ["Input.Location"] = location,
            ["Input.ContactEmail"] = "erika@example",
            ["Input.ContactPhone"] = "ruf mich an",
        });

        var page = await PageClient.PageOf(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("höchstens 10.000 Zeichen", ErrorNextTo(page, "Input_Description"));
        Assert.Contains("Dieses Thema gibt es nicht.", ErrorNextTo(page, "Input_CategoryId"));
        Assert.Contains("gültige E-Mail-Adresse", ErrorNextTo(page, "Input_ContactEmail"));
        Assert.Contains("Telefonnummer nur mit Ziffern", ErrorNextTo(page, "Input_ContactPhone"));
        Assert.Equal(tooLong, page.QuerySelector<IHtmlTextAreaElement>("#Input_Description")!.Value);
        Assert.Equal("erika@example", page.QuerySelector<IHtmlInputElement>("#Input_ContactEmail")!.Value);
        Assert.True(page.QuerySelector<IHtmlInputElement>("#Input_Kind_Complaint")!.IsChecked);
        await using var db = app.Db();
        Assert.False(await db.Concerns.AnyAsync(c => c.LocationText == location));
    }

    [Fact]
    public async Task A_filled_in_honeypot_looks_like_success_but_stores_nothing()
    {
        using var client = app.Client();
        var description = Unique("Billige Uhren");
        var values = await ConcernForm.PotholeAsync(app, description);
        values["Website"] = "http://spam.example";

        var response = await ConcernForm.SubmitAsync(client, values);

        var page = await client.FollowAsync(response);
        Assert.Contains("Ihr Anliegen ist eingegangen", page.QuerySelector("h1")!.TextContent);
        Assert.Equal((null, null), ConcernForm.Confirmation(page));
        await using var db = app.Db();
        Assert.False(await db.Concerns.AnyAsync(c => c.Description == description));
    }

    [Fact]
    public async Task Posting_the_same_form_twice_creates_one_concern_and_shows_the_same_reference_and_link()
    {
        using var client = app.Client();
        var description = Unique("Doppelklick");
        var values = await ConcernForm.PotholeAsync(app, description);
        values["Input.ContactEmail"] = "doppelt@example.org";
        var form = await client.GetPageAsync(ConcernForm.Url);

        var first = ConcernForm.Confirmation(await client.FollowAsync(await ConcernForm.PostAsync(client, form, values)));
        var retry = ConcernForm.Confirmation(await client.FollowAsync(await ConcernForm.PostAsync(client, form, values)));
        var clicks = await Task.WhenAll(ConcernForm.PostAsync(client, form, values), ConcernForm.PostAsync(client, form, values));

        Assert.NotNull(first.Reference);
        Assert.Equal(first, retry);
        Assert.All(clicks, c => Assert.Equal(HttpStatusCode.Redirect, c.StatusCode));
        await using var db = app.Db();
        var concern = await db.Concerns.SingleAsync(c => c.Description == description);
        Assert.Equal(first.Reference, concern.ReferenceNumber);
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.ConcernId == concern.Id));
    }

    [Fact]
    public async Task Thirty_parallel_submissions_get_thirty_consecutive_reference_numbers()
    {
        var marker = Unique("Parallel");
        var clients = Enumerable.Range(0, 30).Select(_ => app.Client()).ToList();
        try
        {
            var forms = await Task.WhenAll(clients.Select(c => c.GetPageAsync(ConcernForm.Url)));
            var responses = await Task.WhenAll(clients.Select((c, i) =>
                ConcernForm.PostAsync(c, forms[i], new() { ["Input.Kind"] = "Suggestion", ["Input.Description"] = $"{marker} Nr. {i}" })));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
            await using var db = app.Db();
            var stored = await db.Concerns.Where(c => c.Description.StartsWith(marker)).Select(c => new { c.ReferenceNumber, c.Year, c.Sequence }).ToListAsync();
            Assert.Equal(30, stored.Select(c => c.ReferenceNumber).Distinct().Count());
            Assert.Single(stored.Select(c => c.Year).Distinct());
            var sequences = stored.Select(c => c.Sequence).Order().ToList();
            Assert.Equal(Enumerable.Range(sequences[0], 30), sequences);
            Assert.All(stored, c => Assert.Equal($"{c.Year}-{c.Sequence:D6}", c.ReferenceNumber));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Script_in_the_description_is_stored_as_typed_and_shown_as_text()
    {
        using var client = app.Client();
        var description = Unique("<script>alert('x')</script> & <b>fett</b>");
        var response = await ConcernForm.SubmitAsync(client, new() { ["Input.Kind"] = "Complaint", ["Input.Description"] = description });

        var page = await client.FollowAsync(response);
        var html = await client.Http.GetStringAsync(ConcernForm.ReceivedUrl);
        Assert.Equal(description, page.QuerySelector("#beschreibung")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("main script, main b"));
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
        await using var db = app.Db();
        Assert.True(await db.Concerns.AnyAsync(c => c.Description == description));
    }

    [Fact]
    public async Task A_photo_and_a_pdf_are_stored_as_attachments_with_the_type_found_in_their_content()
    {
        using var client = app.Client();
        var description = Unique("Mit Foto und Plan");
        var values = await ConcernForm.PotholeAsync(app, description);

        var response = await ConcernForm.SubmitAsync(client, values, ("schlagloch.png", ConcernForm.Png), ("lageplan.pdf", ConcernForm.Pdf));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Db();
        var concern = await db.Concerns.Include(c => c.Attachments).Include(c => c.Entries).SingleAsync(c => c.Description == description);
        var files = concern.Attachments.OrderBy(a => a.FileName).Select(a => (a.FileName, a.ContentType, a.FromCitizen)).ToList();
        Assert.Equal([("lageplan.pdf", "application/pdf", true), ("schlagloch.png", "image/png", true)], files);
        Assert.All(concern.Attachments, a => Assert.Equal(concern.Entries.Single(e => e.Kind == EntryKind.Submitted).Id, a.EntryId));
        Assert.Equal(ConcernForm.Pdf, concern.Attachments.Single(a => a.FileName == "lageplan.pdf").Content);
    }

    [Fact]
    public async Task A_text_file_named_png_is_refused_by_name_and_the_rest_of_the_form_is_kept()
    {
        using var client = app.Client();
        var description = Unique("Mit falscher Datei");
        var values = await ConcernForm.PotholeAsync(app, description);

        var response = await ConcernForm.SubmitAsync(client, values, ("foto.png", "Das ist kein Bild."u8.ToArray()), ("echt.png", ConcernForm.Png));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageClient.PageOf(response);
        Assert.Contains("„foto.png“", ErrorNextTo(page, "Input_Files"));
        Assert.DoesNotContain("echt.png", ErrorNextTo(page, "Input_Files"));
        Assert.Contains("„echt.png“", page.QuerySelector("#Input_Files-again")!.TextContent);
        Assert.Equal(description, page.QuerySelector<IHtmlTextAreaElement>("#Input_Description")!.Value);
        Assert.True(page.QuerySelector<IHtmlInputElement>("#Input_Kind_DefectReport")!.IsChecked);
        Assert.Equal(values["Input.CategoryId"], page.QuerySelector<IHtmlSelectElement>("#Input_CategoryId")!.Value);
        await using var db = app.Db();
        Assert.False(await db.Concerns.AnyAsync(c => c.Description == description));
    }

    [Fact]
    public async Task More_than_five_files_are_refused()
    {
        using var client = app.Client();
        var description = Unique("Sechs Fotos");
        var values = await ConcernForm.PotholeAsync(app, description);

        var response = await ConcernForm.SubmitAsync(client, values, [.. Enumerable.Range(1, 6).Select(i => ($"foto{i}.png", ConcernForm.Png))]);

        var page = await PageClient.PageOf(response);
        Assert.Contains("höchstens 5 Dateien", ErrorNextTo(page, "Input_Files"));
        await using var db = app.Db();
        Assert.False(await db.Concerns.AnyAsync(c => c.Description == description));
    }

    [Fact]
    public async Task A_citizen_using_the_English_pages_gets_an_English_concern()
    {
        using var client = app.Client();
        await client.Http.GetAsync("/sprache/en?zurueck=%2F");
        var description = Unique("There is a pothole.");

        await client.FollowAsync(await ConcernForm.SubmitAsync(client, new() { ["Input.Kind"] = "DefectReport", ["Input.Description"] = description }));

        await using var db = app.Db();
        Assert.Equal("en", await db.Concerns.Where(c => c.Description == description).Select(c => c.Language).SingleAsync());
    }

    private static string ErrorNextTo(IHtmlDocument page, string fieldId)
    {
        var error = page.GetElementById(fieldId)?.Closest(".kern-form-input")?.QuerySelector(".kern-error");
        Assert.True(error is not null, $"No error next to {fieldId}; errors: {string.Join(" | ", PageClient.Errors(page))}");
        return error.TextContent.Trim();
    }
}

[Collection(nameof(SqliteApp))]
public sealed class SubmitTests_Sqlite(SqliteApp app) : SubmitTests(app);

[Collection(nameof(PostgresApp))]
public sealed class SubmitTests_Postgres(PostgresApp app) : SubmitTests(app);
