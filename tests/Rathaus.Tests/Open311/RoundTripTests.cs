using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Concerns.Model;
using Rathaus.Open311.Attributes;
using Rathaus.Tests.Concerns.Uploads;
using Rathaus.Tests.Infrastructure;
using static Rathaus.Tests.Open311.Open311Api;

namespace Rathaus.Tests.Open311;

/// <summary>An app reports, follows its report, staff work on it, the app sees the result.</summary>
public abstract class RoundTripTests(RathausApp app)
{
    [Fact]
    public async Task Post_token_get_staff_closes_get_shows_closed_with_fine_state_history_and_photo()
    {
        var key = await IssueKeyAsync(app);
        var code = await CategoryAsync(app,
            Attribute("art", AttributeDatatype.SingleValueList, true, 1, ("loch", "Loch in der Fahrbahn"), ("riss", "Riss")),
            Attribute("gefahr", AttributeDatatype.MultiValueList, false, 2, ("rad", "Radfahrende"), ("fuss", "Zu Fuß Gehende")));
        var photo = SampleFiles.Jpeg(SampleFiles.Metadata);
        using var client = app.Client();

        // POST, as multipart with a photo (the documented extension).
        var posted = await client.Http.PostAsync("/open311/v2/requests.json", Multipart(
            [.. Report(key, code, "Tiefes Loch am Sande"), ("attribute[art]", "loch"), ("attribute[gefahr][]", "rad"), ("attribute[gefahr][]", "fuss"),
             ("first_name", "Erika"), ("last_name", "Mustermann"), ("email", "erika.open311@example.org"), ("phone", "04131 123456")],
            ("media", "loch.jpg", photo, "image/jpeg")));
        var postedText = await posted.Content.ReadAsStringAsync();
        Assert.True(posted.StatusCode == HttpStatusCode.OK, postedText);
        var id = JsonDocument.Parse(postedText).RootElement[0].GetProperty("service_request_id").GetString()!;

        string trackingToken;
        await using (var db = app.Db())
        {
            var stored = await db.Concerns.Include(c => c.AttributeValues).Include(c => c.Attachments).SingleAsync(c => c.ReferenceNumber == id);
            Assert.Equal(Channel.Open311, stored.Channel);
            Assert.Equal(ConcernKind.DefectReport, stored.Kind);
            Assert.Equal("Altstadt", stored.District);
            Assert.Equal(53.2489, stored.Latitude);
            Assert.Equal("Erika Mustermann", stored.ContactName);
            Assert.Equal(["loch", "rad", "fuss"], stored.AttributeValues.OrderBy(v => v.Order).Select(v => v.Value));
            Assert.Equal("Loch in der Fahrbahn", stored.AttributeValues.Single(v => v.Code == "art").ValueName);
            Assert.Single(stored.Attachments);
            var token = (await db.Open311Requests.SingleAsync(r => r.ConcernId == stored.Id)).Token;
            trackingToken = app.Services.GetRequiredService<Rathaus.Concerns.Intake.TrackingTokens>().Reveal(stored.TrackingTokenProtected);

            // Token → service_request_id.
            var byToken = await JsonAsync(await client.Http.GetAsync($"/open311/v2/tokens/{token}.json"));
            Assert.Equal(id, byToken[0].GetProperty("service_request_id").GetString());
        }

        var open = (await JsonAsync(await client.Http.GetAsync($"/open311/v2/requests/{id}.json?extensions=true")))[0];
        Assert.Equal("open", open.GetProperty("status").GetString());
        Assert.Equal("received", open.GetProperty("extended_attributes").GetProperty("detailed_status").GetString());
        var mediaUrl = open.GetProperty("media_url").GetString()!;
        Assert.Contains($"/open311/v2/requests/{id}/media/", mediaUrl, StringComparison.Ordinal);
        Assert.Equal(mediaUrl, open.GetProperty("extended_attributes").GetProperty("photos")[0].GetProperty("media_url").GetString());
        var image = await client.Http.GetAsync(new Uri(mediaUrl).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain(SampleFiles.Location, System.Text.Encoding.ASCII.GetString(await image.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);

        // Staff close it on the detail page, as a case worker would.
        using (var staff = await app.LoggedInAsync("y.demir"))
        {
            var detail = await staff.GetPageAsync("/intern/anliegen/" + id);
            var facts = detail.QuerySelector("main")!.TextContent;
            Assert.Contains("Loch in der Fahrbahn", facts, StringComparison.Ordinal); // the answers to the category's questions
            Assert.Contains("Frage gefahr", facts, StringComparison.Ordinal);
            var changed = await staff.SubmitAsync(detail, "/intern/anliegen/" + id, new() { ["Status"] = "Resolved", ["Comment"] = "Frau Mustermann, das Loch ist verfüllt." }, button: "Status ändern");
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        foreach (var format in new[] { "json", "xml" })
        {
            var text = await (await client.Http.GetAsync($"/open311/v2/requests/{id}.{format}?extensions=true")).Content.ReadAsStringAsync();
            Assert.DoesNotContain("Mustermann", text, StringComparison.Ordinal); // neither the name nor the comment written to her
            Assert.DoesNotContain("erika", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("123456", text, StringComparison.Ordinal);
            Assert.DoesNotContain(trackingToken, text, StringComparison.Ordinal); // the citizen's private link stays private
        }

        var closed = (await JsonAsync(await client.Http.GetAsync($"/open311/v2/requests/{id}.json?extensions=true")))[0];
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal("Erledigt", closed.GetProperty("status_notes").GetString());
        Assert.Equal("resolved", closed.GetProperty("extended_attributes").GetProperty("detailed_status").GetString());
        Assert.Equal(["submitted", "status_change"], closed.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("type").GetString()));
        Assert.Equal("Status: Erledigt", closed.GetProperty("notes")[1].GetProperty("description").GetString());
        Assert.Equal(closed.GetProperty("notes")[1].GetProperty("datetime").GetString(), closed.GetProperty("updated_datetime").GetString());
        Assert.False(closed.TryGetProperty("extended_attributes", out _) && !closed.TryGetProperty("notes", out _));

        var plain = (await JsonAsync(await client.Http.GetAsync($"/open311/v2/requests/{id}.json")))[0];
        Assert.Equal(SpecExampleTests.RequestFields, Open311Api.Names(plain)); // without extensions=true: only the spec's fields

        var xml = await XmlAsync(await client.Http.GetAsync($"/open311/v2/requests.xml?service_request_id={id},1999-000001&status=open"));
        Assert.Equal("closed", Assert.Single(xml.Root!.Elements()).Element("status")!.Value); // the id list overrides other filters
        var closedList = await JsonAsync(await client.Http.GetAsync($"/open311/v2/requests.json?service_code={code}&status=closed"));
        Assert.Equal(id, Assert.Single(closedList.EnumerateArray()).GetProperty("service_request_id").GetString());
        Assert.Equal(0, (await JsonAsync(await client.Http.GetAsync($"/open311/v2/requests.json?service_code={code}&status=open"))).GetArrayLength());
    }

    [Fact]
    public async Task Paging_and_the_date_window_limit_the_list()
    {
        var key = await IssueKeyAsync(app);
        var code = await CategoryAsync(app);
        using var client = app.Client();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await JsonAsync(await PostAsync(client.Http, "json", Report(key, code, "Nr. " + i))))[0].GetProperty("service_request_id").GetString()!);
        }

        await using (var db = app.Db())
        {
            // The oldest one came in 100 days ago: outside the default window of 90 days.
            await db.Concerns.Where(c => c.ReferenceNumber == ids[0]).ExecuteUpdateAsync(s => s.SetProperty(c => c.ReceivedAt, DateTime.UtcNow.AddDays(-100)));
        }

        var page1 = await JsonAsync(await client.Http.GetAsync($"/open311/v2/requests.json?service_code={code}&page_size=1&page=1"));
        var page2 = await JsonAsync(await client.Http.GetAsync($"/open311/v2/requests.json?service_code={code}&page_size=1&page=2"));
        var page3 = await JsonAsync(await client.Http.GetAsync($"/open311/v2/requests.json?service_code={code}&page_size=1&page=3"));
        Assert.Equal([ids[2], ids[1]], new[] { page1, page2 }.Select(p => p[0].GetProperty("service_request_id").GetString()));
        Assert.Equal(0, page3.GetArrayLength());

        var start = DateTime.UtcNow.AddDays(-120).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var end = DateTime.UtcNow.AddDays(-50).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var old = await JsonAsync(await client.Http.GetAsync($"/open311/v2/requests.json?service_code={code}&start_date={start}&end_date={end}"));
        Assert.Equal(ids[0], Assert.Single(old.EnumerateArray()).GetProperty("service_request_id").GetString());

        var tooLong = await client.Http.GetAsync($"/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.StartsWith("end_date: ", (await JsonAsync(tooLong))[0].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.Http.GetAsync("/open311/v2/requests.xml?status=erledigt")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.Http.GetAsync("/open311/v2/requests.xml?page_size=5000")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.Http.GetAsync("/open311/v2/requests.xml?start_date=gestern")).StatusCode);
    }

    [Fact]
    public async Task Only_photos_sent_with_a_public_report_are_served_and_other_concerns_stay_private()
    {
        var key = await IssueKeyAsync(app);
        var code = await CategoryAsync(app);
        using var client = app.Client();
        var id = (await JsonAsync(await PostAsync(client.Http, "json", Report(key, code))))[0].GetProperty("service_request_id").GetString()!;
        long staffFile;
        string question;
        await using (var db = app.Db())
        {
            var concern = await db.Concerns.SingleAsync(c => c.ReferenceNumber == id);
            var file = new ConcernAttachment { ConcernId = concern.Id, FileName = "antwort.png", ContentType = "image/png", Size = 3, Sha256 = new byte[32], Content = [1, 2, 3], UploadedAt = DateTime.UtcNow, FromCitizen = false };
            db.ConcernAttachments.Add(file);
            await db.SaveChangesAsync();
            using var scope = app.Services.CreateScope();
            var intake = scope.ServiceProvider.GetRequiredService<Rathaus.Concerns.Intake.ConcernIntake>();
            var category = await db.Categories.SingleAsync(c => c.Code == code);
            question = (await intake.SubmitAsync(
                new(Guid.NewGuid(), ConcernKind.Question, category.Id, "Eine Frage mit privaten Angaben", null, null, null, null, null, "de", Channel.Web, []),
                t => "https://example.org/" + t, CancellationToken.None)).ReferenceNumber;
            staffFile = file.Id;
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/open311/v2/requests/{id}/media/{staffFile}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/open311/v2/requests/{question}.json")).StatusCode);
    }
}

[Collection(nameof(SqliteApp))]
public sealed class RoundTripTests_Sqlite(SqliteApp app) : RoundTripTests(app);

[Collection(nameof(PostgresApp))]
public sealed class RoundTripTests_Postgres(PostgresApp app) : RoundTripTests(app);
