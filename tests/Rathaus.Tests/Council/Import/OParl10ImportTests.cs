using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Model;
using Rathaus.Data;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Council.Import;

/// <summary>
/// The council office imports a small OParl 1.0 system (the JSON files in OParl10/, served on a local Kestrel port)
/// through the import page: progress bar, every object taken over, the two broken ones reported with their ids while
/// the import goes on, and a second import changes nothing.
/// </summary>
public abstract class OParl10ImportTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly string Folder = Path.Combine(
        typeof(OParl10ImportTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!,
        "tests", "Rathaus.Tests", "Council", "Import", "OParl10");

    private WebApplication? _server;
    private string _base = "";

    public static byte[] Pdf(string name) => TinyPdf.Create(name, ["Stadt Beispielstadt", name]);

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.MapGet("/files/{name}", (string name) => Results.Bytes(Pdf(name), "application/pdf"));
        _server.MapGet("/{**path}", (HttpContext http, string? path) =>
        {
            // "/body/1/organizations?page=2" is the file body-1-organizations-page2.json
            var file = string.IsNullOrEmpty(path) ? "system" : path.Trim('/').Replace('/', '-');
            if (http.Request.Query["page"] is { Count: > 0 } page)
            {
                file += "-page" + page[0];
            }

            var full = Path.Combine(Folder, file + ".json");
            return File.Exists(full)
                ? Results.Text(File.ReadAllText(full).Replace("{base}", _base, StringComparison.Ordinal), "application/json; charset=utf-8")
                : Results.NotFound();
        });
        await _server.StartAsync();
        _base = _server.Urls.Single().TrimEnd('/');
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task The_council_office_imports_an_OParl_1_0_system_with_progress_and_a_report_of_the_broken_objects()
    {
        var reason = TestDatabases.Unavailable(provider);
        Assert.SkipWhen(reason is not null, reason ?? "");
        await using var target = await ImportTargetApp.StartAsync(provider, demoData: true, worker: true);
        using var office = await target.LoggedInAsync("m.kruse");

        var empty = await office.SubmitAsync("/intern/rat/import", new() { ["Input.BaseUrl"] = "" });
        Assert.Contains("Bitte geben Sie die Adresse des OParl-Systems an.", PageClient.Errors(await PageClient.PageOf(empty)));
        var ftp = await office.SubmitAsync("/intern/rat/import", new() { ["Input.BaseUrl"] = "ftp://ris.example/oparl" });
        Assert.Contains("Bitte geben Sie eine vollständige Adresse an, die mit http:// oder https:// beginnt.", PageClient.Errors(await PageClient.PageOf(ftp)));

        var started = await office.SubmitAsync("/intern/rat/import", new() { ["Input.BaseUrl"] = _base + "/" });
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var jobUrl = started.Headers.Location!.OriginalString;
        var first = await office.GetPageAsync(jobUrl);
        Assert.NotNull(first.QuerySelector("main progress[max='100']"));
        var jobId = int.Parse(jobUrl.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

        var job = await target.WaitForAsync(jobId);
        var page = await office.GetPageAsync(jobUrl);
        Assert.Equal("abgeschlossen", page.QuerySelector("#status")!.TextContent.Trim());
        Assert.Equal("100", page.QuerySelector("main progress")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("meta[http-equiv='refresh']")); // no more reloading once done
        Assert.Equal("https://schema.oparl.org/1.0/", job.OParlVersion);
        var problems = page.QuerySelectorAll("#problem-liste tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains($"{_base}/meeting/3") && p.Contains("Die Angabe „start“ ist ungültig."));
        Assert.Contains(problems, p => p.Contains($"{_base}/membership/4") && p.Contains($"Das Objekt verweist auf {_base}/organization/99, das (noch) nicht importiert ist."));
        Assert.Contains("Nicht übernommene Objekte (2)", page.QuerySelector("#probleme")!.TextContent);

        await using var db = target.Db();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "CouncilImport.Started" && a.EntityKey == jobId.ToString()));
        await AssertImportedAsync(db);

        // The second import of the same system updates what is there and adds nothing.
        var counts = await CountsAsync(db);
        var again = await office.SubmitAsync("/intern/rat/import", new() { ["Input.BaseUrl"] = _base + "/" });
        await target.WaitForAsync(int.Parse(again.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture));
        await using var after = target.Db();
        Assert.Equal(counts, await CountsAsync(after));
        await AssertImportedAsync(after);
    }

    private async Task AssertImportedAsync(RathausDb db)
    {
        var body = await db.CouncilBodies.Include(b => b.Location).SingleAsync(b => b.ExternalId == _base + "/body/1");
        Assert.Equal("Stadt Beispielstadt", body.Name);
        Assert.Equal("ratsbuero@beispielstadt.example", body.ContactEmail);
        Assert.Equal("Rathaus, Markt 1, 12345 Beispielstadt", body.Location!.Description);

        var terms = await db.LegislativeTerms.Where(t => t.BodyId == body.Id).OrderBy(t => t.StartDate).ToListAsync();
        Assert.Equal(["15. Wahlperiode", "16. Wahlperiode"], terms.Select(t => t.Name));

        var organizations = await db.CouncilOrganizations.Where(o => o.BodyId == body.Id).OrderBy(o => o.Name).ToListAsync();
        Assert.Equal(
            [("Ausschuss für Umwelt und Grün", OrganizationKind.Committee), ("Gruppe Bürgerliste/Freie Wähler", OrganizationKind.Group), ("Rat der Stadt Beispielstadt", OrganizationKind.Council), ("SPD-Fraktion", OrganizationKind.Faction)],
            organizations.Select(o => (o.Name, o.Kind)));

        var persons = await db.CouncilPersons.Where(p => p.BodyId == body.Id).Include(p => p.Memberships).ThenInclude(m => m.LegislativeTerm).OrderBy(p => p.FamilyName).ToListAsync();
        Assert.Equal(["Krämer", "Neumann", "Schulz"], persons.Select(p => p.FamilyName));
        var schulz = persons[2];
        Assert.Equal("Dr. Maria Schulz", schulz.Name);
        Assert.Equal(["15. Wahlperiode", "16. Wahlperiode"], schulz.Memberships.Select(m => m.LegislativeTerm!.Name).Order());
        Assert.Single(persons[1].Memberships); // the membership in an unknown organization is reported, not stored

        var meetings = await db.CouncilMeetings.Include(m => m.AgendaItems).Include(m => m.Location).Include(m => m.Organizations)
            .Where(m => m.ExternalId!.StartsWith(_base)).OrderBy(m => m.Start).ToListAsync();
        Assert.Equal(2, meetings.Count);
        Assert.Equal(MeetingState.Held, meetings[0].State); // "stattgefunden" is free text in 1.0: judged by the date
        Assert.Equal(new DateTime(2017, 2, 9, 16, 0, 0, DateTimeKind.Utc), meetings[0].Start);
        Assert.Equal("Rathaus, Ratssaal", meetings[0].Location!.Description);
        Assert.Equal("Rathaus, Sitzungszimmer 2", meetings[1].Location!.Description); // a location given by URL
        Assert.Equal(["1", "2", "3"], meetings[0].AgendaItems.OrderBy(a => a.Order).Select(a => a.Number));
        Assert.False(meetings[0].AgendaItems.Single(a => a.Number == "3").Public);
        Assert.Equal("Rat der Stadt Beispielstadt", Assert.Single(meetings[0].Organizations).Name);

        var papers = await db.Papers.Include(p => p.Consultations).ThenInclude(c => c.AgendaItem).Include(p => p.RelatedPapers).Include(p => p.OriginatorOrganization)
            .Where(p => p.BodyId == body.Id).OrderBy(p => p.Reference).ToListAsync();
        Assert.Equal(["2017/0012", "2017/0015"], papers.Select(p => p.Reference));
        Assert.Equal(PaperType.Motion, papers[1].Type);
        Assert.Equal("SPD-Fraktion", papers[1].OriginatorOrganization!.Name);
        Assert.Equal("2017/0012", Assert.Single(papers[1].RelatedPapers).Reference);
        var consultation = Assert.Single(papers[0].Consultations);
        Assert.Equal(("Entscheidung", true, "Neubau der Grundschule Am Park", "ungeändert beschlossen"), (consultation.Role, consultation.Authoritative, consultation.AgendaItem!.Name, consultation.Result));

        var files = await db.CouncilFiles.Where(f => f.ExternalId!.StartsWith(_base)).OrderBy(f => f.FileName).ToListAsync();
        Assert.Equal(["einladung-rat-3.pdf", "vorlage-2017-0012.pdf"], files.Select(f => f.FileName));
        Assert.Equal(FileRole.Invitation, files[0].Role);
        Assert.Equal(meetings[0].Id, files[0].MeetingId);
        Assert.Equal(FileRole.MainFile, files[1].Role);
        Assert.Equal(papers[0].Id, files[1].PaperId);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf("vorlage-2017-0012.pdf"))), files[1].Sha256);
    }

    private async Task<int[]> CountsAsync(RathausDb db) =>
    [
        await db.CouncilBodies.CountAsync(), await db.LegislativeTerms.CountAsync(), await db.CouncilLocations.CountAsync(),
        await db.CouncilOrganizations.CountAsync(), await db.CouncilPersons.CountAsync(), await db.CouncilMemberships.CountAsync(),
        await db.CouncilMeetings.CountAsync(), await db.AgendaItems.CountAsync(), await db.Papers.CountAsync(),
        await db.Consultations.CountAsync(), await db.CouncilFiles.CountAsync(), await db.Papers.CountAsync(p => p.ExternalId!.StartsWith(_base)),
    ];
}

public sealed class OParl10ImportTests_Sqlite() : OParl10ImportTests(DatabaseProvider.Sqlite);

public sealed class OParl10ImportTests_Postgres() : OParl10ImportTests(DatabaseProvider.PostgreSql);
