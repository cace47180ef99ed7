using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Concerns.Inbox;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Model;
using Rathaus.Data;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Concerns.Inbox;

/// <summary>The inbox's full-text search: PostgreSQL "german" text search, SQLite FTS5.</summary>
public abstract class InboxSearchTests(RathausApp app)
{
    [Fact]
    public async Task A_word_of_the_description_finds_the_concern_also_in_another_inflection()
    {
        var marker = Marker();
        var plural = await SubmitAsync("Mehrere tiefe Schlaglöcher vor der Einfahrt " + marker);
        var singular = await SubmitAsync("Ein Schlagloch an der Bushaltestelle " + marker);
        var other = await SubmitAsync("Die Laterne flackert " + marker);

        using var client = await app.LoggedInAsync("l.hoppe");
        Assert.Equal([plural.Reference, singular.Reference], await SearchAsync(client, "Schlagloch " + marker));
        Assert.Equal([plural.Reference, singular.Reference], await SearchAsync(client, "Schlaglöcher " + marker));
        Assert.Equal([other.Reference], await SearchAsync(client, "laterne " + marker));
        Assert.Equal([plural.Reference], await SearchAsync(client, "Einfahrt " + marker));
    }

    [Fact]
    public async Task Words_of_later_messages_replies_notes_and_the_location_are_found()
    {
        var marker = Marker();
        var concern = await SubmitAsync("Der Gehweg ist kaputt " + marker, location: "Am Sande 12");
        await using (var db = app.Db())
        {
            db.ConcernEntries.AddRange(
                new ConcernEntry { ConcernId = concern.Id, At = DateTime.UtcNow, Kind = EntryKind.CitizenMessage, IsPublic = true, Text = "Inzwischen ist auch der Gullydeckel lose." },
                new ConcernEntry { ConcernId = concern.Id, At = DateTime.UtcNow, Kind = EntryKind.Reply, IsPublic = true, Text = "Der Bauhof repariert die Pflastersteine nächste Woche." },
                new ConcernEntry { ConcernId = concern.Id, At = DateTime.UtcNow, Kind = EntryKind.Note, IsPublic = false, Text = "Firma Kuhlmann beauftragt." });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        using var client = await app.LoggedInAsync("l.hoppe");
        foreach (var words in new[] { "Gullydeckel", "Pflastersteine", "Pflasterstein", "Kuhlmann", "Sande", "gehweg kuhlmann" })
        {
            Assert.Equal([concern.Reference], await SearchAsync(client, words + " " + marker));
        }

        Assert.Empty(await SearchAsync(client, "Straßenbahn " + marker));
    }

    [Fact]
    public async Task A_reference_number_typed_exactly_finds_exactly_that_concern()
    {
        var concern = await SubmitAsync("Nummernsuche " + Marker());
        using var client = await app.LoggedInAsync("l.hoppe");
        Assert.Equal([concern.Reference], await SearchAsync(client, concern.Reference, "&status=alle"));
        Assert.Equal([concern.Reference], await SearchAsync(client, " " + concern.Reference + " ", "&status=alle"));
    }

    [Fact]
    public async Task A_staff_member_of_another_unit_finds_nothing_of_this_unit()
    {
        var marker = Marker();
        var concern = await SubmitAsync("Wurzelschaden im Radweg " + marker);

        using var caseWorker = await app.LoggedInAsync("l.hoppe");
        Assert.Equal([concern.Reference], await SearchAsync(caseWorker, "Wurzelschaden " + marker));

        using var other = await app.LoggedInAsync("n.bartels");
        foreach (var view in new[] { "einheit", "meine", "bereich", "alle", "triage" })
        {
            Assert.Empty(await SearchAsync(other, "Wurzelschaden " + marker, "&status=alle&ansicht=" + view));
            Assert.Empty(await SearchAsync(other, concern.Reference, "&status=alle&ansicht=" + view));
        }
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"Schlagloch")]
    [InlineData("*")]
    [InlineData("Schlag*")]
    [InlineData("-")]
    [InlineData("-Laterne")]
    [InlineData("OR")]
    [InlineData("Laterne OR")]
    [InlineData("AND NOT NEAR")]
    [InlineData("NEAR(Schlagloch Laterne, 2)")]
    [InlineData("(((")]
    [InlineData(")")]
    [InlineData("Document:Schlagloch")]
    [InlineData("^Schlagloch")]
    [InlineData("{Document} : x")]
    [InlineData("'; DROP TABLE \"Concerns\"; --")]
    [InlineData("' OR 1=1 --")]
    [InlineData("der die das")]
    [InlineData("a\0b")]
    [InlineData("🚧 Baustelle 🚧")]
    [InlineData("2026-")]
    [InlineData("9999-999999")]
    [InlineData("<script>alert(1)</script>")]
    public async Task Hostile_or_odd_search_text_answers_with_the_inbox_and_no_error(string text)
    {
        using var client = await app.LoggedInAsync("y.demir");
        var response = await client.Http.GetAsync("/intern/anliegen?ansicht=alle&status=alle&suche=" + Uri.EscapeDataString(text), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<main", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_very_long_search_text_answers_with_the_inbox()
    {
        using var client = await app.LoggedInAsync("y.demir");
        var text = string.Concat(Enumerable.Repeat("Schlagloch \"OR\" (", 300));
        var response = await client.Http.GetAsync("/intern/anliegen?suche=" + Uri.EscapeDataString(text), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A word no other test writes, of letters only, so that every provider's tokenizer keeps it whole.</summary>
    private static string Marker() => "zq" + string.Concat(Guid.NewGuid().ToByteArray().Select(b => (char)('a' + b % 26)));

    private async Task<(long Id, string Reference)> SubmitAsync(string description, string? location = null)
    {
        await using var db = app.Db();
        var categoryId = await db.Categories.Where(c => c.Code == "schlagloch").Select(c => c.Id).SingleAsync();
        using var scope = app.Services.CreateScope();
        var submitted = await scope.ServiceProvider.GetRequiredService<ConcernIntake>().SubmitAsync(
            new ConcernSubmission(Guid.NewGuid(), ConcernKind.DefectReport, categoryId, description, location, null, null, null, null, "de", Channel.Web, []),
            token => "/anliegen/" + token,
            CancellationToken.None);
        return (submitted.Id, submitted.ReferenceNumber);
    }

    /// <summary>The references the inbox lists for a search, oldest first.</summary>
    private static async Task<List<string>> SearchAsync(PageClient client, string text, string more = "")
    {
        var page = await client.GetPageAsync($"/intern/anliegen?sortierung=alt&suche={Uri.EscapeDataString(text)}{more}");
        return page.QuerySelectorAll("main table tbody tr td:first-child a").Select(a => a.TextContent.Trim()).ToList();
    }
}

/// <summary>How the words a user types become an FTS5 query: never FTS5 syntax, German endings cut.</summary>
public sealed class Fts5QueryTests
{
    [Theory]
    [InlineData("Schlaglöcher", "\"schlaglöch\"*")]
    [InlineData("Laternen am Sande", "\"latern\"* \"am\"* \"sand\"*")]
    [InlineData("\"NEAR(a OR b)\" -x*", "\"near\"* \"a\"* \"or\"* \"b\"* \"x\"*")]
    [InlineData("Müll", "\"müll\"*")]
    [InlineData("2026-000042", "\"2026\"* \"000042\"*")]
    public void Words_become_quoted_prefixes(string text, string query) => Assert.Equal(query, FullText.Fts5Query(text));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"*-()^:")]
    public void Nothing_to_search_gives_no_query(string text) => Assert.Null(FullText.Fts5Query(text));
}

[Collection(nameof(SqliteApp))]
public sealed class InboxSearchTests_Sqlite(SqliteApp app) : InboxSearchTests(app);

[Collection(nameof(PostgresApp))]
public sealed class InboxSearchTests_PostgreSql(PostgresApp app) : InboxSearchTests(app);
