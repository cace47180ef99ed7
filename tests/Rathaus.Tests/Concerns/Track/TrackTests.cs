using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Model;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Concerns.Track;

public abstract class TrackTests(RathausApp app)
{
    private const string Send = "Absenden";
    private const string Withdraw = "Anliegen zurückziehen";

    [Fact]
    public async Task Tracking_page_shows_reference_status_kind_category_and_description()
    {
        var concern = await TrackedConcerns.SubmitAsync(app, "Schlagloch vor dem Haus Am Sande 12 " + Guid.NewGuid());
        using var client = app.Client();

        var main = (await client.GetPageAsync(concern.Url)).QuerySelector("main")!;

        var facts = main.QuerySelector("dl")!.TextContent;
        Assert.Contains(concern.ReferenceNumber, facts);
        Assert.Contains(ConcernTexts.StatusName(ConcernStatus.Received), facts);
        Assert.Contains("Mängelmeldung", facts);
        Assert.Contains("Schlagloch oder Straßenschaden", facts);
        Assert.Contains("Schlagloch vor dem Haus Am Sande 12", main.TextContent);
    }

    [Fact]
    public async Task Unknown_or_malformed_links_answer_not_found_and_show_nothing()
    {
        var concern = await TrackedConcerns.SubmitAsync(app, "Laterne defekt " + Guid.NewGuid());
        using var client = app.Client();
        var unknown = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32)); // well-formed, but no concern has it
        foreach (var url in new[] { "/anliegen/" + unknown, "/anliegen/" + concern.Token[..42] + "!", "/anliegen/" + concern.Token[..20], "/anliegen/" + unknown + "/datei/1" })
        {
            var response = await client.Http.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("Seite nicht gefunden", html);
            Assert.DoesNotContain("Vorgangsnummer", html);
        }
    }

    [Fact]
    public async Task Internal_notes_are_never_shown_to_the_citizen()
    {
        var concern = await TrackedConcerns.SubmitAsync(app, "Ampel zu kurz grün " + Guid.NewGuid());
        var note = "Vermerk: Bürger ruft ständig an " + Guid.NewGuid();
        await TrackedConcerns.AddEntryAsync(app, new ConcernEntry { ConcernId = concern.Id, At = DateTime.UtcNow, Kind = EntryKind.Note, IsPublic = false, Text = note });
        using var client = app.Client();

        var main = (await client.GetPageAsync(concern.Url)).QuerySelector("main")!.TextContent;

        Assert.Contains("Ampel zu kurz grün", main);
        Assert.DoesNotContain(note, main);
    }

    [Fact]
    public async Task A_reply_is_signed_by_unit_and_position_and_never_with_the_staff_members_name()
    {
        var concern = await TrackedConcerns.SubmitAsync(app, "Gehweg abgesackt " + Guid.NewGuid());
        await using (var db = app.Db())
        {
            var staff = await db.Users.SingleAsync(u => u.UserName == DemoAccounts.CaseWorker);
            db.ConcernEntries.Add(new ConcernEntry
            {
                ConcernId = concern.Id,
                At = DateTime.UtcNow,
                Kind = EntryKind.Reply,
                IsPublic = true,
                Text = "Wir bessern den Gehweg nächste Woche aus.",
                SignedByUnit = "Bereich 7.1 Straßenunterhaltung",
                SignedByPosition = "Sachbearbeitung Straßenunterhaltung",
                StaffMemberId = staff.Id,
            });
            await db.SaveChangesAsync();
        }

        using var client = app.Client();
        var main = (await client.GetPageAsync(concern.Url)).QuerySelector("main")!.TextContent;

        Assert.Contains("Wir bessern den Gehweg nächste Woche aus.", main);
        Assert.Contains("Im Auftrag", main);
        Assert.Contains("Bereich 7.1 Straßenunterhaltung", main);
        Assert.Contains("Sachbearbeitung Straßenunterhaltung", main);
        Assert.DoesNotContain("Hoppe", main);
        Assert.DoesNotContain(DemoAccounts.CaseWorker, main);
    }

    [Fact]
    public async Task Answering_a_question_stores_a_public_message_and_puts_the_concern_back_in_progress()
    {
        var concern = await TrackedConcerns.SubmitAsync(app, "Baum droht umzufallen " + Guid.NewGuid());
        await TrackedConcerns.SetStatusAsync(app, concern, ConcernStatus.WaitingForCitizen);
        using var client = app.Client();

        var response = await client.SubmitAsync(concern.Url, new() { ["Input.Text"] = "Der Baum steht links vom Eingang." }, button: Send);
        var page = await client.FollowAsync(response);

        Assert.Contains("Vielen Dank. Ihre Ergänzung wurde gespeichert.", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Contains("Der Baum steht links vom Eingang.", page.QuerySelector("main")!.TextContent);
        await using var db = app.Db();
        var stored = await db.Concerns.Include(c => c.Entries).SingleAsync(c => c.Id == concern.Id);
        Assert.Equal(ConcernStatus.InProgress, stored.Status);
        var message = Assert.Single(stored.Entries, e => e.Kind == EntryKind.CitizenMessage);
        Assert.True(message.IsPublic);
        Assert.Equal("Der Baum steht links vom Eingang.", message.Text);
        Assert.Contains(stored.Entries, e => e.Kind == EntryKind.StatusChange && e.NewStatus == ConcernStatus.InProgress && e.IsPublic);
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "Concern.CitizenMessage" && a.EntityKey == concern.ReferenceNumber);
        Assert.Equal("Bürgerin/Bürger", audit.StaffMemberName);
        Assert.Contains("WaitingForCitizen", audit.Before);
        Assert.Contains("InProgress", audit.After);
    }

    [Fact]
    public async Task A_status_comment_is_shown_with_the_signature()
    {
        var concern = await TrackedConcerns.SubmitAsync(app, "Straße gesperrt " + Guid.NewGuid());
        await TrackedConcerns.AddEntryAsync(app, new ConcernEntry
        {
            ConcernId = concern.Id,
            At = DateTime.UtcNow,
            Kind = EntryKind.StatusChange,
            IsPublic = true,
            NewStatus = ConcernStatus.Resolved,
            Text = "Die Sperrung ist seit heute aufgehoben.",
            SignedByUnit = "Bereich Straßenunterhaltung",
            SignedByPosition = "Leitung Straßenunterhaltung",
        });
        using var client = app.Client();

        var card = (await client.GetPageAsync(concern.Url)).QuerySelectorAll("main li").Single(li => li.TextContent.Contains("Status geändert"));

        Assert.Contains("Neuer Status: Erledigt", card.TextContent);
        Assert.Contains("Die Sperrung ist seit heute aufgehoben.", card.TextContent);
        Assert.Contains("Im Auftrag", card.TextContent);
        Assert.Contains("Leitung Straßenunterhaltung", card.TextContent);
    }

    [Fact]
    public async Task The_responsible_mailbox_is_told_when_the_citizen_adds_something_or_withdraws()
    {
        var concern = await TrackedConcerns.SubmitAsync(app, "Pfütze am Markt " + Guid.NewGuid());
        string assigned;
        await using (var db = app.Db())
        {
            var position = await db.Positions.SingleAsync(p => p.Mailbox.StartsWith("strassen2@"));
            assigned = position.Mailbox;
            await db.Concerns.Where(c => c.Id == concern.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.AssignedPositionId, position.Id));
        }

        using var client = app.Client();
        await client.SubmitAsync(concern.Url, new() { ["Input.Text"] = "Private Telefonnummer 0171 1234567" }, button: Send);
        await client.SubmitAsync(concern.Url, new() { ["Withdrawal.Confirm"] = "true" }, button: Withdraw);

        await using var check = app.Db();
        var notices = await check.OutboxMessages.Where(m => m.ConcernId == concern.Id && m.To == assigned).OrderBy(m => m.Id).ToListAsync();
        Assert.Equal(["Concern.CitizenMessageNotice", "Concern.WithdrawnNotice"], notices.Select(m => m.Kind));
        Assert.All(notices, m => Assert.Contains($"[Vorgang {concern.ReferenceNumber}]", m.Subject));
        Assert.Contains("/intern/anliegen/" + concern.ReferenceNumber, notices[0].TextBody);
        Assert.DoesNotContain("0171", notices[0].TextBody); // the citizen's text stays behind the login
    }

    [Fact]
    public async Task An_empty_addition_is_refused_with_a_message_next_to_the_field()
    {
        var concern = await TrackedConcerns.SubmitAsync(app, "Bank kaputt " + Guid.NewGuid());
        using var client = app.Client();

        var response = await client.SubmitAsync(concern.Url, new() { ["Input.Text"] = "   " }, button: Send);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Bitte schreiben Sie Ihre Ergänzung oder Antwort.", PageClient.Errors(await PageClient.PageOf(response)));
        await using var db = app.Db();
        Assert.False(await db.ConcernEntries.AnyAsync(e => e.ConcernId == concern.Id && e.Kind == EntryKind.CitizenMessage));
    }

    [Fact]
    public async Task A_picture_sent_later_is_stored_with_the_message_and_downloads_with_its_type()
    {
        var concern = await TrackedConcerns.SubmitAsync(app, "Graffiti an der Schule " + Guid.NewGuid());
        using var client = app.Client();
        var page = await client.GetPageAsync(concern.Url);

        var response = await TrackedConcerns.AddWithFilesAsync(client, page, "Hier ein Foto.", ("foto.png", TrackedConcerns.TinyPng, "application/octet-stream"));
        var after = await client.FollowAsync(response);

        await using var db = app.Db();
        var message = await db.ConcernEntries.SingleAsync(e => e.ConcernId == concern.Id && e.Kind == EntryKind.CitizenMessage);
        var file = await db.ConcernAttachments.SingleAsync(a => a.ConcernId == concern.Id);
        Assert.Equal(message.Id, file.EntryId);
        Assert.True(file.FromCitizen);
        Assert.Equal("image/png", file.ContentType);
        var link = after.QuerySelectorAll("main a").Single(a => a.TextContent == "foto.png");
        var download = await client.Http.GetAsync(link.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/png", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", download.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal(TrackedConcerns.TinyPng[..8], (await download.Content.ReadAsByteArrayAsync())[..8]);
    }

    [Fact]
    public async Task A_file_that_is_not_a_picture_or_pdf_is_refused_and_nothing_is_stored()
    {
        var concern = await TrackedConcerns.SubmitAsync(app, "Müll am Ufer " + Guid.NewGuid());
        using var client = app.Client();
        var page = await client.GetPageAsync(concern.Url);

        var response = await TrackedConcerns.AddWithFilesAsync(client, page, "Siehe Anhang.", ("bild.png", "MZ not a picture"u8.ToArray(), "image/png"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await PageClient.PageOf(response);
        Assert.Contains(PageClient.Errors(refused), e => e.Contains("bild.png", StringComparison.Ordinal));
        Assert.Equal("Siehe Anhang.", refused.QuerySelector("textarea[name='Input.Text']")!.TextContent.Trim());
        await using var db = app.Db();
        Assert.False(await db.ConcernEntries.AnyAsync(e => e.ConcernId == concern.Id && e.Kind == EntryKind.CitizenMessage));
    }

    [Fact]
    public async Task A_file_of_another_concern_cannot_be_fetched_with_this_link()
    {
        var other = await TrackedConcerns.SubmitAsync(app, "Fremdes Anliegen " + Guid.NewGuid(), new AcceptedFile("fremd.png", "image/png", TrackedConcerns.TinyPng));
        var mine = await TrackedConcerns.SubmitAsync(app, "Mein Anliegen " + Guid.NewGuid(), new AcceptedFile("meins.png", "image/png", TrackedConcerns.TinyPng));
        await using var db = app.Db();
        var otherFile = await db.ConcernAttachments.Where(a => a.ConcernId == other.Id).Select(a => a.Id).SingleAsync();
        var myFile = await db.ConcernAttachments.Where(a => a.ConcernId == mine.Id).Select(a => a.Id).SingleAsync();
        using var client = app.Client();

        var foreign = await client.Http.GetAsync($"{mine.Url}/datei/{otherFile}");
        var own = await client.Http.GetAsync($"{mine.Url}/datei/{myFile}");

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("meins.png", own.Content.Headers.ContentDisposition!.FileNameStar ?? own.Content.Headers.ContentDisposition.FileName);
    }

    [Fact]
    public async Task Withdrawing_needs_the_confirmation_then_closes_the_concern_and_removes_the_forms()
    {
        var concern = await TrackedConcerns.SubmitAsync(app, "Hat sich erledigt " + Guid.NewGuid());
        using var client = app.Client();

        var unconfirmed = await client.SubmitAsync(concern.Url, new(), button: Withdraw);
        Assert.Contains("Bitte bestätigen Sie, dass Sie Ihr Anliegen zurückziehen möchten.", PageClient.Errors(await PageClient.PageOf(unconfirmed)));

        var confirmed = await client.SubmitAsync(concern.Url, new() { ["Withdrawal.Confirm"] = "true" }, button: Withdraw);
        var page = await client.FollowAsync(confirmed);

        var main = page.QuerySelector("main")!;
        Assert.Contains("Ihr Anliegen wurde zurückgezogen.", main.TextContent);
        Assert.Contains(ConcernTexts.StatusName(ConcernStatus.Withdrawn), main.QuerySelector("dl")!.TextContent);
        Assert.Contains("Dieses Anliegen ist abgeschlossen.", main.TextContent);
        Assert.NotNull(main.QuerySelector("a[href='/anliegen/neu']"));
        Assert.Empty(main.QuerySelectorAll("form"));
        await using var db = app.Db();
        var stored = await db.Concerns.Include(c => c.Entries).SingleAsync(c => c.Id == concern.Id);
        Assert.Equal(ConcernStatus.Withdrawn, stored.Status);
        Assert.NotNull(stored.ClosedAt);
        Assert.Contains(stored.Entries, e => e.Kind == EntryKind.Withdrawal && e.IsPublic);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Concern.Withdrawn" && a.EntityKey == concern.ReferenceNumber));
    }

    [Fact]
    public async Task Script_typed_into_the_text_is_shown_as_text_and_never_runs()
    {
        var concern = await TrackedConcerns.SubmitAsync(app, "<script>alert('Beschreibung')</script> " + Guid.NewGuid());
        using var client = app.Client();

        var page = await client.FollowAsync(await client.SubmitAsync(concern.Url, new() { ["Input.Text"] = "<script>alert('Ergänzung')</script>" }, button: Send));

        var main = page.QuerySelector("main")!;
        Assert.Empty(main.QuerySelectorAll("script"));
        Assert.Contains("<script>alert('Beschreibung')</script>", main.TextContent);
        Assert.Contains("<script>alert('Ergänzung')</script>", main.TextContent);
    }

    [Fact]
    public async Task The_tracking_page_is_not_cached_not_indexed_and_its_address_is_not_passed_on()
    {
        var concern = await TrackedConcerns.SubmitAsync(app, "Kopfsteinpflaster lose " + Guid.NewGuid());
        using var client = app.Client();

        var response = await client.Http.GetAsync(concern.Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("noindex", response.Headers.GetValues("X-Robots-Tag").Single());
    }

    [Fact]
    public async Task A_change_by_the_administration_meanwhile_is_reported_and_the_typed_text_is_kept()
    {
        var concern = await TrackedConcerns.SubmitAsync(app, "Wasser auf der Straße " + Guid.NewGuid());
        using var client = app.Client();
        var page = await client.GetPageAsync(concern.Url);
        await TrackedConcerns.SetStatusAsync(app, concern, ConcernStatus.InProgress); // a staff member acts in between

        var response = await client.SubmitAsync(page, concern.Url, new() { ["Input.Text"] = "Es ist noch schlimmer geworden." }, button: Send);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var conflict = await PageClient.PageOf(response);
        Assert.Contains("Das Anliegen wurde gerade von der Verwaltung bearbeitet.", conflict.QuerySelector("main")!.TextContent);
        Assert.Contains(ConcernTexts.StatusName(ConcernStatus.InProgress), conflict.QuerySelector("dl")!.TextContent);
        Assert.Equal("Es ist noch schlimmer geworden.", conflict.QuerySelector("textarea[name='Input.Text']")!.TextContent.Trim());
        await using (var db = app.Db())
        {
            Assert.False(await db.ConcernEntries.AnyAsync(e => e.ConcernId == concern.Id && e.Kind == EntryKind.CitizenMessage));
        }

        var again = await client.SubmitAsync(conflict, concern.Url, new(), button: Send);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        await using (var db = app.Db())
        {
            Assert.Equal("Es ist noch schlimmer geworden.", (await db.ConcernEntries.SingleAsync(e => e.ConcernId == concern.Id && e.Kind == EntryKind.CitizenMessage)).Text);
        }
    }
}

[Collection(nameof(SqliteApp))]
public sealed class TrackTests_Sqlite(SqliteApp app) : TrackTests(app);

[Collection(nameof(PostgresApp))]
public sealed class TrackTests_Postgres(PostgresApp app) : TrackTests(app);
