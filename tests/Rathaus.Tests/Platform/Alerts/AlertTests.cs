using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Council.Model;
using Rathaus.Platform.Alerts;
using Rathaus.Platform.Scheduling;
using Rathaus.Tests.Infrastructure;
using Rathaus.Tests.Mail;
using static Rathaus.Tests.Platform.Alerts.AlertTestKit;

namespace Rathaus.Tests.Platform.Alerts;

/// <summary>
/// Email alerts end to end through the real mail server: subscribe, confirm from the mail, get a digest of what is new,
/// end it with one click.
/// </summary>
public abstract class AlertTests(MailApp app)
{
    // Points in the demo city's districts (Concerns/Places/lueneburg.geojson).
    private const double AltstadtLat = 53.250, AltstadtLon = 10.407;
    private const double KaltenmoorLat = 53.237, KaltenmoorLon = 10.430;

    [Fact]
    public async Task A_map_alert_for_a_district_reports_new_reports_there_once_and_one_click_ends_it()
    {
        MailServer.SkipUnlessAvailable();
        var address = MailServer.NewAddress();
        using var citizen = app.Client();
        var requested = await citizen.SubmitAsync("/karte/benachrichtigungen", new()
        {
            ["Input.Email"] = address.ToUpperInvariant(),
            ["Input.Area"] = "District",
            ["Input.District"] = "Altstadt",
        });
        var page = await citizen.FollowAsync(requested);
        Assert.Equal("Bitte bestätigen Sie Ihre Benachrichtigung", page.QuerySelector("h1")!.TextContent.Trim());

        var confirmation = Assert.Single(await MailServer.WaitForMailAsync(address));
        Assert.Equal("Bitte bestätigen Sie Ihre Benachrichtigung", confirmation.Subject);
        Assert.Contains("Neue Mängelmeldungen im Stadtteil Altstadt", confirmation.TextBody, StringComparison.Ordinal);
        Assert.Null(confirmation.Headers["List-Unsubscribe"]); // nothing to unsubscribe from yet

        // Opening the link (as a mail scanner would) confirms nothing; the button does.
        var confirmPath = LinkIn(confirmation, "bestaetigen");
        var confirmPage = await citizen.GetPageAsync(confirmPath);
        Assert.Contains("Neue Mängelmeldungen im Stadtteil Altstadt", confirmPage.QuerySelector("#beschreibung")!.TextContent, StringComparison.Ordinal);
        await using (var db = app.Db())
        {
            Assert.Null((await db.AlertSubscriptions.SingleAsync(s => s.Email == address)).ConfirmedAt);
        }

        var confirmed = await citizen.SubmitAsync(confirmPage, confirmPath, [], button: "Benachrichtigung bestätigen");
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("Vielen Dank, Ihre Benachrichtigung ist bestätigt.", (await PageClient.PageOf(confirmed)).QuerySelector(".kern-alert .kern-title")!.TextContent.Trim());

        var inAltstadt = await ReportAsync(app, AltstadtLat, AltstadtLon, "Tiefes Loch vor der Bäckerei, geheim " + Guid.NewGuid());
        var inKaltenmoor = await ReportAsync(app, KaltenmoorLat, KaltenmoorLon, "Loch in Kaltenmoor");
        Assert.True(await RunDigestAsync(app) >= 1);

        var mails = await MailServer.WaitForMailAsync(address, count: 2);
        Assert.Equal(2, mails.Count);
        var digest = mails[1];
        Assert.Equal("Neue Mängelmeldungen im Stadtteil Altstadt: 1 neu", digest.Subject);
        Assert.Contains($"Meldung {inAltstadt.Reference}", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("Schlagloch oder Straßenschaden · Altstadt · eingegangen am", digest.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(inKaltenmoor.Reference, digest.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Bäckerei", digest.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Mustermann", digest.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Am Sande", digest.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/anliegen/", digest.TextBody, StringComparison.Ordinal); // the reporter's secret link
        Assert.Contains("http://localhost/karte", digest.TextBody, StringComparison.Ordinal);
        var unsubscribePath = LinkIn(digest, "abmelden");
        Assert.Equal($"<http://localhost{unsubscribePath}>", digest.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", digest.Headers["List-Unsubscribe-Post"]);

        // A second run finds nothing new for this address: nothing is sent twice.
        await RunDigestAsync(app);
        Assert.Equal(2, await OutboxCountAsync(app, address));

        // RFC 8058: the mail program posts once, without cookie or antiforgery token.
        using var mailProgram = app.Client();
        var oneClick = await mailProgram.Http.PostAsync(unsubscribePath, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Equal("Sie haben die Benachrichtigung abbestellt.", (await PageClient.PageOf(oneClick)).QuerySelector(".kern-alert .kern-title")!.TextContent.Trim());
        await using (var db = app.Db())
        {
            Assert.False(await db.AlertSubscriptions.AnyAsync(s => s.Email == address)); // the address is gone
        }

        await ReportAsync(app, AltstadtLat, AltstadtLon, "Noch ein Loch in der Altstadt");
        await RunDigestAsync(app);
        Assert.Equal(2, await OutboxCountAsync(app, address));
        Assert.Equal(HttpStatusCode.NotFound, (await mailProgram.Http.GetAsync(unsubscribePath)).StatusCode);
    }

    [Fact]
    public async Task A_map_alert_around_a_point_for_one_category_reports_only_reports_within_the_radius_in_that_category()
    {
        MailServer.SkipUnlessAvailable();
        var address = MailServer.NewAddress();
        await using (var db = app.Db())
        {
            var categoryId = await db.Categories.Where(c => c.Code == "schlagloch").Select(c => c.Id).SingleAsync();
            using var citizen = app.Client();
            await citizen.SubmitAsync("/karte/benachrichtigungen", new()
            {
                ["Input.Email"] = address,
                ["Input.Area"] = "Circle",
                ["Input.Latitude"] = "53,25",
                ["Input.Longitude"] = "10.407",
                ["Input.RadiusMeters"] = "250",
                ["Input.CategoryId"] = categoryId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            var confirmation = Assert.Single(await MailServer.WaitForMailAsync(address));
            var path = LinkIn(confirmation, "bestaetigen");
            await citizen.SubmitAsync(path, [], button: "Benachrichtigung bestätigen");
        }

        var near = await ReportAsync(app, 53.2510, 10.4075, "Nah dran"); // about 110 m away
        var far = await ReportAsync(app, 53.2550, 10.4070, "Zu weit"); // about 560 m away
        var otherCategory = await ReportAsync(app, 53.2501, 10.4071, "Andere Kategorie", categoryCode: await OtherCategoryCodeAsync());
        await RunDigestAsync(app);

        var digest = (await MailServer.WaitForMailAsync(address, count: 2))[^1];
        Assert.Contains("Umkreis von 250 m um 53.25, 10.407", digest.Subject, StringComparison.Ordinal);
        Assert.Contains("Thema: Schlagloch oder Straßenschaden", digest.Subject, StringComparison.Ordinal);
        Assert.Contains(near.Reference, digest.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(far.Reference, digest.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(otherCategory.Reference, digest.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_council_alert_for_a_committee_reports_its_new_public_papers_and_the_unsubscribe_page_ends_it()
    {
        MailServer.SkipUnlessAvailable();
        var address = MailServer.NewAddress();
        int committeeId, otherId;
        await using (var db = app.Db())
        {
            var committees = await db.CouncilOrganizations.Where(o => !o.Deleted && o.Kind == OrganizationKind.Committee && o.Meetings.Any()).OrderBy(o => o.Id).Take(2).ToListAsync();
            (committeeId, otherId) = (committees[0].Id, committees[1].Id);
        }

        // The committee page links to the form with the committee chosen.
        using var citizen = app.Client();
        var committeePage = await citizen.GetPageAsync($"/rat/gremien/{committeeId}");
        var link = committeePage.QuerySelector("#vorlagen-benachrichtigung")!.GetAttribute("href")!;
        Assert.Equal($"/rat/benachrichtigungen?gremium={committeeId}", link);
        Assert.NotNull((await citizen.GetPageAsync("/rat")).QuerySelector("a[href='/rat/benachrichtigungen']"));

        var requested = await citizen.SubmitAsync(link, new() { ["Input.Email"] = address });
        Assert.Equal(HttpStatusCode.Redirect, requested.StatusCode);
        var confirmation = Assert.Single(await MailServer.WaitForMailAsync(address));
        await citizen.SubmitAsync(LinkIn(confirmation, "bestaetigen"), [], button: "Benachrichtigung bestätigen");

        var tag = Guid.NewGuid().ToString("N")[..8];
        var publicPaper = await PaperAsync($"Radweg am Bahnhof {tag}", committeeId, agendaItemPublic: null);
        var secretPaper = await PaperAsync($"Grundstücksgeschäft {tag}", committeeId, agendaItemPublic: false);
        var otherPaper = await PaperAsync($"Anderer Ausschuss {tag}", otherId, agendaItemPublic: null);
        await RunDigestAsync(app);

        var digest = (await MailServer.WaitForMailAsync(address, count: 2))[^1];
        Assert.StartsWith("Neue Vorlagen für ", digest.Subject, StringComparison.Ordinal);
        Assert.EndsWith(": 1 neu", digest.Subject, StringComparison.Ordinal);
        Assert.Contains($"{publicPaper.Reference}: Radweg am Bahnhof {tag}", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/rat/vorlagen/{publicPaper.Id}", digest.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(secretPaper.Reference, digest.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Grundstücksgeschäft", digest.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(otherPaper.Reference, digest.TextBody, StringComparison.Ordinal);
        Assert.NotNull(digest.Headers["List-Unsubscribe"]);

        // The link in the mail: GET shows what it is about and a button; only the button unsubscribes.
        var unsubscribePath = LinkIn(digest, "abmelden");
        using var reader = app.Client();
        var unsubscribePage = await reader.GetPageAsync(unsubscribePath);
        await using (var db = app.Db())
        {
            Assert.True(await db.AlertSubscriptions.AnyAsync(s => s.Email == address));
        }

        var done = await reader.SubmitAsync(unsubscribePage, unsubscribePath, [], button: "Abbestellen");
        Assert.Equal("Sie haben die Benachrichtigung abbestellt.", (await PageClient.PageOf(done)).QuerySelector(".kern-alert .kern-title")!.TextContent.Trim());
        await PaperAsync($"Radweg am Bahnhof, zweiter Teil {tag}", committeeId, agendaItemPublic: true);
        await RunDigestAsync(app);
        Assert.Equal(2, await OutboxCountAsync(app, address));
    }

    [Fact]
    public async Task A_council_alert_for_search_words_matches_title_or_reference_ignoring_case()
    {
        MailServer.SkipUnlessAvailable();
        var address = MailServer.NewAddress();
        var tag = Guid.NewGuid().ToString("N")[..8];
        using var citizen = app.Client();
        await citizen.SubmitAsync("/rat/benachrichtigungen", new() { ["Input.Email"] = address, ["Input.Words"] = $"  SPIELPLATZ   {tag} " });
        var confirmation = Assert.Single(await MailServer.WaitForMailAsync(address));
        Assert.Contains($"Neue Vorlagen mit „spielplatz {tag}“", confirmation.TextBody, StringComparison.Ordinal);
        await citizen.SubmitAsync(LinkIn(confirmation, "bestaetigen"), [], button: "Benachrichtigung bestätigen");

        var committeeId = await FirstCommitteeAsync();
        var match = await PaperAsync($"Neuer Spielplatz im Kurpark {tag}", committeeId, agendaItemPublic: null);
        var onlyOneWord = await PaperAsync("Spielplatz Wilschenbruch", committeeId, agendaItemPublic: null);
        await RunDigestAsync(app);

        var digest = (await MailServer.WaitForMailAsync(address, count: 2))[^1];
        Assert.Contains(match.Reference, digest.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(onlyOneWord.Reference, digest.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unconfirmed_alert_gets_nothing_and_is_deleted_after_a_week()
    {
        MailServer.SkipUnlessAvailable();
        var address = MailServer.NewAddress();
        using var citizen = app.Client();
        await citizen.SubmitAsync("/karte/benachrichtigungen", new() { ["Input.Email"] = address, ["Input.Area"] = "District", ["Input.District"] = "Altstadt" });
        var confirmation = Assert.Single(await MailServer.WaitForMailAsync(address));

        await ReportAsync(app, AltstadtLat, AltstadtLon, "Niemand bestätigt");
        await RunDigestAsync(app);
        Assert.Equal(1, await OutboxCountAsync(app, address));

        await RunCleanupAsync(app);
        await using (var db = app.Db())
        {
            Assert.True(await db.AlertSubscriptions.AnyAsync(s => s.Email == address)); // still within its week
            await db.AlertSubscriptions.Where(s => s.Email == address)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.ConfirmationSentAt, a => a.ConfirmationSentAt.AddDays(-8)));
        }

        // Past its week the link is void even before the cleanup ran …
        var expired = await citizen.Http.GetAsync(LinkIn(confirmation, "bestaetigen"));
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Equal("Dieser Link ist ungültig oder abgelaufen.", (await PageClient.PageOf(expired)).QuerySelector(".kern-alert .kern-title")!.TextContent.Trim());

        // … and the cleanup deletes the address.
        Assert.True(await RunCleanupAsync(app) >= 1);
        await using (var db = app.Db())
        {
            Assert.False(await db.AlertSubscriptions.AnyAsync(s => s.Email == address));
        }
    }

    [Fact]
    public async Task Subscribing_to_the_same_thing_twice_keeps_one_subscription_and_only_the_newest_link_confirms()
    {
        MailServer.SkipUnlessAvailable();
        var address = MailServer.NewAddress();
        using var citizen = app.Client();
        var fields = new Dictionary<string, string?> { ["Input.Email"] = address, ["Input.Area"] = "District", ["Input.District"] = "Oedeme" };
        await citizen.SubmitAsync("/karte/benachrichtigungen", fields);
        await citizen.SubmitAsync("/karte/benachrichtigungen", new(fields) { ["Input.Email"] = " " + address.ToUpperInvariant() + " " });
        var mails = await MailServer.WaitForMailAsync(address, count: 2);
        Assert.Equal(2, mails.Count);
        await using (var db = app.Db())
        {
            Assert.Equal(1, await db.AlertSubscriptions.CountAsync(s => s.Email == address));
        }

        var older = LinkIn(mails[0], "bestaetigen");
        var newer = LinkIn(mails[1], "bestaetigen");
        Assert.NotEqual(older, newer);
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.Http.GetAsync(older)).StatusCode);
        await citizen.SubmitAsync(newer, [], button: "Benachrichtigung bestätigen");

        // Once confirmed, asking again sends nothing and changes nothing.
        var again = await citizen.SubmitAsync("/karte/benachrichtigungen", fields);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(2, await OutboxCountAsync(app, address));
        await using (var db = app.Db())
        {
            Assert.NotNull((await db.AlertSubscriptions.SingleAsync(s => s.Email == address)).ConfirmedAt);
        }
    }

    [Fact]
    public async Task Two_nodes_racing_for_the_digest_send_it_once_and_a_run_that_crashed_before_its_commit_is_made_up_for()
    {
        MailServer.SkipUnlessAvailable();
        var address = MailServer.NewAddress();
        using var citizen = app.Client();
        await citizen.SubmitAsync("/karte/benachrichtigungen", new() { ["Input.Email"] = address, ["Input.Area"] = "District", ["Input.District"] = "Weststadt" });
        await citizen.SubmitAsync(LinkIn(Assert.Single(await MailServer.WaitForMailAsync(address)), "bestaetigen"), [], button: "Benachrichtigung bestätigen");
        var first = await ReportAsync(app, 53.255, 10.380, "Weststadt eins");

        // A node dies after writing the digest but before its commit: nothing of it stays.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Rathaus.Data.RathausDb>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.True(await scope.ServiceProvider.GetRequiredService<AlertDigest>().RunAsync() >= 1);
        }

        Assert.Equal(1, await OutboxCountAsync(app, address));

        // The scheduler's due time has come; two nodes (three rounds) race for it.
        var scheduler = app.Services.GetRequiredService<JobScheduler>();
        await scheduler.RunDueAsync(); // registers the job if this database has not seen it yet
        var due = new DateTime(DateTime.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc).AddMinutes(-1);
        await using (var db = app.Db())
        {
            await db.ScheduledJobs.Where(j => j.Name == AlertsModule.DigestJob)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.NextRunAt, due).SetProperty(j => j.LeaseUntil, (DateTime?)null));
        }

        await using var second = app.SecondNode();
        var rounds = await Task.WhenAll(scheduler.RunDueAsync(), second.Services.GetRequiredService<JobScheduler>().RunDueAsync(), scheduler.RunDueAsync());
        Assert.True(rounds.SelectMany(r => r).Count(name => name == AlertsModule.DigestJob) <= 1); // the app's own poll may have been quicker
        await using (var db = app.Db())
        {
            Assert.Equal(1, await db.ScheduledJobRuns.CountAsync(r => r.JobName == AlertsModule.DigestJob && r.DueAt == due));
        }

        var mails = await MailServer.WaitForMailAsync(address, count: 2);
        Assert.Contains(first.Reference, mails[^1].TextBody, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(2)); // a second digest, if there were one, would have arrived by now
        Assert.Equal(2, (await MailServer.ReadMailboxAsync(address)).Count);
        Assert.Equal(2, await OutboxCountAsync(app, address));
    }

    [Fact]
    public async Task Who_subscribed_on_the_english_page_gets_english_mails()
    {
        MailServer.SkipUnlessAvailable();
        var address = MailServer.NewAddress();
        using var citizen = app.Client();
        await citizen.SubmitAsync("/karte/benachrichtigungen?ui-culture=en", new() { ["Input.Email"] = address, ["Input.Area"] = "District", ["Input.District"] = "Bockelsberg" });
        var confirmation = Assert.Single(await MailServer.WaitForMailAsync(address));
        Assert.Equal("Please confirm your email alert", confirmation.Subject);
        Assert.Contains("New defect reports in the district Bockelsberg", confirmation.TextBody, StringComparison.Ordinal);
        await citizen.SubmitAsync(LinkIn(confirmation, "bestaetigen"), [], button: "Benachrichtigung bestätigen");

        var report = await ReportAsync(app, 53.225, 10.410, "Bockelsberg");
        await RunDigestAsync(app);
        var digest = (await MailServer.WaitForMailAsync(address, count: 2))[^1];
        Assert.Equal("New defect reports in the district Bockelsberg: 1 new", digest.Subject);
        Assert.Contains($"Report {report.Reference}", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("Bockelsberg · received on ", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("Unsubscribe from this alert", digest.HtmlBody, StringComparison.Ordinal);
    }

    private async Task<int> FirstCommitteeAsync()
    {
        await using var db = app.Db();
        return await db.CouncilOrganizations.Where(o => !o.Deleted && o.Kind == OrganizationKind.Committee && o.Meetings.Any()).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
    }

    private async Task<string> OtherCategoryCodeAsync()
    {
        await using var db = app.Db();
        return await db.Categories.Where(c => c.IsActive && c.Code != "schlagloch").OrderBy(c => c.Id).Select(c => c.Code).FirstAsync();
    }

    /// <summary>A new paper consulted by <paramref name="organizationId"/>; with an agenda item of the given publicity, or none.</summary>
    private async Task<(int Id, string Reference)> PaperAsync(string name, int organizationId, bool? agendaItemPublic)
    {
        await using var db = app.Db();
        var now = DateTime.UtcNow;
        var body = await db.CouncilBodies.OrderBy(b => b.Id).FirstAsync();
        var paper = new Paper { BodyId = body.Id, Reference = $"2099/{Random.Shared.Next(100000):D5}", Name = name, Date = new DateOnly(2026, 11, 25) };
        paper.Stamp(now);
        var consultation = new Consultation { Paper = paper, OrganizationId = organizationId, Role = "Entscheidung" };
        consultation.Stamp(now);
        if (agendaItemPublic is bool isPublic)
        {
            var meetingId = await db.CouncilMeetings.Where(m => m.Organizations.Any(o => o.Id == organizationId)).Select(m => m.Id).FirstAsync();
            var item = new AgendaItem { MeetingId = meetingId, Number = isPublic ? "Ö 99" : "N 99", Name = name, Public = isPublic };
            item.Stamp(now);
            consultation.AgendaItem = item;
        }

        db.Consultations.Add(consultation);
        await db.SaveChangesAsync();
        return (paper.Id, paper.Reference);
    }
}

[Collection(nameof(MailServerCollection))]
public sealed class AlertTests_Sqlite(SqliteMailApp app) : AlertTests(app);

[Collection(nameof(MailServerCollection))]
public sealed class AlertTests_Postgres(PostgresMailApp app) : AlertTests(app);
