using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Model;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Concerns.Inbox;

public abstract class InboxTests(RathausApp app)
{
    private static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_pothole_report_reaches_the_units_case_worker_its_leads_and_the_citizens_office_but_not_another_unit()
    {
        var marker = Guid.NewGuid().ToString("N");
        var concern = await SubmitAsync("schlagloch", "Schlagloch am Sande " + marker);

        foreach (var (user, view) in new[] { ("l.hoppe", "einheit"), ("t.bruns", "einheit"), ("b.oelkers", "bereich"), ("c.lindemann", "bereich"), ("y.demir", "alle") })
        {
            using var client = await app.LoggedInAsync(user);
            Assert.Contains(concern.Reference, await InboxReferencesAsync(client, view, marker));
            var detail = await client.Http.GetAsync("/intern/anliegen/" + concern.Reference);
            Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        }

        using var other = await app.LoggedInAsync("n.bartels");
        foreach (var view in new[] { "einheit", "meine", "bereich", "alle", "triage" })
        {
            Assert.DoesNotContain(concern.Reference, await InboxReferencesAsync(other, view, marker));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync("/intern/anliegen/" + concern.Reference)).StatusCode);
    }

    [Fact]
    public async Task A_substitute_sees_the_concerns_of_the_absent_position_in_the_substitution_view()
    {
        var marker = Guid.NewGuid().ToString("N");
        var concern = await SubmitAsync("strassenbeleuchtung", "Laterne dunkel " + marker);
        await using (var db = app.Db())
        {
            var beleuchtung = await db.Positions.Where(p => p.Mailbox.StartsWith("beleuchtung@")).Select(p => p.Id).SingleAsync();
            await db.Concerns.Where(c => c.Id == concern.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.AssignedPositionId, beleuchtung));
        }

        using var client = await app.LoggedInAsync("l.hoppe");
        Assert.Contains(concern.Reference, await InboxReferencesAsync(client, "vertretung", marker));
        Assert.Contains("Laterne dunkel " + marker, (await client.GetPageAsync("/intern/anliegen/" + concern.Reference)).QuerySelector("main")!.TextContent);

        using var other = await app.LoggedInAsync("n.bartels");
        var inbox = await other.GetPageAsync("/intern/anliegen");
        Assert.DoesNotContain(inbox.QuerySelectorAll("main nav a"), a => a.TextContent.Contains("Vertretung"));
    }

    [Fact]
    public async Task Status_channel_due_and_text_filters_narrow_the_list()
    {
        var marker = Guid.NewGuid().ToString("N");
        var open = await SubmitAsync("schlagloch", "Offen " + marker);
        var done = await SubmitAsync("schlagloch", "Erledigt " + marker);
        var overdue = await SubmitAsync("schlagloch", "Überfällig " + marker);
        await using (var db = app.Db())
        {
            await db.Concerns.Where(c => c.Id == done.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ConcernStatus.Resolved));
            await db.Concerns.Where(c => c.Id == overdue.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.DueAt, DateTime.UtcNow.AddDays(-2)));
            await db.Concerns.Where(c => c.Id == open.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.DueAt, DateTime.UtcNow.AddDays(20)));
        }

        using var client = await app.LoggedInAsync("l.hoppe");
        Assert.Equal([overdue.Reference, open.Reference], await InboxReferencesAsync(client, "einheit", marker, "&sortierung=frist"));
        Assert.Equal([done.Reference], await InboxReferencesAsync(client, "einheit", marker, "&status=Resolved"));
        Assert.Equal(3, (await InboxReferencesAsync(client, "einheit", marker, "&status=alle")).Count);
        Assert.Equal([overdue.Reference], await InboxReferencesAsync(client, "einheit", marker, "&frist=ueberfaellig"));
        Assert.Empty(await InboxReferencesAsync(client, "einheit", marker, "&kanal=Phone"));
        Assert.Equal([overdue.Reference, open.Reference], await InboxReferencesAsync(client, "einheit", marker, "&kanal=Web&sortierung=neu"));
        Assert.Equal([open.Reference], await InboxReferencesAsync(client, "einheit", open.Reference[5..], "&status=alle&sortierung=alt"));
    }

    [Fact]
    public async Task The_inbox_shows_25_concerns_per_page()
    {
        var marker = Guid.NewGuid().ToString("N");
        var references = new List<string>();
        for (var i = 0; i < 27; i++)
        {
            references.Add((await SubmitAsync("schlagloch", $"Seite {i} {marker}")).Reference);
        }

        using var client = await app.LoggedInAsync("l.hoppe");
        var first = await InboxReferencesAsync(client, "einheit", marker, "&sortierung=alt");
        var second = await InboxReferencesAsync(client, "einheit", marker, "&sortierung=alt&seite=2");
        Assert.Equal(references[..25], first);
        Assert.Equal(references[25..], second);
        var page = await client.GetPageAsync($"/intern/anliegen?ansicht=einheit&suche={marker}");
        Assert.Contains("Seite 1 von 2", page.QuerySelector("main")!.TextContent);
        Assert.NotNull(page.QuerySelector("main a[rel=next]"));
    }

    [Fact]
    public async Task The_detail_page_shows_internal_notes_marked_as_internal_and_the_contact_data()
    {
        var concern = await SubmitAsync("schlagloch", "Schlagloch mit Vermerk " + Guid.NewGuid());
        var note = "Bauhof informiert " + Guid.NewGuid();
        await using (var db = app.Db())
        {
            db.ConcernEntries.Add(new ConcernEntry { ConcernId = concern.Id, At = DateTime.UtcNow, Kind = EntryKind.Note, IsPublic = false, Text = note });
            await db.Concerns.Where(c => c.Id == concern.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ContactEmail, "citizen@example.org"));
            await db.SaveChangesAsync();
        }

        using var client = await app.LoggedInAsync("l.hoppe");
        var main = (await client.GetPageAsync("/intern/anliegen/" + concern.Reference)).QuerySelector("main")!;

        var card = main.QuerySelectorAll("li.kern-card").Single(li => li.TextContent.Contains(note));
        Assert.Contains("intern", card.QuerySelector(".kern-badge")!.TextContent);
        Assert.Contains("citizen@example.org", main.QuerySelector("dl")!.TextContent);
        Assert.Contains(concern.Reference, main.QuerySelector("dl")!.TextContent);
    }

    [Fact]
    public async Task Staff_download_attachments_of_visible_concerns_only()
    {
        var concern = await SubmitAsync("schlagloch", "Foto vom Schlagloch " + Guid.NewGuid(), new AcceptedFile("loch.png", "image/png", TinyPng));
        using var client = await app.LoggedInAsync("l.hoppe");
        var link = (await client.GetPageAsync("/intern/anliegen/" + concern.Reference))
            .QuerySelectorAll("main a").Select(a => a.GetAttribute("href")!).First(h => h.Contains("/datei/"));

        var download = await client.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);

        using var other = await app.LoggedInAsync("n.bartels");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_login_and_malformed_references_are_not_found()
    {
        var concern = await SubmitAsync("schlagloch", "Anonym " + Guid.NewGuid());
        using var anonymous = app.Client();
        foreach (var url in new[] { "/intern/anliegen", "/intern/anliegen/" + concern.Reference })
        {
            var response = await anonymous.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/anmelden", response.Headers.Location!.PathAndQuery);
        }

        using var client = await app.LoggedInAsync("y.demir");
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/intern/anliegen/2026-12x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/intern/anliegen/2026-999999")).StatusCode);
    }

    private async Task<(long Id, string Reference)> SubmitAsync(string category, string description, params AcceptedFile[] files)
    {
        await using var db = app.Db();
        var categoryId = await db.Categories.Where(c => c.Code == category).Select(c => c.Id).SingleAsync();
        using var scope = app.Services.CreateScope();
        var submitted = await scope.ServiceProvider.GetRequiredService<ConcernIntake>().SubmitAsync(
            new ConcernSubmission(Guid.NewGuid(), ConcernKind.DefectReport, categoryId, description, null, null, null, null, null, "de", Channel.Web, files),
            token => "/anliegen/" + token,
            CancellationToken.None);
        return (submitted.Id, submitted.ReferenceNumber);
    }

    private static async Task<List<string>> InboxReferencesAsync(PageClient client, string view, string text, string more = "")
    {
        var page = await client.GetPageAsync($"/intern/anliegen?ansicht={view}&suche={Uri.EscapeDataString(text)}{more}");
        return page.QuerySelectorAll("main table tbody tr td:first-child a").Select(a => a.TextContent.Trim()).ToList();
    }
}

[Collection(nameof(SqliteApp))]
public sealed class InboxTests_Sqlite(SqliteApp app) : InboxTests(app);

[Collection(nameof(PostgresApp))]
public sealed class InboxTests_PostgreSql(PostgresApp app) : InboxTests(app);
