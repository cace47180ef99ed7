using System.Net;
using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Model;
using Rathaus.Data;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Council.Search;

/// <summary>The public full-text search /rat/suche: papers, public agenda items, meetings and their files' text.</summary>
public abstract class CouncilSearchTests(RathausApp app)
{
    /// <summary>
    /// A word no demo text contains, so a test finds only what it created: random letters (no digits, so both
    /// stemmers treat it as a word) before a German word whose endings decide the stemming.
    /// </summary>
    private static string Word(string stem) => string.Concat(Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16)))) + stem.ToLowerInvariant();

    private sealed record Arranged(Paper Paper, Meeting Meeting, AgendaItem PublicItem, AgendaItem SecretItem, Organization Committee);

    /// <summary>A paper treated in a new meeting of a committee, with a public and a non-public agenda item, each with a PDF.</summary>
    private async Task<Arranged> ArrangeAsync(string paperWord, string fileWord, string publicWord, string secretWord, string secretFileWord,
        PaperType type = PaperType.ResolutionProposal, DateOnly? date = null, string? paperName = null)
    {
        await using var db = app.Db();
        var now = DateTime.UtcNow;
        var body = await db.CouncilBodies.OrderBy(b => b.Id).FirstAsync();
        var committee = await db.CouncilOrganizations.Where(o => o.Kind == OrganizationKind.Committee).OrderBy(o => o.Id).FirstAsync();
        var day = date ?? new DateOnly(2026, 3, 10);
        var paper = new Paper { BodyId = body.Id, Reference = $"T/{Random.Shared.Next(1_000_000):D6}", Name = paperName ?? $"Vorlage über {paperWord}", Type = type, Date = day };
        paper.Stamp(now);
        var start = DateTime.SpecifyKind(day.AddDays(7).ToDateTime(new TimeOnly(16, 0)), DateTimeKind.Utc);
        var meeting = new Meeting { Name = "Testsitzung " + Guid.NewGuid().ToString("N")[..6], Start = start, End = start.AddHours(2), State = MeetingState.Held, Organizations = [committee] };
        meeting.Stamp(now);
        var publicItem = new AgendaItem { Meeting = meeting, Number = "Ö 2", Order = 2, Name = $"Beratung {publicWord}", Public = true, Result = "ungeändert beschlossen", ResolutionText = "Der Ausschuss empfiehlt die Umsetzung." };
        var secretItem = new AgendaItem { Meeting = meeting, Number = "N 1", Order = 3, Name = $"Grundstück {secretWord}", Public = false, ResolutionText = $"Vertraulich {secretWord}" };
        publicItem.Stamp(now);
        secretItem.Stamp(now);
        var consultation = new Consultation { Paper = paper, Organization = committee, Meeting = meeting, AgendaItem = publicItem, Role = "Vorberatung", Order = 1 };
        consultation.Stamp(now);
        var paperFile = CouncilFile.From("Drucksache", "drucksache.pdf", "application/pdf", TinyPdf.Create("Drucksache", ["Sachverhalt", $"Die Verwaltung prüft die {fileWord} im Stadtgebiet."]), now);
        paperFile.Paper = paper;
        var secretFile = CouncilFile.From("Anlage", "anlage.pdf", "application/pdf", TinyPdf.Create("Vertraulich", [$"Kaufpreis {secretFileWord}"]), now);
        secretFile.AgendaItem = secretItem;
        db.AddRange(paper, meeting, publicItem, secretItem, consultation, paperFile, secretFile);
        await db.SaveChangesAsync();
        return new Arranged(paper, meeting, publicItem, secretItem, committee);
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> SearchAsync(PageClient client, string query)
    {
        var response = await client.Http.GetAsync("/rat/suche?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PageClient.Parse(await response.Content.ReadAsStringAsync());
    }

    private static List<string> HitLinks(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#suchergebnisse li > a").Select(a => a.GetAttribute("href")!).ToList();

    [Fact]
    public async Task Finds_a_paper_by_a_word_in_its_pdf_and_marks_the_hit()
    {
        var fileWord = Word("Regenrückhaltebecken");
        var arranged = await ArrangeAsync(Word("Titel"), fileWord, Word("Punkt"), Word("Geheim"), Word("Preis"));
        using var client = app.Client();
        var page = await SearchAsync(client, "suche=" + fileWord);
        Assert.Equal([$"/rat/vorlagen/{arranged.Paper.Id}"], HitLinks(page));
        var mark = Assert.Single(page.QuerySelectorAll("#suchergebnisse mark"));
        Assert.Equal(fileWord, mark.TextContent);
        Assert.Contains("Die Verwaltung prüft die", page.QuerySelector("#suchergebnisse")!.TextContent);
    }

    [Fact]
    public async Task Finds_papers_and_public_agenda_items_by_title_with_german_word_forms()
    {
        var stem = Word("Bushaltestelle");
        var arranged = await ArrangeAsync(stem, Word("Datei"), stem, Word("Geheim"), Word("Preis"));
        using var client = app.Client();
        // The title says "…stelle", the search "…stellen": both providers reduce the plural to the same stem.
        var page = await SearchAsync(client, "suche=" + stem + "n");
        var links = HitLinks(page);
        Assert.Contains($"/rat/vorlagen/{arranged.Paper.Id}", links);
        Assert.Contains($"/rat/sitzungen/{arranged.Meeting.Id}#top-{arranged.PublicItem.Id}", links);
        Assert.Equal(2, links.Count);
        Assert.Contains("2 Treffer", page.QuerySelector("#treffer")!.TextContent);
    }

    [Fact]
    public async Task Never_finds_a_non_public_agenda_item_or_its_files()
    {
        var secretWord = Word("Grundstückskaufvertrag");
        var secretFileWord = Word("Kaufpreisvereinbarung");
        await ArrangeAsync(Word("Titel"), Word("Datei"), Word("Punkt"), secretWord, secretFileWord);
        using var client = app.Client();
        foreach (var word in new[] { secretWord, secretFileWord, "Vertraulich " + secretWord })
        {
            var page = await SearchAsync(client, "suche=" + Uri.EscapeDataString(word));
            Assert.Empty(HitLinks(page));
            Assert.Contains("0 Treffer", page.QuerySelector("#treffer")!.TextContent);
            Assert.DoesNotContain("Grundstück", page.QuerySelector("main")!.TextContent.Replace(word, ""));
        }

        // The demo data's confidential items and attachments are not found either.
        var demo = await SearchAsync(client, "suche=Vertraulich");
        Assert.DoesNotContain(demo.QuerySelectorAll("#suchergebnisse li"), li => li.TextContent.Contains("Vertraulich", StringComparison.Ordinal));
        var land = await SearchAsync(client, "suche=Grundst%C3%BCcksangelegenheit");
        Assert.Empty(HitLinks(land));
    }

    [Fact]
    public async Task Filters_by_paper_type_organization_and_date()
    {
        var word = Word("Lärmschutzwand");
        var proposal = await ArrangeAsync(word, Word("Datei"), Word("Punkt"), Word("Geheim"), Word("Preis"), PaperType.ResolutionProposal, new DateOnly(2025, 5, 1));
        var inquiry = await ArrangeAsync(word, Word("Datei"), Word("Punkt"), Word("Geheim"), Word("Preis"), PaperType.Inquiry, new DateOnly(2026, 2, 1));
        await using var db = app.Db();
        var otherCommittee = await db.CouncilOrganizations.Where(o => o.Kind == OrganizationKind.Committee && o.Id != proposal.Committee.Id).OrderBy(o => o.Id).FirstAsync();
        using var client = app.Client();

        var all = HitLinks(await SearchAsync(client, "suche=" + word));
        Assert.Equal([$"/rat/vorlagen/{inquiry.Paper.Id}", $"/rat/vorlagen/{proposal.Paper.Id}"], all); // newest first

        Assert.Equal([$"/rat/vorlagen/{inquiry.Paper.Id}"], HitLinks(await SearchAsync(client, $"suche={word}&art={(int)PaperType.Inquiry}")));
        Assert.Equal(2, HitLinks(await SearchAsync(client, $"suche={word}&gremium={proposal.Committee.Id}")).Count);
        Assert.Empty(HitLinks(await SearchAsync(client, $"suche={word}&gremium={otherCommittee.Id}")));
        Assert.Equal([$"/rat/vorlagen/{proposal.Paper.Id}"], HitLinks(await SearchAsync(client, $"suche={word}&von=2025-01-01&bis=2025-12-31")));
        Assert.Equal([$"/rat/vorlagen/{inquiry.Paper.Id}"], HitLinks(await SearchAsync(client, $"suche={word}&von=01.01.2026")));

        // The form shows the filters that were applied.
        var page = await SearchAsync(client, $"suche={word}&art={(int)PaperType.Inquiry}&von=2026-01-01");
        Assert.Equal(((int)PaperType.Inquiry).ToString(), page.QuerySelector("#filter-art option[selected]")!.GetAttribute("value"));
        Assert.Equal("2026-01-01", page.QuerySelector("#von")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Hostile_text_in_a_paper_is_shown_as_text_with_only_the_hit_marked()
    {
        var word = Word("Skriptwort");
        var arranged = await ArrangeAsync(word, Word("Datei"), Word("Punkt"), Word("Geheim"), Word("Preis"), paperName: $"<script>alert(1)</script><b onmouseover=x>{word}</b> & Co");
        using var client = app.Client();
        var response = await client.Http.GetAsync("/rat/suche?suche=" + word);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<b onmouseover", html);
        var page = PageClient.Parse(html);
        var link = page.QuerySelector($"#suchergebnisse a[href='/rat/vorlagen/{arranged.Paper.Id}']")!;
        Assert.Contains("<script>alert(1)</script>", link.TextContent);
        Assert.Equal(word, Assert.Single(link.QuerySelectorAll("mark")).TextContent);
        Assert.Empty(link.QuerySelectorAll("script, b"));
    }

    [Theory]
    [InlineData("suche=%22")]
    [InlineData("suche=*")]
    [InlineData("suche=NEAR(a%20b)")]
    [InlineData("suche=a%20OR%20NOT%20b")]
    [InlineData("suche=%27%20OR%201%3D1%20--")]
    [InlineData("suche=Bau:*%20%26%20!x%20%7C")]
    [InlineData("suche=-")]
    [InlineData("suche=%3Cmark%3E")]
    [InlineData("suche=%F0%9F%98%80%20Rat")]
    [InlineData("suche=%ED%A0%80")]
    [InlineData("suche=%01%02")]
    [InlineData("suche=Rat&art=99")]
    [InlineData("suche=Rat&art=abc&gremium=-1&von=2026-13-45&bis=gestern&seite=99999999999")]
    [InlineData("suche=Rat&von=2030-01-01&bis=2020-01-01")]
    [InlineData("suche=Rat&seite=0")]
    [InlineData("suche=Rat&suche=Ausschuss")]
    [InlineData("art=1")]
    public async Task Hostile_or_odd_input_answers_200(string query)
    {
        using var client = app.Client();
        await SearchAsync(client, query);
    }

    [Fact]
    public async Task A_very_long_search_answers_200()
    {
        using var client = app.Client();
        await SearchAsync(client, "suche=" + string.Concat(Enumerable.Repeat("Haushalt%20", 500)));
    }

    [Fact]
    public async Task Unreadable_filters_are_dropped_with_a_message_and_the_search_still_runs()
    {
        var word = Word("Kunstrasen");
        var arranged = await ArrangeAsync(word, Word("Datei"), Word("Punkt"), Word("Geheim"), Word("Preis"));
        using var client = app.Client();
        var page = await SearchAsync(client, $"suche={word}&art=abc&von=31.02.2026");
        Assert.Contains($"/rat/vorlagen/{arranged.Paper.Id}", HitLinks(page));
        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains("Diese Art von Vorlage gibt es nicht", text);
        Assert.Contains("„31.02.2026“ ist kein Datum", text);
    }

    [Fact]
    public async Task The_index_follows_changes_of_titles_and_files()
    {
        var before = Word("Vorher");
        var after = Word("Nachher");
        var fileWord = Word("Anlagenwort");
        var arranged = await ArrangeAsync(before, fileWord, Word("Punkt"), Word("Geheim"), Word("Preis"));
        await using (var db = app.Db())
        {
            var paper = await db.Papers.SingleAsync(p => p.Id == arranged.Paper.Id);
            paper.Name = $"Vorlage über {after}";
            var file = await db.CouncilFiles.SingleAsync(f => f.PaperId == paper.Id);
            file.Deleted = true;
            await db.SaveChangesAsync();
        }

        using var client = app.Client();
        Assert.Empty(HitLinks(await SearchAsync(client, "suche=" + before)));
        Assert.Empty(HitLinks(await SearchAsync(client, "suche=" + fileWord)));
        Assert.Equal([$"/rat/vorlagen/{arranged.Paper.Id}"], HitLinks(await SearchAsync(client, "suche=" + after)));

        // An item made non-public disappears from the results at once.
        var itemWord = Word("Tagesordnungswort");
        var second = await ArrangeAsync(Word("Titel"), Word("Datei"), itemWord, Word("Geheim"), Word("Preis"));
        Assert.Single(HitLinks(await SearchAsync(client, "suche=" + itemWord)));
        await using (var db = app.Db())
        {
            await db.AgendaItems.Where(a => a.Id == second.PublicItem.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Public, false));
        }

        Assert.Empty(HitLinks(await SearchAsync(client, "suche=" + itemWord)));
    }

    [Fact]
    public async Task Many_hits_are_paged_and_meetings_are_found_by_their_invitations()
    {
        using var client = app.Client();
        // Every demo invitation PDF says "Einladung zur Sitzung"; the demo has more than 20 such meetings.
        var first = await SearchAsync(client, "suche=Einladung");
        Assert.Equal(20, HitLinks(first).Count);
        Assert.Contains(HitLinks(first), l => l.StartsWith("/rat/sitzungen/", StringComparison.Ordinal));
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var second = await client.GetPageAsync(next);
        Assert.NotEmpty(HitLinks(second));
        Assert.Empty(HitLinks(first).Intersect(HitLinks(second)));
    }
}

[Collection(nameof(SqliteApp))]
public sealed class CouncilSearchTests_Sqlite(SqliteApp app) : CouncilSearchTests(app);

[Collection(nameof(PostgresApp))]
public sealed class CouncilSearchTests_Postgres(PostgresApp app) : CouncilSearchTests(app);

/// <summary>The highlighting of hits, shared by all searches.</summary>
public sealed class HighlightTests
{
    [Fact]
    public void Encodes_the_text_first_and_marks_words_starting_with_a_stem()
    {
        Assert.Equal("&lt;b&gt; <mark>Schlaglöcher</mark> &amp; <mark>Schlagloch</mark>",
            FullText.Highlight("<b> Schlaglöcher & Schlagloch", FullText.Stems("Schlaglöcher")));
    }

    [Fact]
    public void Cuts_a_long_text_around_the_first_hit()
    {
        var text = string.Concat(Enumerable.Repeat("Vorwort ", 100)) + "Treffer " + string.Concat(Enumerable.Repeat("Nachwort ", 100));
        var snippet = FullText.Highlight(text, FullText.Stems("Treffer"), 120);
        Assert.StartsWith("… ", snippet);
        Assert.EndsWith(" …", snippet);
        Assert.Contains("<mark>Treffer</mark>", snippet);
        Assert.True(snippet.Length < 160, snippet);
    }

    [Fact]
    public void Without_a_hit_gives_the_start_and_never_markup_from_the_query()
    {
        Assert.Equal("Ein Text", FullText.Highlight("Ein Text", FullText.Stems("<mark>")));
        Assert.Equal("", FullText.Highlight(null, FullText.Stems("x")));
    }
}
