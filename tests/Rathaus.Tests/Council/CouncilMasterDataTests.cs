using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Model;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Council;

/// <summary>The council office maintains organizations, terms, persons with memberships, and papers with their files.</summary>
public abstract class CouncilMasterDataTests(RathausApp app)
{
    private const string Office = "m.kruse"; // Ratsbüro

    private static async Task<string> MainTextAsync(HttpResponseMessage response) => (await PageClient.PageOf(response)).QuerySelector("main")!.TextContent;

    private static string Id(HttpResponseMessage redirect)
    {
        Assert.True(redirect.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)redirect.StatusCode}");
        return redirect.Headers.Location!.OriginalString.Split('/')[^1];
    }

    [Fact]
    public async Task The_council_office_maintains_organizations_terms_persons_and_memberships_and_a_membership_outside_its_term_is_refused()
    {
        using var office = await app.LoggedInAsync(Office);
        var suffix = Guid.NewGuid().ToString("N")[..8];

        var unnamed = await office.SubmitAsync("/intern/rat/gremium", new() { ["Input.Name"] = "", ["Input.Kind"] = "Committee" });
        Assert.Contains("Bitte geben Sie den Namen des Gremiums an.", await MainTextAsync(unnamed));
        var committee = await office.SubmitAsync("/intern/rat/gremium", new() { ["Input.Name"] = "Ausschuss für Häfen " + suffix, ["Input.ShortName"] = "HafA", ["Input.Kind"] = "Committee", ["Input.StartDate"] = "2026-11-01" });
        var committeeId = int.Parse(Id(committee));
        Assert.Contains("Das Gremium Ausschuss für Häfen " + suffix + " ist gespeichert.", (await office.FollowAsync(committee)).QuerySelector("main")!.TextContent);
        var faction = int.Parse(Id(await office.SubmitAsync("/intern/rat/gremium", new() { ["Input.Name"] = "Fraktion Hafen " + suffix, ["Input.Kind"] = "Faction" })));

        var backwards = await office.SubmitAsync("/intern/rat/wahlperiode", new() { ["Input.Name"] = "Wahlperiode " + suffix, ["Input.StartDate"] = "2031-11-01", ["Input.EndDate"] = "2031-10-01" });
        Assert.Contains("Die Wahlperiode muss nach ihrem ersten Tag enden.", await MainTextAsync(backwards));
        var termId = int.Parse(Id(await office.SubmitAsync("/intern/rat/wahlperiode", new() { ["Input.Name"] = "Wahlperiode " + suffix, ["Input.StartDate"] = "2031-11-01", ["Input.EndDate"] = "2036-10-31" })));

        var nameless = await office.SubmitAsync("/intern/rat/person", new() { ["Input.GivenName"] = "", ["Input.FamilyName"] = "Hafenmeister" });
        Assert.Contains("Bitte geben Sie den Vornamen an.", await MainTextAsync(nameless));
        var person = await office.SubmitAsync("/intern/rat/person", new() { ["Input.FormOfAddress"] = "Frau", ["Input.Title"] = "Dr.", ["Input.GivenName"] = "Greta", ["Input.FamilyName"] = "Hafenmeister" + suffix });
        var personUrl = person.Headers.Location!.OriginalString;
        var personId = int.Parse(Id(person));

        Dictionary<string, string?> Membership(string start, string? end) => new()
        {
            ["Membership.OrganizationId"] = committeeId.ToString(),
            ["Membership.LegislativeTermId"] = termId.ToString(),
            ["Membership.Role"] = "Vorsitzende",
            ["Membership.StartDate"] = start,
            ["Membership.EndDate"] = end,
            ["Membership.OnBehalfOfId"] = faction.ToString(),
        };
        var outside = await office.SubmitAsync(personUrl, Membership("2030-05-01", "2037-01-01"), button: "Mitgliedschaft hinzufügen");
        var outsideText = await MainTextAsync(outside);
        Assert.Contains("Der Beginn der Mitgliedschaft liegt außerhalb der Wahlperiode.", outsideText);
        Assert.Contains("Das Ende der Mitgliedschaft liegt außerhalb der Wahlperiode.", outsideText);
        var inside = await office.SubmitAsync(personUrl, Membership("2031-11-15", null), button: "Mitgliedschaft hinzufügen");
        Assert.Contains("Die Mitgliedschaft in Ausschuss für Häfen " + suffix + " ist gespeichert.", (await office.FollowAsync(inside)).QuerySelector("main")!.TextContent);

        await using var db = app.Db();
        var membership = await db.CouncilMemberships.SingleAsync(m => m.PersonId == personId);
        Assert.Equal((committeeId, termId, faction, new DateOnly(2031, 11, 15)), (membership.OrganizationId, membership.LegislativeTermId, membership.OnBehalfOfId!.Value, membership.StartDate));
        foreach (var (action, key) in new[] { ("Organization.Created", committeeId), ("LegislativeTerm.Created", termId), ("Person.Created", personId), ("Membership.Created", membership.Id) })
        {
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == action && a.EntityKey == key.ToString()), action);
        }

        using var citizen = app.Client();
        var json = JsonNode.Parse(await citizen.Http.GetStringAsync($"/oparl/v1.1/person/{personId}"))!;
        var published = json["membership"]!.AsArray().Single()!;
        Assert.EndsWith($"/organization/{faction}", published["onBehalfOf"]!.GetValue<string>());
        Assert.Equal("Vorsitzende", published["role"]!.GetValue<string>());

        // An organization with memberships cannot be deleted; once they are gone it can, softly: it stays in OParl
        // with deleted: true and leaves the office's lists.
        var stillUsed = await office.SubmitAsync($"/intern/rat/gremium/{committeeId}", new(), button: "Gremium löschen");
        Assert.Contains("Das Gremium hat noch Mitgliedschaften, Sitzungen oder Beratungen. Löschen Sie diese zuerst.", await MainTextAsync(stillUsed));
        Assert.Equal(HttpStatusCode.Redirect, (await office.SubmitAsync(personUrl, new(), button: "Mitgliedschaft löschen")).StatusCode);
        var deleted = await office.SubmitAsync($"/intern/rat/gremium/{committeeId}", new(), button: "Gremium löschen");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var organization = JsonNode.Parse(await citizen.Http.GetStringAsync($"/oparl/v1.1/organization/{committeeId}"))!;
        Assert.True(organization["deleted"]!.GetValue<bool>());
        var list = await office.FollowAsync(deleted);
        Assert.Contains("Das Gremium Ausschuss für Häfen " + suffix + " ist gelöscht.", list.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("Ausschuss für Häfen " + suffix, list.QuerySelector("#gremien")!.TextContent);

        // The shared demo council keeps its two terms and four factions for the other tests.
        Assert.Equal(HttpStatusCode.Redirect, (await office.SubmitAsync($"/intern/rat/wahlperiode/{termId}", new(), button: "Wahlperiode löschen")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await office.SubmitAsync($"/intern/rat/gremium/{faction}", new(), button: "Gremium löschen")).StatusCode);
        await using var after = app.Db();
        Assert.True(await after.AuditEntries.AnyAsync(a => a.Action == "Organization.Deleted" && a.EntityKey == committeeId.ToString()));
        Assert.True((await after.LegislativeTerms.SingleAsync(t => t.Id == termId)).Deleted);
        Assert.True((await after.CouncilMemberships.SingleAsync(m => m.Id == membership.Id)).Deleted);

        // The demo council's tests count its terms and organizations, deleted or not: this test's leave the shared database.
        after.CouncilMemberships.Remove(await after.CouncilMemberships.SingleAsync(m => m.Id == membership.Id));
        after.LegislativeTerms.Remove(await after.LegislativeTerms.SingleAsync(t => t.Id == termId));
        after.CouncilOrganizations.RemoveRange(await after.CouncilOrganizations.Where(o => o.Id == committeeId || o.Id == faction).ToListAsync());
        await after.SaveChangesAsync();
    }

    [Fact]
    public async Task A_paper_reference_is_unique_and_files_must_be_what_their_extension_says()
    {
        using var office = await app.LoggedInAsync(Office);
        await using var db = app.Db();
        var existing = await db.Papers.Where(p => !p.Deleted).OrderBy(p => p.Id).FirstAsync();
        var faction = await db.CouncilOrganizations.FirstAsync(o => o.Kind == OrganizationKind.Faction && !o.Deleted);
        var reference = $"2039/{Random.Shared.Next(10000):D4}";
        while (await db.Papers.AnyAsync(p => p.Reference == reference))
        {
            reference = $"2039/{Random.Shared.Next(10000):D4}";
        }

        Dictionary<string, string?> Paper(string reference) => new()
        {
            ["Input.Reference"] = reference,
            ["Input.Name"] = "Antrag: Fähre über die Ilmenau",
            ["Input.Type"] = "Motion",
            ["Input.Date"] = "2026-11-20",
            ["Input.OriginatorOrganizationId"] = faction.Id.ToString(),
        };
        var twice = await office.SubmitAsync("/intern/rat/drucksache", Paper(existing.Reference));
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("Diese Drucksachennummer ist schon vergeben.", await MainTextAsync(twice));
        var malformed = await office.SubmitAsync("/intern/rat/drucksache", Paper("123"));
        Assert.Contains("Die Drucksachennummer hat die Form Jahr/Nummer, zum Beispiel 2026/0123.", await MainTextAsync(malformed));
        var created = await office.SubmitAsync("/intern/rat/drucksache", Paper(reference));
        var paperUrl = created.Headers.Location!.OriginalString;
        var paperId = int.Parse(Id(created));
        Assert.Contains($"Die Drucksache {reference} ist gespeichert.", (await office.FollowAsync(created)).QuerySelector("main")!.TextContent);

        // The consultation path: a meeting of another committee is refused, a fitting one is published.
        var meeting = await db.CouncilMeetings.Include(m => m.Organizations).Where(m => !m.Deleted && m.Organizations.Any(o => o.Kind == OrganizationKind.Committee)).OrderBy(m => m.Id).FirstAsync();
        var committee = meeting.Organizations.First();
        var council = await db.CouncilOrganizations.FirstAsync(o => o.Kind == OrganizationKind.Council);
        var wrong = await office.SubmitAsync(paperUrl, new() { ["Consultation.OrganizationId"] = council.Id.ToString(), ["Consultation.MeetingId"] = meeting.Id.ToString(), ["Consultation.Role"] = "Vorberatung" }, button: "Beratung hinzufügen");
        Assert.Contains("Diese Sitzung ist keine Sitzung des gewählten Gremiums.", await MainTextAsync(wrong));
        var consulted = await office.SubmitAsync(paperUrl, new() { ["Consultation.OrganizationId"] = committee.Id.ToString(), ["Consultation.MeetingId"] = meeting.Id.ToString(), ["Consultation.Role"] = "Vorberatung", ["Consultation.Result"] = "vertagt" }, button: "Beratung hinzufügen");
        Assert.Equal(HttpStatusCode.Redirect, consulted.StatusCode);

        var unknown = await office.SubmitAsync(paperUrl, new() { ["RelatedReference"] = "1999/9999" }, button: "Verwandte Drucksache hinzufügen");
        Assert.Contains("Eine Vorlage mit dieser Drucksachennummer gibt es nicht.", await MainTextAsync(unknown));
        Assert.Equal(HttpStatusCode.Redirect, (await office.SubmitAsync(paperUrl, new() { ["RelatedReference"] = existing.Reference }, button: "Verwandte Drucksache hinzufügen")).StatusCode);

        // Files: the content must match the extension; what is accepted is stored with its SHA-256.
        var pdf = TinyPdf.Create("Antrag Fähre", ["Die Fraktion beantragt eine Fähre."]);
        var disguised = await UploadAsync(office, paperUrl, "Antrag", "antrag.docx", pdf);
        Assert.Contains("Der Inhalt der Datei „antrag.docx“ passt nicht zu ihrer Endung.", await MainTextAsync(disguised));
        var program = await UploadAsync(office, paperUrl, "Programm", "setup.exe", [0x4D, 0x5A, 0x90, 0x00]);
        Assert.Contains("Die Datei „setup.exe“ ist weder ein PDF noch ein Office-Dokument (DOCX, XLSX, PPTX, ODT, ODS, ODP).", await MainTextAsync(program));
        var fakeOdt = await UploadAsync(office, paperUrl, "Stellungnahme", "stellungnahme.odt", Docx());
        Assert.Contains("Der Inhalt der Datei „stellungnahme.odt“ passt nicht zu ihrer Endung.", await MainTextAsync(fakeOdt));
        var huge = await UploadAsync(office, paperUrl, "Plan", "plan.pdf", new byte[21 * 1024 * 1024]);
        Assert.Contains("Die Datei „plan.pdf“ ist größer als 20 MB.", await MainTextAsync(huge));
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(office, paperUrl, "Antrag", "antrag.pdf", pdf, mainFile: true)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(office, paperUrl, "Anlage 1 – Kostenschätzung", "kosten.docx", Docx())).StatusCode);

        await using var fresh = app.Db();
        var files = await fresh.CouncilFiles.Where(f => f.PaperId == paperId).OrderBy(f => f.Id).ToListAsync();
        Assert.Equal(["antrag.pdf", "kosten.docx"], files.Select(f => f.FileName));
        Assert.Equal((FileRole.MainFile, "application/pdf", Convert.ToHexStringLower(SHA256.HashData(pdf))), (files[0].Role, files[0].MimeType, files[0].Sha256));
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", files[1].MimeType);
        Assert.True(await fresh.AuditEntries.AnyAsync(a => a.Action == "CouncilFile.Created" && a.EntityKey == files[1].Id.ToString()));

        using var citizen = app.Client();
        var published = JsonNode.Parse(await citizen.Http.GetStringAsync($"/oparl/v1.1/paper/{paperId}"))!;
        Assert.Equal(reference, published["reference"]!.GetValue<string>());
        Assert.Equal("antrag.pdf", published["mainFile"]!["fileName"]!.GetValue<string>());
        Assert.EndsWith($"/paper/{existing.Id}", published["relatedPaper"]!.AsArray().Single()!.GetValue<string>());
        Assert.Equal("Vorberatung", published["consultation"]!.AsArray().Single()!["role"]!.GetValue<string>());

        // Deleted softly: OParl keeps the paper with deleted: true; the reference stays taken.
        Assert.Equal(HttpStatusCode.Redirect, (await office.SubmitAsync(paperUrl, new(), button: "Drucksache löschen")).StatusCode);
        Assert.True(JsonNode.Parse(await citizen.Http.GetStringAsync($"/oparl/v1.1/paper/{paperId}"))!["deleted"]!.GetValue<bool>());
        Assert.Contains("Diese Drucksachennummer ist schon vergeben.", await MainTextAsync(await office.SubmitAsync("/intern/rat/drucksache", Paper(reference))));
    }

    [Fact]
    public async Task The_council_office_adds_files_to_a_meeting_and_a_file_that_is_not_what_it_claims_is_refused()
    {
        using var office = await app.LoggedInAsync(Office);
        await using var db = app.Db();
        var meeting = await db.CouncilMeetings.Where(m => !m.Deleted && m.State == MeetingState.Planned).OrderBy(m => m.Id).FirstAsync();
        var url = $"/intern/rat/sitzung/{meeting.Id}";
        var fileName = $"lageplan-{Guid.NewGuid().ToString("N")[..6]}.pdf";

        var fake = await UploadAsync(office, url, "Haushalt", "haushalt.xlsx", TinyPdf.Create("Haushalt", ["Zahlen"]), role: "Auxiliary");
        Assert.Contains("Der Inhalt der Datei „haushalt.xlsx“ passt nicht zu ihrer Endung.", await MainTextAsync(fake));
        var stored = await UploadAsync(office, url, "Lageplan", fileName, TinyPdf.Create("Lageplan", ["Hafen"]), role: "Auxiliary");
        Assert.Contains($"Die Datei {fileName} ist gespeichert.", (await office.FollowAsync(stored)).QuerySelector("main")!.TextContent);

        using var citizen = app.Client();
        var published = JsonNode.Parse(await citizen.Http.GetStringAsync($"/oparl/v1.1/meeting/{meeting.Id}"))!;
        Assert.Contains(published["auxiliaryFile"]!.AsArray(), f => f!["fileName"]!.GetValue<string>() == fileName);
        await using var fresh = app.Db();
        var file = await fresh.CouncilFiles.SingleAsync(f => f.FileName == fileName);
        Assert.True(await fresh.AuditEntries.AnyAsync(a => a.Action == "CouncilFile.Created" && a.EntityKey == file.Id.ToString()));
    }

    [Fact]
    public async Task Staff_without_the_council_office_role_cannot_open_the_master_data_papers_or_the_import()
    {
        using var worker = await app.LoggedInAsync(DemoAccounts.CaseWorker);
        foreach (var url in new[] { "/intern/rat/stammdaten", "/intern/rat/gremium", "/intern/rat/wahlperiode", "/intern/rat/person", "/intern/rat/drucksachen", "/intern/rat/drucksache", "/intern/rat/import" })
        {
            await worker.AssertAccessDeniedAsync(url);
        }
    }

    /// <summary>A minimal Word document: the OOXML package parts a reader looks for.</summary>
    private static byte[] Docx()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(text);
            }

            Add("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            Add("word/document.xml", "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Kostenschätzung</w:t></w:r></w:p></w:body></w:document>");
        }

        return buffer.ToArray();
    }

    /// <summary>Fills the upload form of the page like a browser: its hidden fields (antiforgery), the title and the file.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(PageClient client, string url, string name, string fileName, byte[] content, bool mainFile = false, string? role = null)
    {
        var page = await client.GetPageAsync(url);
        var form = page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.QuerySelectorAll("button").Any(b => b.TextContent.Trim() == "Datei hochladen"));
        using var multipart = new MultipartFormDataContent();
        if (mainFile)
        {
            multipart.Add(new StringContent("true"), "Upload.MainFile"); // before the checkbox's hidden "false", as a browser sends it
        }

        foreach (var hidden in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
        {
            multipart.Add(new StringContent(hidden.Value), hidden.Name!);
        }

        multipart.Add(new StringContent(name), "Upload.Name");
        if (role is not null)
        {
            multipart.Add(new StringContent(role), "Upload.Role");
        }

        multipart.Add(new ByteArrayContent(content), "Upload.File", fileName);
        return await client.Http.PostAsync(form.GetAttribute("action"), multipart);
    }
}

[Collection(nameof(SqliteApp))]
public sealed class CouncilMasterDataTests_Sqlite(SqliteApp app) : CouncilMasterDataTests(app);

[Collection(nameof(PostgresApp))]
public sealed class CouncilMasterDataTests_Postgres(PostgresApp app) : CouncilMasterDataTests(app);
