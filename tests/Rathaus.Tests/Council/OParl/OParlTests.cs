using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Model;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Council.OParl;

public abstract class OParlTests(RathausApp app)
{
    private const string Root = "/oparl/v1.1/";

    // The list attributes of Body and the type of their entries.
    private static readonly (string List, string Type)[] BodyLists =
    [
        ("organization", "Organization"), ("person", "Person"), ("meeting", "Meeting"), ("paper", "Paper"), ("agendaItem", "AgendaItem"),
        ("consultation", "Consultation"), ("file", "File"), ("locationList", "Location"), ("legislativeTermList", "LegislativeTerm"), ("membership", "Membership"),
    ];

    private static async Task<JsonObject> GetAsync(HttpClient http, string url)
    {
        var response = await http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task<JsonObject> BodyAsync(HttpClient http)
    {
        var system = await GetAsync(http, Root);
        var bodies = await GetAsync(http, system["body"]!.GetValue<string>());
        return bodies["data"]!.AsArray().Single()!.AsObject();
    }

    [Fact]
    public async Task Every_object_type_from_system_to_file_is_valid_against_the_official_schema_in_lists_and_by_id()
    {
        using var client = app.Client();
        var http = client.Http;
        var system = await GetAsync(http, Root);
        OParlSchemas.AssertValid("System", system);
        Assert.Equal("https://schema.oparl.org/1.1/", system["oparlVersion"]!.GetValue<string>());

        var body = await BodyAsync(http);
        OParlSchemas.AssertValid("Body", body);
        OParlSchemas.AssertValid("Body", await GetAsync(http, body["id"]!.GetValue<string>()));
        Assert.Equal(2, body["legislativeTerm"]!.AsArray().Count);

        var seen = new HashSet<string>();
        foreach (var (list, type) in BodyLists)
        {
            var page = await GetAsync(http, body[list]!.GetValue<string>() + "?limit=15");
            var items = page["data"]!.AsArray();
            Assert.NotEmpty(items);
            foreach (var item in items)
            {
                OParlSchemas.AssertValid(type, item!);
                Assert.Equal("https://schema.oparl.org/1.1/" + type, item!["type"]!.GetValue<string>());
            }

            // The id is a URL that answers with the same object.
            var first = items[0]!;
            var byId = await GetAsync(http, first["id"]!.GetValue<string>());
            OParlSchemas.AssertValid(type, byId);
            Assert.Equal(first.ToJsonString(), byId.ToJsonString());
            seen.Add(type);
        }

        Assert.Equal(OParlSchemas.Types.Where(t => t is not ("System" or "Body")).Order(), seen.Order());

        // The organization's own lists, and a held meeting with its embedded agenda and files.
        var organization = (await GetAsync(http, body["organization"]!.GetValue<string>()))["data"]!.AsArray()[0]!;
        foreach (var item in (await GetAsync(http, organization["meeting"]!.GetValue<string>()))["data"]!.AsArray())
        {
            OParlSchemas.AssertValid("Meeting", item!);
        }

        foreach (var item in (await GetAsync(http, organization["consultation"]!.GetValue<string>()))["data"]!.AsArray())
        {
            OParlSchemas.AssertValid("Consultation", item!);
        }

        await using var db = app.Db();
        var held = await db.CouncilMeetings.Where(m => m.State == MeetingState.Held).OrderBy(m => m.Id).FirstAsync();
        var meeting = await GetAsync(http, $"{Root}meeting/{held.Id}");
        OParlSchemas.AssertValid("Meeting", meeting);
        Assert.Equal("durchgeführt", meeting["meetingState"]!.GetValue<string>());
        Assert.NotNull(meeting["invitation"]);
        Assert.NotNull(meeting["resultsProtocol"]);
        Assert.True(meeting["agendaItem"]!.AsArray().Count >= 2);
    }

    [Fact]
    public async Task Walking_the_paper_list_by_next_links_returns_every_paper_once_and_keeps_the_filters()
    {
        using var client = app.Client();
        var http = client.Http;
        var body = await BodyAsync(http);
        var url = body["paper"]!.GetValue<string>() + "?limit=30&created_until=2999-12-31T23%3A59%3A59%2B01%3A00";
        var ids = new List<string>();
        var pages = 0;
        JsonObject? last = null;
        while (url is not null)
        {
            var page = await GetAsync(http, url);
            pages++;
            Assert.Equal(pages, page["pagination"]!["currentPage"]!.GetValue<int>());
            Assert.Equal(30, page["pagination"]!["elementsPerPage"]!.GetValue<int>());
            Assert.Contains("created_until=2999-12-31T23", page["links"]!["self"]!.GetValue<string>());
            Assert.Contains("limit=30", page["links"]!["first"]!.GetValue<string>());
            ids.AddRange(page["data"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()));
            url = page["links"]!["next"]?.GetValue<string>();
            if (url is not null)
            {
                Assert.Contains("created_until=2999-12-31T23", url);
            }

            last = page;
        }

        await using var db = app.Db();
        var expected = await db.Papers.CountAsync(p => !p.Deleted);
        Assert.Equal(expected, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(expected, last!["pagination"]!["totalElements"]!.GetValue<int>());
        Assert.Equal(pages, last["pagination"]!["totalPages"]!.GetValue<int>());
        Assert.Equal(last["links"]!["self"]!.GetValue<string>(), last["links"]!["last"]!.GetValue<string>());
        Assert.NotNull(last["links"]!["prev"]);
        Assert.True(pages > 1);
    }

    [Fact]
    public async Task Filters_select_by_creation_and_change_and_a_deleted_paper_remains_with_deleted_true()
    {
        await using var db = app.Db();
        var body = await db.CouncilBodies.FirstAsync();
        var stamp = new DateTime(2090, 1, 1, 12, 0, 0, DateTimeKind.Utc).AddMinutes(Random.Shared.Next(100000));
        var paper = new Paper { BodyId = body.Id, Reference = $"2090/{Random.Shared.Next(10000):D4}", Name = "Gelöschte Vorlage", Date = new(2090, 1, 1), Created = stamp.AddDays(-1), Modified = stamp, Deleted = true };
        db.Papers.Add(paper);
        await db.SaveChangesAsync();

        using var client = app.Client();
        var http = client.Http;
        var list = (await BodyAsync(http))["paper"]!.GetValue<string>();
        string At(DateTime utc) => Uri.EscapeDataString(new DateTimeOffset(utc).ToOffset(TimeSpan.FromHours(1)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));

        // Without modified_since deleted objects are not listed; with it they are, so a client learns of the deletion.
        var withoutModified = await GetAsync(http, $"{list}?created_since={At(stamp.AddDays(-2))}");
        Assert.Empty(withoutModified["data"]!.AsArray());
        var changed = await GetAsync(http, $"{list}?modified_since={At(stamp.AddSeconds(-1))}&modified_until={At(stamp.AddSeconds(1))}");
        var deleted = Assert.Single(changed["data"]!.AsArray())!;
        Assert.True(deleted["deleted"]!.GetValue<bool>());
        Assert.EndsWith($"/paper/{paper.Id}", deleted["id"]!.GetValue<string>());
        Assert.Null(deleted["name"]);
        OParlSchemas.AssertValid("Paper", deleted);

        var byId = await GetAsync(http, $"{Root}paper/{paper.Id}");
        Assert.True(byId["deleted"]!.GetValue<bool>());
        Assert.NotNull(byId["created"]);

        // created_until before everything: an empty list, still with pagination and links.
        var none = await GetAsync(http, $"{list}?created_until=2000-01-01T00%3A00%3A00%2B01%3A00");
        Assert.Empty(none["data"]!.AsArray());
        Assert.Equal(0, none["pagination"]!["totalElements"]!.GetValue<int>());
        Assert.Null(none["links"]!["next"]);
    }

    [Theory]
    [InlineData("created_since=gestern", "created_since")]
    [InlineData("modified_until=2026-01-01", "modified_until")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=viele", "limit")]
    [InlineData("page=-1", "page")]
    public async Task A_bad_filter_value_is_answered_with_400_and_the_specs_error_object(string query, string parameter)
    {
        using var client = app.Client();
        var http = client.Http;
        var list = (await BodyAsync(http))["meeting"]!.GetValue<string>();
        var response = await http.GetAsync($"{list}?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("https://schema.oparl.org/1.1/Error", error["type"]!.GetValue<string>());
        Assert.Contains(parameter.Split('_')[0], error["message"]!.GetValue<string>() + error["debug"]);
        Assert.Equal(parameter, error["debug"]!.GetValue<string>());
    }

    [Fact]
    public async Task Non_public_agenda_items_and_their_files_never_appear()
    {
        await using var db = app.Db();
        var secret = await db.AgendaItems.Include(a => a.Files).Where(a => !a.Public && a.Files.Any()).OrderBy(a => a.Id).FirstAsync();
        var secretFile = secret.Files.First();

        using var client = app.Client();
        var http = client.Http;
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{Root}agendaItem/{secret.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{Root}file/{secretFile.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{Root}file/{secretFile.Id}/access")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{Root}file/{secretFile.Id}/download")).StatusCode);

        var meeting = await GetAsync(http, $"{Root}meeting/{secret.MeetingId}");
        Assert.DoesNotContain(secret.Name, meeting.ToJsonString());
        Assert.DoesNotContain($"/agendaItem/{secret.Id}\"", meeting.ToJsonString());
        Assert.All(meeting["agendaItem"]!.AsArray(), a => Assert.True(a!["public"]!.GetValue<bool>()));

        var body = await BodyAsync(http);
        foreach (var list in new[] { "agendaItem", "file", "meeting" })
        {
            var text = (await GetAsync(http, body[list]!.GetValue<string>() + "?limit=1000")).ToJsonString();
            Assert.DoesNotContain(secret.Name, text);
            Assert.DoesNotContain($"/agendaItem/{secret.Id}\"", text);
            Assert.DoesNotContain($"/file/{secretFile.Id}\"", text);
            Assert.DoesNotContain("Vertraulich", text);
        }
    }

    [Fact]
    public async Task A_files_access_url_shows_it_inline_and_its_download_url_as_an_attachment_with_its_checksum()
    {
        await using var db = app.Db();
        var stored = await db.CouncilFiles.Where(f => f.PaperId != null).OrderBy(f => f.Id).FirstAsync();
        using var client = app.Client();
        var http = client.Http;
        var file = await GetAsync(http, $"{Root}file/{stored.Id}");
        Assert.Equal(stored.Sha512, file["sha512Checksum"]!.GetValue<string>());
        Assert.Equal(stored.Size, file["size"]!.GetValue<long>());

        var access = await http.GetAsync(file["accessUrl"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, access.StatusCode);
        Assert.Equal("application/pdf", access.Content.Headers.ContentType?.MediaType);
        Assert.Null(access.Content.Headers.ContentDisposition);
        var content = await access.Content.ReadAsByteArrayAsync();
        Assert.Equal(stored.Sha512, Convert.ToHexStringLower(System.Security.Cryptography.SHA512.HashData(content)));

        var download = await http.GetAsync(file["downloadUrl"]!.GetValue<string>());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(stored.FileName, download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    [Fact]
    public async Task An_unknown_object_is_404_with_the_error_object()
    {
        using var client = app.Client();
        var response = await client.Http.GetAsync($"{Root}paper/999999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("https://schema.oparl.org/1.1/Error", error["type"]!.GetValue<string>());
        Assert.Equal("Dieses Objekt gibt es nicht oder es ist nicht öffentlich.", error["message"]!.GetValue<string>());
    }
}

[Collection(nameof(SqliteApp))]
public sealed class OParlTests_Sqlite(SqliteApp app) : OParlTests(app);

[Collection(nameof(PostgresApp))]
public sealed class OParlTests_Postgres(PostgresApp app) : OParlTests(app);
