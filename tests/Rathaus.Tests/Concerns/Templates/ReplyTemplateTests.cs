using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Model;
using Rathaus.Concerns.Templates;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Concerns.Templates;

public abstract class ReplyTemplateTests(RathausApp app)
{
    private const string CaseWorker = "l.hoppe"; // Sachbearbeitung Straßenunterhaltung, unit 7.1
    private const string Lead = "t.bruns";       // Leitung Straßenunterhaltung, unit 7.1

    [Fact]
    public async Task An_administrator_creates_a_noUnittemplate_and_an_unknown_placeholder_is_refused()
    {
        using var client = await app.LoggedInAsync("admin");
        var title = "Allgemein " + Guid.NewGuid();

        var refused = await client.SubmitAsync("/intern/textbausteine/neu", new() { ["Input.Title"] = title, ["Input.Text"] = "Ihr Vorgang {Aktenzeichen} ist da." });
        var errors = PageClient.Errors(await PageClient.PageOf(refused));
        Assert.Contains(errors, e => e.Contains("Diese Platzhalter gibt es nicht: {Aktenzeichen}", StringComparison.Ordinal) && e.Contains("{Vorgangsnummer}", StringComparison.Ordinal));
        var empty = await client.SubmitAsync("/intern/textbausteine/neu", new() { ["Input.Title"] = "", ["Input.Text"] = "" });
        Assert.Contains("Bitte geben Sie einen Titel an.", PageClient.Errors(await PageClient.PageOf(empty)));

        var saved = await client.SubmitAsync("/intern/textbausteine/neu", new() { ["Input.Title"] = title, ["Input.Text"] = "Ihr Vorgang {Vorgangsnummer} ist da." });
        var list = await client.FollowAsync(saved);

        Assert.Contains($"Der Textbaustein „{title}“ wurde gespeichert.", list.QuerySelector("main")!.TextContent);
        await using var db = app.Db();
        var stored = await db.ReplyTemplates.SingleAsync(t => t.Title == title);
        Assert.Null(stored.OrgUnitId);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "ReplyTemplate.Created" && a.EntityKey == stored.Id.ToString()));
    }

    [Fact]
    public async Task A_lead_maintains_the_templates_of_their_unit_only()
    {
        using var client = await app.LoggedInAsync(Lead);
        await using var db = app.Db();
        var own = await db.OrgUnits.SingleAsync(u => u.Code == "7.1");
        var foreign = await db.OrgUnits.SingleAsync(u => u.Code == "3.1");
        var general = await db.ReplyTemplates.FirstAsync(t => t.OrgUnitId == null);
        var title = "Straße " + Guid.NewGuid();

        var refused = await client.SubmitAsync("/intern/textbausteine/neu", new() { ["Input.Title"] = title, ["Input.Text"] = "Text", ["Input.OrgUnitId"] = foreign.Id.ToString() });
        Assert.Contains("Bitte wählen Sie eine Einheit, die Sie leiten.", PageClient.Errors(await PageClient.PageOf(refused)));
        var noUnit = await client.SubmitAsync("/intern/textbausteine/neu", new() { ["Input.Title"] = title, ["Input.Text"] = "Text", ["Input.OrgUnitId"] = "" });
        Assert.Contains("Bitte wählen Sie eine Einheit, die Sie leiten.", PageClient.Errors(await PageClient.PageOf(noUnit)));
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/intern/textbausteine/neu", new() { ["Input.Title"] = title, ["Input.Text"] = "Text", ["Input.OrgUnitId"] = own.Id.ToString() })).StatusCode);

        Assert.Equal(own.Id, (await db.ReplyTemplates.SingleAsync(t => t.Title == title)).OrgUnitId);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/intern/textbausteine/{general.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_case_worker_uses_templates_but_does_not_maintain_them()
    {
        using var client = await app.LoggedInAsync(CaseWorker);

        await client.AssertAccessDeniedAsync("/intern/textbausteine/neu");
        var list = await client.GetPageAsync("/intern/textbausteine");
        Assert.Contains("Schaden behoben", list.QuerySelector("main")!.TextContent);
        Assert.Null(list.QuerySelector("main a[href='/intern/textbausteine/neu']"));
    }

    [Fact]
    public async Task A_template_fills_the_reply_with_the_concerns_facts_and_foreign_or_inactive_templates_are_not_offered()
    {
        var concern = await SubmitAsync("Schlagloch Bei der Abtspferdetränke");
        await using var db = app.Db();
        var unit = await db.OrgUnits.SingleAsync(u => u.Code == "7.1");
        var foreign = await db.OrgUnits.SingleAsync(u => u.Code == "3.1");
        var mine = new ReplyTemplate { Title = "Test " + Guid.NewGuid(), Text = "Ihr Anliegen {Vorgangsnummer} vom {Eingangsdatum} zum Thema {Thema} bearbeitet {Einheit}, {Stelle}.", OrgUnitId = unit.Id };
        var theirs = new ReplyTemplate { Title = "Fremd " + Guid.NewGuid(), Text = "Ordnungsamt", OrgUnitId = foreign.Id };
        var inactive = new ReplyTemplate { Title = "Alt " + Guid.NewGuid(), Text = "Veraltet", OrgUnitId = unit.Id, IsActive = false };
        db.ReplyTemplates.AddRange(mine, theirs, inactive);
        await db.SaveChangesAsync();
        using var client = await app.LoggedInAsync(CaseWorker);

        var detail = await client.GetPageAsync("/intern/anliegen/" + concern.ReferenceNumber);
        var offered = detail.QuerySelectorAll("#baustein option").Select(o => o.TextContent.Trim()).ToList();
        Assert.Contains(mine.Title, offered);
        Assert.Contains("Vielen Dank für Ihr Lob", offered); // a general one
        Assert.DoesNotContain(theirs.Title, offered);
        Assert.DoesNotContain(inactive.Title, offered);

        var filled = await client.GetPageAsync($"/intern/anliegen/{concern.ReferenceNumber}?baustein={mine.Id}&fuer=antwort");
        var received = TimeZoneInfo.ConvertTimeFromUtc((await db.Concerns.SingleAsync(c => c.Id == concern.Id)).ReceivedAt, Rathaus.Platform.CityClock.Zone);
        Assert.Equal(
            $"Ihr Anliegen {concern.ReferenceNumber} vom {received:dd.MM.yyyy} zum Thema Schlagloch oder Straßenschaden bearbeitet Bereich Straßenunterhaltung, Sachbearbeitung Straßenunterhaltung.",
            filled.QuerySelector<IHtmlTextAreaElement>("#antwort-text")!.Value);
        Assert.Equal("", filled.QuerySelector<IHtmlTextAreaElement>("#rueckfrage-text")!.Value);

        var question = await client.GetPageAsync($"/intern/anliegen/{concern.ReferenceNumber}?baustein={mine.Id}&fuer=rueckfrage");
        Assert.StartsWith("Ihr Anliegen " + concern.ReferenceNumber, question.QuerySelector<IHtmlTextAreaElement>("#rueckfrage-text")!.Value, StringComparison.Ordinal);

        var smuggled = await client.GetPageAsync($"/intern/anliegen/{concern.ReferenceNumber}?baustein={theirs.Id}&fuer=antwort");
        Assert.Equal("", smuggled.QuerySelector<IHtmlTextAreaElement>("#antwort-text")!.Value);
    }

    [Fact]
    public async Task Deactivating_a_template_keeps_it_listed_for_its_maintainer_but_no_longer_offers_it()
    {
        await using var db = app.Db();
        var unit = await db.OrgUnits.SingleAsync(u => u.Code == "7.1");
        var template = new ReplyTemplate { Title = "Bald weg " + Guid.NewGuid(), Text = "Text", OrgUnitId = unit.Id };
        db.ReplyTemplates.Add(template);
        await db.SaveChangesAsync();
        using var lead = await app.LoggedInAsync(Lead);

        var response = await lead.SubmitAsync($"/intern/textbausteine/{template.Id}", new(), button: "Textbaustein deaktivieren");

        Assert.Contains($"Der Textbaustein „{template.Title}“ wurde deaktiviert.", (await lead.FollowAsync(response)).QuerySelector("main")!.TextContent);
        var concern = await SubmitAsync("Schlagloch Rote Straße");
        using var worker = await app.LoggedInAsync(CaseWorker);
        var offered = (await worker.GetPageAsync("/intern/anliegen/" + concern.ReferenceNumber)).QuerySelectorAll("#baustein option").Select(o => o.TextContent.Trim());
        Assert.DoesNotContain(template.Title, offered);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityKey == template.Id.ToString() && a.EntityType == nameof(ReplyTemplate)));
    }

    [Fact]
    public async Task The_demo_templates_use_only_known_placeholders()
    {
        await using var db = app.Db();
        var templates = await db.ReplyTemplates.Select(t => t.Text).ToListAsync();

        Assert.NotEmpty(templates);
        Assert.All(templates, text => Assert.Empty(TemplatePlaceholders.Unknown(text)));
    }

    private async Task<SubmittedConcern> SubmitAsync(string description)
    {
        await using var db = app.Db(); // skips the test when the provider is not available
        var categoryId = await db.Categories.Where(c => c.Code == "schlagloch").Select(c => c.Id).SingleAsync();
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ConcernIntake>().SubmitAsync(
            new ConcernSubmission(Guid.NewGuid(), ConcernKind.DefectReport, categoryId, description + " " + Guid.NewGuid(), null, null, null, null, null, "de", Channel.Web, []),
            token => "http://localhost/anliegen/" + token,
            CancellationToken.None);
    }
}

[Collection(nameof(SqliteApp))]
public sealed class ReplyTemplateTests_Sqlite(SqliteApp app) : ReplyTemplateTests(app);

[Collection(nameof(PostgresApp))]
public sealed class ReplyTemplateTests_Postgres(PostgresApp app) : ReplyTemplateTests(app);
