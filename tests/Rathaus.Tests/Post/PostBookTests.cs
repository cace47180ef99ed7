using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Concerns.Model;
using Rathaus.Post;
using Rathaus.Tests.Concerns.Uploads;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Post;

public abstract partial class PostBookTests(RathausApp app)
{
    private const string Clerk = "k.dreyer";      // Poststelle Rathaus
    private const string CaseWorker = "l.hoppe";  // unit 7.1, at the Technisches Rathaus
    private const string OtherUnit = "n.bartels"; // unit 3.1
    private const string Register = "/intern/poststelle/erfassen";

    [Fact]
    public async Task A_letter_gets_the_next_number_of_its_site_and_lies_in_the_post_tray_of_its_unit_until_confirmed()
    {
        await using var db = app.Db();
        var unit = await db.OrgUnits.SingleAsync(u => u.Code == "7.1");
        using var clerk = await app.LoggedInAsync(Clerk);
        var subject = "Rechnung Asphaltlieferung " + Guid.NewGuid();

        var first = await RegisterAsync(clerk, new() { ["Input.Sender"] = "Asphaltwerk Nord GmbH\nIndustriestraße 4\n21337 Lüneburg", ["Input.Subject"] = subject, ["Input.Kind"] = "Invoice", ["Input.AddresseeUnitId"] = unit.Id.ToString(), ["Input.Pages"] = "2" });
        var second = await RegisterAsync(clerk, new() { ["Input.Sender"] = "Landkreis Lüneburg", ["Input.Subject"] = subject + " (Kopie)", ["Input.Kind"] = "OfficialDocument", ["Input.AddresseeUnitId"] = unit.Id.ToString() });

        Assert.Matches(NumberPattern(), first.Number);
        Assert.Equal(first.Sequence + 1, second.Sequence);
        Assert.Equal(first.SiteId, second.SiteId);
        Assert.Equal("RH", (await db.Sites.SingleAsync(s => s.Id == first.SiteId)).Code); // the clerk's own site by default
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "PostItem.Registered" && a.EntityKey == first.Number));

        using var foreign = await app.LoggedInAsync(OtherUnit);
        Assert.DoesNotContain(subject, (await foreign.GetPageAsync("/intern/posteingang")).QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.Http.PostAsync($"/intern/posteingang/confirm?id={first.Id}", await TokenAsync(foreign))).StatusCode);

        using var worker = await app.LoggedInAsync(CaseWorker);
        var tray = await worker.GetPageAsync("/intern/posteingang");
        Assert.Contains(subject, tray.QuerySelector("main")!.TextContent);
        var confirmed = await worker.SubmitAsync("/intern/posteingang", new(), button: $"Empfang von Nr. {first.Number} bestätigen");
        Assert.Contains($"Der Empfang von Nr. {first.Number} ist bestätigt.", (await worker.FollowAsync(confirmed)).QuerySelector("main")!.TextContent);
        var stored = await db.PostItems.AsNoTracking().SingleAsync(p => p.Id == first.Id);
        Assert.NotNull(stored.ConfirmedAt);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "PostItem.ReceiptConfirmed" && a.EntityKey == first.Number));
    }

    [Fact]
    public async Task A_citizens_letter_becomes_a_concern_by_letter_with_its_scan_and_a_printable_receipt()
    {
        await using var db = app.Db();
        var category = await db.Categories.SingleAsync(c => c.Code == "schlagloch");
        var mayor = await db.OrgUnits.SingleAsync(u => u.Code == "7");
        using var clerk = await app.LoggedInAsync(Clerk);
        var subject = "Schlagloch in der Ritterstraße " + Guid.NewGuid();

        var response = await PostMultipartAsync(clerk, new()
        {
            ["Input.Sender"] = "Erika Musterfrau\nRitterstraße 3\n21335 Lüneburg",
            ["Input.Subject"] = subject,
            ["Input.Kind"] = "CitizenConcern",
            ["Input.AddresseeUnitId"] = mayor.Id.ToString(),
            ["Input.CategoryId"] = category.Id.ToString(),
            ["Input.LetterDate"] = DateTime.Today.AddDays(-2).ToString("yyyy-MM-dd"),
        }, ("brief.png", SampleFiles.UniquePng()));
        var page = await clerk.FollowAsync(response);

        var item = await db.PostItems.AsNoTracking().Include(p => p.Concern!).ThenInclude(c => c.OrgUnit).SingleAsync(p => p.Subject == subject);
        var concern = item.Concern!;
        Assert.Equal(Channel.Letter, concern.Channel);
        Assert.Equal("7.1", concern.OrgUnit!.Code); // routed by topic, like every concern
        Assert.Equal("Erika Musterfrau", concern.ContactName);
        Assert.Equal(1, await db.ConcernAttachments.CountAsync(a => a.ConcernId == concern.Id && a.FileName == "brief.png"));
        Assert.Contains($"Daraus wurde das Anliegen {concern.ReferenceNumber}.", page.QuerySelector("main")!.TextContent);
        var receipt = await clerk.GetPageAsync("/intern/anliegen/erfasst");
        Assert.Equal(concern.ReferenceNumber, receipt.QuerySelector("#vorgangsnummer")!.TextContent.Trim());
        Assert.Equal("Brief", receipt.QuerySelectorAll("dd").Select(d => d.TextContent.Trim()).ElementAt(2));
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "Concern.Submitted" && a.EntityKey == concern.ReferenceNumber);
        Assert.Equal("Kevin Dreyer", audit.StaffMemberName);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_message_per_field_and_nothing_is_stored()
    {
        await using var db = app.Db();
        var before = await db.PostItems.CountAsync();
        var unit = await db.OrgUnits.SingleAsync(u => u.Code == "7.1");
        var foreignPosition = await db.Positions.FirstAsync(p => p.OrgUnit!.Code == "3.1");
        using var clerk = await app.LoggedInAsync(Clerk);

        var empty = PageClient.Errors(await PageClient.PageOf(await clerk.SubmitAsync(Register, new())));
        var wrong = PageClient.Errors(await PageClient.PageOf(await clerk.SubmitAsync(Register, new()
        {
            ["Input.Sender"] = "Jemand",
            ["Input.Subject"] = "Zukunft",
            ["Input.Kind"] = "Other",
            ["Input.AddresseeUnitId"] = unit.Id.ToString(),
            ["Input.AddresseePositionId"] = foreignPosition.Id.ToString(),
            ["Input.LetterDate"] = DateTime.Today.AddDays(3).ToString("yyyy-MM-dd"),
            ["Input.Pages"] = "0",
        })));

        Assert.Contains("Bitte geben Sie den Absender an.", empty);
        Assert.Contains("Bitte geben Sie den Betreff oder eine kurze Inhaltsangabe an.", empty);
        Assert.Contains("Bitte wählen Sie die Einheit, an die der Brief gerichtet ist.", empty);
        Assert.Contains("Bitte wählen Sie, was für ein Poststück es ist.", empty);
        Assert.Contains("Das Briefdatum liegt in der Zukunft. Bitte prüfen Sie das Datum auf dem Brief.", wrong);
        Assert.Contains("Diese Stelle gehört nicht zur gewählten Einheit.", wrong);
        Assert.Contains("Die Seitenzahl muss zwischen 1 und 9999 liegen.", wrong);
        Assert.Equal(before, await db.PostItems.CountAsync());
    }

    [Fact]
    public async Task The_same_scan_twice_is_held_back_with_a_warning_until_the_clerk_confirms()
    {
        await using var db = app.Db();
        var unit = await db.OrgUnits.SingleAsync(u => u.Code == "3.1");
        using var clerk = await app.LoggedInAsync(Clerk);
        var scan = SampleFiles.UniquePng();
        Dictionary<string, string> Fields(string subject) => new() { ["Input.Sender"] = "Amtsgericht Lüneburg", ["Input.Subject"] = subject, ["Input.Kind"] = "OfficialDocument", ["Input.AddresseeUnitId"] = unit.Id.ToString() };
        var first = await PostMultipartAsync(clerk, Fields("Beschluss A"), ("beschluss.png", scan));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var number = (await db.PostItems.AsNoTracking().OrderBy(p => p.Id).LastAsync(p => p.Subject == "Beschluss A")).Number;

        var again = await PostMultipartAsync(clerk, Fields("Beschluss A, nochmal"), ("beschluss.png", scan));
        var warning = await PageClient.PageOf(again);
        Assert.Contains($"Dieser Scan ist schon im Posteingangsbuch: {number}.", warning.QuerySelector("main")!.TextContent);
        Assert.False(await db.PostItems.AnyAsync(p => p.Subject == "Beschluss A, nochmal"));

        var confirmed = await PostMultipartAsync(clerk, new(Fields("Beschluss A, nochmal")) { ["Input.RegisterAgain"] = "true" }, ("beschluss.png", scan));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.True(await db.PostItems.AnyAsync(p => p.Subject == "Beschluss A, nochmal"));
    }

    [Fact]
    public async Task The_book_is_searchable_exports_safe_csv_and_the_day_list_groups_the_internal_post_by_site()
    {
        await using var db = app.Db();
        var technical = await db.OrgUnits.SingleAsync(u => u.Code == "7.1"); // Technisches Rathaus
        using var clerk = await app.LoggedInAsync(Clerk);
        var marker = Guid.NewGuid().ToString("N")[..10];
        var item = await RegisterAsync(clerk, new() { ["Input.Sender"] = $"=HYPERLINK(\"http://boese.example\") {marker}", ["Input.Subject"] = "Angebot Winterdienst", ["Input.Kind"] = "Other", ["Input.AddresseeUnitId"] = technical.Id.ToString() });

        var found = await clerk.GetPageAsync("/intern/poststelle?suche=" + marker);
        Assert.Contains(item.Number, found.QuerySelector("main table")!.TextContent);
        Assert.DoesNotContain(item.Number, (await clerk.GetPageAsync("/intern/poststelle?suche=nichtvorhanden" + marker)).QuerySelector("main")!.TextContent);

        var csv = await clerk.Http.GetAsync("/intern/poststelle?handler=csv&suche=" + marker);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("\uFEFFNummer;Standort;Eingang", text, StringComparison.Ordinal);
        Assert.Contains($"{item.Number};RH;", text);
        Assert.Contains("\"'=HYPERLINK(\"\"http://boese.example\"\") " + marker + "\"", text);

        var day = await clerk.GetPageAsync("/intern/poststelle/hauspost?standort=" + item.SiteId);
        var section = day.QuerySelectorAll("main section").Single(s => s.TextContent.Contains(item.Number));
        Assert.Contains("Hauspost nach Technisches Rathaus, Neue Sülze 33", section.QuerySelector("h2")!.TextContent);
    }

    [Fact]
    public async Task A_double_submit_registers_one_letter_and_only_the_mailroom_may_register()
    {
        await using var db = app.Db();
        var unit = await db.OrgUnits.SingleAsync(u => u.Code == "7.1");
        using var clerk = await app.LoggedInAsync(Clerk);
        var page = await clerk.GetPageAsync(Register);
        var subject = "Doppelt geklickt " + Guid.NewGuid();
        var fields = new Dictionary<string, string?> { ["Input.Sender"] = "Firma", ["Input.Subject"] = subject, ["Input.Kind"] = "Invoice", ["Input.AddresseeUnitId"] = unit.Id.ToString() };

        await clerk.SubmitAsync(page, Register, fields);
        await clerk.SubmitAsync(page, Register, fields);

        Assert.Equal(1, await db.PostItems.CountAsync(p => p.Subject == subject));
        using var worker = await app.LoggedInAsync(CaseWorker);
        await worker.AssertAccessDeniedAsync(Register);
        await worker.AssertAccessDeniedAsync("/intern/poststelle");
    }

    [Fact]
    public async Task Numbers_stay_unique_and_gap_free_when_letters_are_registered_at_the_same_time()
    {
        await using var db = app.Db();
        var site = await db.Sites.SingleAsync(s => s.Code == "KM");
        var unit = await db.OrgUnits.SingleAsync(u => u.Code == "7.1");
        var start = await db.PostBookCounters.Where(c => c.SiteId == site.Id).Select(c => (int?)c.Last).SingleOrDefaultAsync() ?? 0;

        var numbers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var scope = app.Services.CreateScope();
            var book = scope.ServiceProvider.GetRequiredService<PostBook>();
            var registered = await book.RegisterAsync(new PostRegistration(Guid.NewGuid(), site.Id, PostKind.Other, "Absender " + i, null, "Parallel " + i, unit.Id, null, null, null, null, null, null), t => t, CancellationToken.None);
            return registered.Number;
        }));

        var sequences = numbers.Select(n => int.Parse(n[^5..])).Order().ToList();
        Assert.Equal(Enumerable.Range(start + 1, 20), sequences);
    }

    private async Task<PostItem> RegisterAsync(PageClient clerk, Dictionary<string, string?> fields)
    {
        var response = await clerk.SubmitAsync(Register, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Db();
        return await db.PostItems.AsNoTracking().Where(p => p.Subject == fields["Input.Subject"]).OrderBy(p => p.Id).LastAsync();
    }

    /// <summary>The registration form posted with a scan, as a browser sends it.</summary>
    private static async Task<HttpResponseMessage> PostMultipartAsync(PageClient clerk, Dictionary<string, string> fields, (string Name, byte[] Content) scan)
    {
        var page = await clerk.GetPageAsync(Register);
        var form = page.QuerySelectorAll<IHtmlFormElement>("main form").Single(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase));
        using var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
        {
            content.Add(new StringContent(hidden.Value), hidden.Name!);
        }

        content.Add(new StringContent(form.QuerySelector<IHtmlSelectElement>("select[name='Input.SiteId']")!.Value ?? ""), "Input.SiteId");
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(scan.Content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        content.Add(file, "Input.Scan", scan.Name);
        return await clerk.Http.PostAsync(Register, content);
    }

    private static async Task<FormUrlEncodedContent> TokenAsync(PageClient client)
    {
        var page = await client.GetPageAsync("/intern");
        var token = page.QuerySelector("form[action='/abmelden'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
    }

    [GeneratedRegex(@"^RH-\d{4}-\d{5}$")]
    private static partial Regex NumberPattern();
}

[Collection(nameof(SqliteApp))]
public sealed class PostBookTests_Sqlite(SqliteApp app) : PostBookTests(app);

[Collection(nameof(PostgresApp))]
public sealed class PostBookTests_Postgres(PostgresApp app) : PostBookTests(app);
