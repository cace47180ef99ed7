using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Model;
using Rathaus.Data;
using Rathaus.Mail.Inbound;
using Rathaus.Tests.Concerns.Uploads;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Mail.Inbound;

/// <summary>
/// The email channel against the real mail server: mails sent by SMTP (or put into the mailbox) become concerns or
/// messages on concerns, answers are threaded, automatic mails get no answer, and every mail ends up in exactly one of
/// the folders "Verarbeitet" or "Fehler", exactly once.
/// </summary>
public abstract class MailIntakeTests(MailApp app)
{
    [Fact]
    public async Task A_mail_to_the_city_becomes_a_concern_in_triage_and_the_citizen_gets_an_acknowledgement()
    {
        await ReadyAsync();
        var city = MailServer.NewCityAddress();
        var citizen = MailServer.NewAddress();
        var mail = Mail(citizen, city, "Laterne defekt Am Sande", "Guten Tag,\n\ndie Laterne vor Haus 5 ist seit Tagen aus.\n\nGrüße\nErika Muster");
        mail.Body = new Multipart("mixed")
        {
            mail.Body!,
            Attachment("foto.jpg", "image/jpeg", SampleFiles.Jpeg(SampleFiles.Metadata)),
            Attachment("rechnung.exe", "application/octet-stream", [0x4D, 0x5A, 0x90, 0x00]),
        };
        await MailServer.SendAsync(mail);

        await using (RunningReader.Start(app.Services, MailServer.Inbox(city)))
        {
            Assert.True(await Eventually.TrueAsync(async () => await MailServer.CountAsync(city, "Verarbeitet") == 1), "the mail was not moved to Verarbeitet");
        }

        Assert.Equal(0, await MailServer.CountAsync(city));
        await using var db = app.Db();
        var concern = await db.Concerns.Include(c => c.OrgUnit).Include(c => c.Entries).Include(c => c.Attachments).SingleAsync(c => c.ContactEmail == citizen);
        Assert.Equal(Channel.Email, concern.Channel);
        Assert.Equal("Erika Muster", concern.ContactName);
        Assert.Equal("33.1", concern.OrgUnit!.Code); // the Bürgerbüro's central triage
        Assert.StartsWith("Laterne defekt Am Sande\n\nGuten Tag,", concern.Description);
        Assert.Contains("die Laterne vor Haus 5 ist seit Tagen aus.", concern.Description);
        var photo = Assert.Single(concern.Attachments);
        Assert.Equal("foto.jpg", photo.FileName);
        Assert.DoesNotContain(SampleFiles.Location, System.Text.Encoding.ASCII.GetString(photo.Content)); // metadata stripped as on the web
        var entry = Assert.Single(concern.Entries);
        Assert.Contains("Nicht übernommene Anhänge:", entry.Text);
        Assert.Contains("„rechnung.exe“", entry.Text);

        var acknowledgement = Assert.Single(await MailServer.WaitForMailAsync(citizen));
        Assert.Equal($"Ihr Anliegen ist eingegangen [Vorgang {concern.ReferenceNumber}]", acknowledgement.Subject);
        Assert.Equal("auto-replied", acknowledgement.Headers["Auto-Submitted"]);
    }

    [Fact]
    public async Task An_answer_to_our_mail_is_added_to_its_concern_and_the_responsible_unit_is_told()
    {
        await ReadyAsync();
        var city = MailServer.NewCityAddress();
        var citizen = MailServer.NewAddress();
        var submitted = await SubmitOnTheWebAsync(citizen);
        var ours = Assert.Single(await MailServer.WaitForMailAsync(citizen));

        // The citizen answers from their mail program: In-Reply-To names our mail, the subject keeps the reference.
        var answer = Mail(citizen, city, "AW: " + ours.Subject, "Das Loch ist etwa 30 cm tief.\n\n> Ihre Vorgangsnummer ist: " + submitted.ReferenceNumber);
        answer.InReplyTo = ours.MessageId;
        answer.References.Add(ours.MessageId!);
        answer.Body = new Multipart("mixed") { answer.Body!, Attachment("loch.jpg", "image/jpeg", SampleFiles.Jpeg([])) };
        await MailServer.SendAsync(answer);

        await using (RunningReader.Start(app.Services, MailServer.Inbox(city)))
        {
            Assert.True(await Eventually.TrueAsync(async () => await MailServer.CountAsync(city, "Verarbeitet") == 1));
        }

        await using var db = app.Db();
        Assert.Equal(1, await db.Concerns.CountAsync(c => c.ContactEmail == citizen)); // no second concern
        var message = await db.ConcernEntries.SingleAsync(e => e.ConcernId == submitted.Id && e.Kind == EntryKind.CitizenMessage);
        Assert.True(message.IsPublic);
        Assert.Contains("Das Loch ist etwa 30 cm tief.", message.Text);
        Assert.Equal("loch.jpg", (await db.ConcernAttachments.SingleAsync(a => a.EntryId == message.Id)).FileName);
        var concern = await db.Concerns.SingleAsync(c => c.Id == submitted.Id);
        var unitMailboxes = await db.Positions.Where(p => p.OrgUnitId == concern.OrgUnitId).Select(p => p.Mailbox).ToListAsync();
        var notice = await db.OutboxMessages.SingleAsync(m => m.ConcernId == submitted.Id && m.Kind == "Concern.CitizenMessageNotice");
        Assert.Contains(notice.To, unitMailboxes);
        Assert.Contains($"/intern/anliegen/{submitted.ReferenceNumber}", notice.TextBody);
        Assert.Equal(InboundOutcome.CitizenMessage, (await db.InboundMessages.SingleAsync(m => m.MessageId == answer.MessageId)).Outcome);

        // Staff read the answer with the quoted earlier mail folded away.
        using var staff = await app.LoggedInAsync(DemoAccounts.CaseWorker);
        var page = await staff.GetPageAsync($"/intern/anliegen/{submitted.ReferenceNumber}");
        var folded = Assert.Single(page.QuerySelectorAll("details.kern-accordion"));
        Assert.Contains("Ihre Vorgangsnummer ist", folded.TextContent);
        var said = Assert.Single(page.QuerySelectorAll("p.preserve-lines"), p => p.TextContent.Contains("Das Loch ist etwa 30 cm tief.", StringComparison.Ordinal));
        Assert.DoesNotContain("Ihre Vorgangsnummer ist", said.TextContent);
    }

    [Fact]
    public async Task An_answer_about_a_concern_merged_into_another_lands_on_the_one_it_was_merged_into()
    {
        await ReadyAsync();
        var city = MailServer.NewCityAddress();
        var citizen = MailServer.NewAddress();
        var duplicate = await SubmitOnTheWebAsync(citizen);
        var kept = await SubmitOnTheWebAsync(MailServer.NewAddress());
        await using (var db = app.Db())
        {
            await db.Concerns.Where(c => c.Id == duplicate.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.MergedIntoId, kept.Id));
        }

        var ours = Assert.Single(await MailServer.WaitForMailAsync(citizen));
        var answer = Mail(citizen, city, "Re: " + ours.Subject, "Noch ein Hinweis zum Loch.");
        answer.InReplyTo = ours.MessageId;
        await MailServer.SendAsync(answer);
        await using (RunningReader.Start(app.Services, MailServer.Inbox(city)))
        {
            Assert.True(await Eventually.TrueAsync(async () => await MailServer.CountAsync(city, "Verarbeitet") == 1));
        }

        await using var check = app.Db();
        Assert.True(await check.ConcernEntries.AnyAsync(e => e.ConcernId == kept.Id && e.Kind == EntryKind.CitizenMessage && e.Text!.Contains("Noch ein Hinweis")));
        Assert.False(await check.ConcernEntries.AnyAsync(e => e.ConcernId == duplicate.Id && e.Kind == EntryKind.CitizenMessage));
    }

    [Fact]
    public async Task A_unit_mailbox_routes_to_its_unit_and_the_reference_in_the_subject_threads_only_mails_from_the_contact()
    {
        await ReadyAsync();
        var unitMailbox = MailServer.NewCityAddress();
        var citizen = MailServer.NewAddress();
        var stranger = MailServer.NewAddress();
        await MailServer.SendAsync(Mail(citizen, unitMailbox, "Schlagloch Bardowicker Straße", "Vor Nummer 12 ist ein tiefes Loch."));
        await using (RunningReader.Start(app.Services, MailServer.Inbox(unitMailbox, unitCode: "7.1")))
        {
            Assert.True(await Eventually.TrueAsync(async () => await MailServer.CountAsync(unitMailbox, "Verarbeitet") == 1));
            string reference;
            await using (var db = app.Db())
            {
                var concern = await db.Concerns.Include(c => c.OrgUnit).SingleAsync(c => c.ContactEmail == citizen);
                Assert.Equal("7.1", concern.OrgUnit!.Code);
                reference = concern.ReferenceNumber;
            }

            await MailServer.SendAsync(Mail(citizen, unitMailbox, $"Nachtrag [Vorgang {reference}]", "Es sind inzwischen zwei Löcher."));
            await MailServer.SendAsync(Mail(stranger, unitMailbox, $"Auch bei mir [Vorgang {reference}]", "Fremder Text."));
            Assert.True(await Eventually.TrueAsync(async () => await MailServer.CountAsync(unitMailbox, "Verarbeitet") == 3));

            await using var check = app.Db();
            var own = await check.Concerns.SingleAsync(c => c.ReferenceNumber == reference);
            Assert.Contains(await check.ConcernEntries.Where(e => e.ConcernId == own.Id).Select(e => e.Text).ToListAsync(), t => t != null && t.Contains("zwei Löcher"));
            Assert.DoesNotContain(await check.ConcernEntries.Where(e => e.ConcernId == own.Id).Select(e => e.Text).ToListAsync(), t => t != null && t.Contains("Fremder Text"));
            Assert.Equal(1, await check.Concerns.CountAsync(c => c.ContactEmail == stranger)); // a concern of its own
        }
    }

    [Fact]
    public async Task Auto_replies_lists_and_our_own_mails_get_no_acknowledgement_and_a_bounce_marks_the_address_as_failing()
    {
        await ReadyAsync();
        var city = MailServer.NewCityAddress();
        var away = MailServer.NewAddress();
        var list = MailServer.NewAddress();
        var bounced = MailServer.NewAddress();
        var submitted = await SubmitOnTheWebAsync(bounced);
        string acknowledgementId;
        await using (var db = app.Db())
        {
            acknowledgementId = (await db.OutboxMessages.SingleAsync(m => m.ConcernId == submitted.Id)).MessageId;
        }

        var outOfOffice = Mail(away, city, "Abwesenheitsnotiz: Ihr Schreiben", "Ich bin bis zum 3. Dezember nicht im Büro.");
        outOfOffice.Headers.Add("Auto-Submitted", "auto-replied");
        var newsletter = Mail(list, city, "Newsletter November", "Neues aus dem Verein.");
        newsletter.Headers.Add(HeaderId.ListId, "<verein.lists.example>");
        var ownLoop = Mail("rathaus@rathaus-lueneburg.example", city, "Ihr Anliegen ist eingegangen", "Schleife");
        ownLoop.Headers.Add("X-Loop", "rathaus@rathaus-lueneburg.example");
        await MailServer.AppendAsync(city, [outOfOffice, newsletter, ownLoop, DeliveryStatusNotification(bounced, acknowledgementId)]);

        await using (RunningReader.Start(app.Services, MailServer.Inbox(city)))
        {
            Assert.True(await Eventually.TrueAsync(async () => await MailServer.CountAsync(city, "Verarbeitet") == 4));
        }

        await using var check = app.Db();
        Assert.Equal(1, await check.Concerns.CountAsync(c => c.ContactEmail == away)); // kept as a concern, only not answered
        Assert.Equal(1, await check.Concerns.CountAsync(c => c.ContactEmail == list));
        Assert.False(await check.OutboxMessages.AnyAsync(m => m.To == away || m.To == list || m.To == "rathaus@rathaus-lueneburg.example"));
        Assert.Equal(InboundOutcome.Ignored, (await check.InboundMessages.SingleAsync(m => m.MessageId == ownLoop.MessageId)).Outcome);

        var failing = await check.Concerns.SingleAsync(c => c.Id == submitted.Id);
        Assert.NotNull(failing.ContactEmailFailedAt);
        Assert.Contains("5.1.1", failing.ContactEmailFailure);
        var entry = await check.ConcernEntries.SingleAsync(e => e.ConcernId == submitted.Id && e.Kind == EntryKind.DeliveryFailure);
        Assert.False(entry.IsPublic);
        Assert.Equal("Unzustellbarkeitsbericht.eml", (await check.ConcernAttachments.SingleAsync(a => a.EntryId == entry.Id)).FileName);
        Assert.Equal(1, await check.OutboxMessages.CountAsync(m => m.To == bounced)); // the bounce got no answer

        // Staff see it on the concern.
        using var staff = await app.LoggedInAsync(DemoAccounts.CaseWorker);
        var page = await staff.GetPageAsync($"/intern/anliegen/{submitted.ReferenceNumber}");
        Assert.Contains("E-Mail nicht zustellbar", page.Body!.TextContent);
        Assert.Contains("Unzustellbarkeitsbericht.eml", page.Body.TextContent);
        Assert.Contains("550 5.1.1", page.QuerySelector("[data-contact-failure]")?.TextContent ?? "");
    }

    [Fact]
    public async Task Bad_mails_each_become_a_concern_and_none_blocks_the_mailbox()
    {
        await ReadyAsync();
        var city = MailServer.NewCityAddress();
        var tag = Guid.NewGuid().ToString("N")[..12];
        var nested = new System.Text.StringBuilder($"From: tief@buerger.example\r\nSubject: {tag} tief\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n--b0\r\nContent-Type: text/plain\r\n\r\nOben\r\n");
        for (var i = 1; i < 300; i++)
        {
            nested.Append($"--b{i - 1}\r\nContent-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n");
        }

        string[] raws =
        [
            $"To: {city}\r\nSubject: {tag} ohne Absender\r\n\r\nWer bin ich?\r\n",
            $"From: Gr\u00fc\u00dfe <acht@buerger.example>\r\nSubject: {tag} 8-Bit \u00c4rger\r\nContent-Type: text/plain; charset=x-gibt-es-nicht\r\n\r\nUmlaute: \u00e4\u00f6\u00fc\r\n",
            $"From: leer@buerger.example\r\nSubject: {tag} leer\r\nContent-Type: text/plain\r\n\r\n",
            $"From: kaputt@buerger.example\r\nSubject: {tag} kaputt\r\nDas ist keine Kopfzeile\r\nContent-Type: multipart/mixed\r\n\r\nText ohne Grenze\0mit NUL\r\n",
            nested.ToString(),
        ];
        await MailServer.AppendAsync(city, raws.Select(r => MimeMessage.Load(new MemoryStream(System.Text.Encoding.Latin1.GetBytes(r)))));

        await using (RunningReader.Start(app.Services, MailServer.Inbox(city)))
        {
            Assert.True(await Eventually.TrueAsync(async () => await MailServer.CountAsync(city, "Verarbeitet") == raws.Length), "not every bad mail was taken in");
        }

        Assert.Equal(0, await MailServer.CountAsync(city, "Fehler"));
        await using var db = app.Db();
        var concerns = await db.Concerns.Where(c => c.Description.StartsWith(tag)).ToListAsync();
        Assert.Equal(raws.Length, concerns.Count);
        Assert.Null(concerns.Single(c => c.Description.Contains("ohne Absender")).ContactEmail);
        Assert.Contains("Umlaute:", concerns.Single(c => c.Description.Contains("8-Bit")).Description);
        Assert.Contains("Oben", concerns.Single(c => c.Description.Contains("tief")).Description);
    }

    [Fact]
    public async Task Without_IDLE_the_reader_polls_and_still_takes_in_new_mail()
    {
        await ReadyAsync();
        var city = MailServer.NewCityAddress();
        var citizen = MailServer.NewAddress();
        await using (RunningReader.Start(app.Services, MailServer.Inbox(city), o => o.UseIdle = false))
        {
            await Task.Delay(1500); // the reader is waiting on an empty mailbox now
            await MailServer.SendAsync(Mail(citizen, city, "Später gekommen", "Neue Mail"));
            Assert.True(await Eventually.TrueAsync(async () => await MailServer.CountAsync(city, "Verarbeitet") == 1));
        }

        await using var db = app.Db();
        Assert.Equal(1, await db.Concerns.CountAsync(c => c.ContactEmail == citizen));
    }

    [Fact]
    public async Task Automatic_mails_to_one_address_are_limited()
    {
        await ReadyAsync();
        var city = MailServer.NewCityAddress();
        var citizen = MailServer.NewAddress();
        await MailServer.AppendAsync(city, Enumerable.Range(1, 7).Select(i => Mail(citizen, city, $"Anliegen {i}", $"Text {i}")));

        await using (RunningReader.Start(app.Services, MailServer.Inbox(city)))
        {
            Assert.True(await Eventually.TrueAsync(async () => await MailServer.CountAsync(city, "Verarbeitet") == 7));
        }

        await using var db = app.Db();
        Assert.Equal(7, await db.Concerns.CountAsync(c => c.ContactEmail == citizen));
        Assert.Equal(5, await db.OutboxMessages.CountAsync(m => m.To == citizen)); // Mail:Intake:AutomaticMailsPerAddress
        Assert.Equal(2, await db.InboundMessages.CountAsync(m => m.From == citizen && m.Note == "Limit je Adresse erreicht"));
    }

    [Fact]
    public async Task A_mail_taken_in_before_a_crash_but_not_moved_is_recognised_and_only_moved()
    {
        await ReadyAsync();
        var city = MailServer.NewCityAddress();
        var citizen = MailServer.NewAddress();
        var mail = Mail(citizen, city, "Vor dem Absturz", "Eingegangen, aber nicht verschoben.");
        await MailServer.AppendAsync(city, [mail]);
        using (var scope = app.Services.CreateScope())
        {
            // What a node did before it died: committed, but the mail is still in the inbox.
            await scope.ServiceProvider.GetRequiredService<MailIntake>().TakeAsync(city, null, mail, null, null, CancellationToken.None);
        }

        await using (RunningReader.Start(app.Services, MailServer.Inbox(city)))
        {
            Assert.True(await Eventually.TrueAsync(async () => await MailServer.CountAsync(city, "Verarbeitet") == 1));
        }

        await using var db = app.Db();
        Assert.Equal(1, await db.Concerns.CountAsync(c => c.ContactEmail == citizen));
        Assert.Equal(0, await MailServer.CountAsync(city));
    }

    [Fact]
    public async Task A_mail_that_keeps_failing_goes_to_the_error_folder_after_its_attempts_and_the_rest_keeps_flowing()
    {
        await ReadyAsync();
        var city = MailServer.NewCityAddress();
        var citizen = MailServer.NewAddress();
        var poison = $"GIFT-{Guid.NewGuid():N}";
        await using (var db = app.Db())
        {
            await PoisonAsync(db);
        }

        await MailServer.AppendAsync(city, [Mail(citizen, city, "Erstes", "eins"), Mail(citizen, city, poison, "kann nicht gespeichert werden"), Mail(citizen, city, "Drittes", "drei")]);
        await using (RunningReader.Start(app.Services, MailServer.Inbox(city)))
        {
            Assert.True(await Eventually.TrueAsync(async () => await MailServer.CountAsync(city, "Fehler") == 1 && await MailServer.CountAsync(city, "Verarbeitet") == 2));
        }

        Assert.Equal(0, await MailServer.CountAsync(city));
        await using var check = app.Db();
        Assert.Equal(2, await check.Concerns.CountAsync(c => c.ContactEmail == citizen));
        var failure = await check.InboundFailures.SingleAsync(f => f.Subject == poison);
        Assert.True(failure.GaveUp);
        Assert.Equal(3, failure.Attempts);
        Assert.Contains("poison", failure.LastError, StringComparison.OrdinalIgnoreCase);

        using var admin = await app.LoggedInAsync(DemoAccounts.Admin);
        var page = await admin.GetPageAsync("/intern/e-mail-eingang");
        Assert.Contains(poison, page.Body!.TextContent);
        using var caseWorker = await app.LoggedInAsync(DemoAccounts.CaseWorker);
        await caseWorker.AssertAccessDeniedAsync("/intern/e-mail-eingang");
    }

    [Fact]
    public async Task A_mail_over_the_size_limit_goes_to_the_error_folder_and_the_sender_is_told()
    {
        await ReadyAsync();
        var city = MailServer.NewCityAddress();
        var citizen = MailServer.NewAddress();
        var big = Mail(citizen, city, "Sehr große Fotos", "Anbei die Fotos.");
        big.Body = new Multipart("mixed") { big.Body!, Attachment("gross.jpg", "image/jpeg", new byte[200_000]) };
        await MailServer.AppendAsync(city, [big, Mail(citizen, city, "Klein", "Passt.")]);

        await using (RunningReader.Start(app.Services, MailServer.Inbox(city), o => o.MaxMessageBytes = 100_000))
        {
            Assert.True(await Eventually.TrueAsync(async () => await MailServer.CountAsync(city, "Fehler") == 1 && await MailServer.CountAsync(city, "Verarbeitet") == 1));
        }

        await using var db = app.Db();
        Assert.Equal(InboundOutcome.TooLarge, (await db.InboundMessages.SingleAsync(m => m.MessageId == big.MessageId)).Outcome);
        Assert.Equal(1, await db.Concerns.CountAsync(c => c.ContactEmail == citizen)); // the small one
        var told = Assert.Single(await MailServer.WaitForMailAsync(citizen, count: 2), m => m.Subject?.StartsWith("Ihre E-Mail war zu groß", StringComparison.Ordinal) == true);
        Assert.Contains("Sie liegt bei uns", told.TextBody ?? "");
    }

    [Fact]
    public async Task Two_nodes_reading_one_mailbox_take_every_mail_in_exactly_once()
    {
        await ReadyAsync();
        var city = MailServer.NewCityAddress();
        var citizen = MailServer.NewAddress();
        await MailServer.AppendAsync(city, Enumerable.Range(1, 30).Select(i => Mail(citizen, city, $"Meldung {i}", $"Text {i}")));
        await using var second = app.SecondNode();

        await using (RunningReader.Start(app.Services, MailServer.Inbox(city)))
        await using (RunningReader.Start(second.Services, MailServer.Inbox(city)))
        {
            Assert.True(await Eventually.TrueAsync(async () => await MailServer.CountAsync(city, "Verarbeitet") == 30));
        }

        await using var db = app.Db();
        Assert.Equal(30, await db.Concerns.CountAsync(c => c.ContactEmail == citizen));
        Assert.Equal(30, await db.InboundMessages.CountAsync(m => m.Mailbox == city));
        Assert.Equal(0, await MailServer.CountAsync(city));
    }

    private async Task ReadyAsync()
    {
        MailServer.SkipUnlessAvailable();
        await using var db = app.Db();
    }

    private async Task<SubmittedConcern> SubmitOnTheWebAsync(string email)
    {
        await using var db = app.Db();
        var categoryId = await db.Categories.Where(c => c.Code == "schlagloch").Select(c => c.Id).SingleAsync();
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ConcernIntake>().SubmitAsync(
            new ConcernSubmission(Guid.NewGuid(), ConcernKind.DefectReport, categoryId, "Schlagloch vor Hausnummer 5", "Am Sande 5", null,
                "Erika Muster", email, null, "de", Channel.Web, []),
            token => "https://rathaus.example/anliegen/" + token,
            CancellationToken.None);
    }

    /// <summary>Makes the database refuse to record one mail, as a poison message would make the intake fail every time.</summary>
    private async Task PoisonAsync(RathausDb db)
    {
        if (app.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TRIGGER IF NOT EXISTS poison_mail BEFORE INSERT ON "InboundMessages"
                WHEN NEW."Subject" LIKE 'GIFT-%' BEGIN SELECT RAISE(ABORT, 'poison'); END;
                """);
            return;
        }

        await db.Database.ExecuteSqlRawAsync("""
            CREATE OR REPLACE FUNCTION poison_mail() RETURNS trigger AS $$
            BEGIN IF NEW."Subject" LIKE 'GIFT-%' THEN RAISE EXCEPTION 'poison'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
            DROP TRIGGER IF EXISTS poison_mail ON "InboundMessages";
            CREATE TRIGGER poison_mail BEFORE INSERT ON "InboundMessages" FOR EACH ROW EXECUTE FUNCTION poison_mail();
            """);
    }

    internal static MimeMessage Mail(string from, string to, string subject, string text)
    {
        var message = new MimeMessage { Subject = subject, MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("buerger.example") };
        message.From.Add(new MailboxAddress(from.StartsWith("x-", StringComparison.Ordinal) ? "Erika Muster" : "", from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    internal static MimePart Attachment(string name, string type, byte[] content) => new(type)
    {
        Content = new MimeContent(new MemoryStream(content)),
        ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
        ContentTransferEncoding = ContentEncoding.Base64,
        FileName = name,
    };

    /// <summary>A delivery status notification as Postfix writes it (RFC 3464), about the mail with <paramref name="originalId"/>.</summary>
    internal static MimeMessage DeliveryStatusNotification(string recipient, string originalId)
    {
        var raw = $"""
            Return-Path: <>
            From: MAILER-DAEMON@mail.buerger.example (Mail Delivery System)
            To: rathaus@rathaus-lueneburg.example
            Subject: Undelivered Mail Returned to Sender
            Message-ID: <{Guid.NewGuid():N}@mail.buerger.example>
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

            --B1
            Content-Type: text/plain; charset=us-ascii

            This is the mail system at host mail.buerger.example.
            I'm sorry to have to inform you that your message could not be delivered.

            <{recipient}>: host mx.buerger.example said: 550 5.1.1 User unknown

            --B1
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mail.buerger.example

            Final-Recipient: rfc822; {recipient}
            Original-Recipient: rfc822;{recipient}
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 5.1.1 User unknown

            --B1
            Content-Type: text/rfc822-headers

            From: Hansestadt Lüneburg <rathaus@rathaus-lueneburg.example>
            To: {recipient}
            Subject: Ihr Anliegen ist eingegangen
            Message-ID: <{originalId}>

            --B1--
            """;
        return MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw.Replace("\n", "\r\n", StringComparison.Ordinal))));
    }
}

[Collection(nameof(MailServerCollection))]
public sealed class MailIntakeTests_Sqlite(SqliteMailApp app) : MailIntakeTests(app);

[Collection(nameof(MailServerCollection))]
public sealed class MailIntakeTests_Postgres(PostgresMailApp app) : MailIntakeTests(app)
{
    /// <summary>
    /// The database answers "deadlock detected" (a transient error) to the first ten attempts at this mail (a round
    /// tries it in its group, then alone), far more than its three attempts, while recording failures still works: as
    /// during a failover or a long lock. The mail must wait in the inbox and come in afterwards, not land in "Fehler".
    /// </summary>
    [Fact]
    public async Task A_database_that_is_away_longer_than_the_attempts_does_not_push_good_mail_into_the_error_folder()
    {
        var city = MailServer.NewCityAddress();
        var citizen = MailServer.NewAddress();
        var subject = $"BUSY-{Guid.NewGuid():N}";
        await using (var db = app.Db())
        {
            await db.Database.ExecuteSqlRawAsync("""
                DROP SEQUENCE IF EXISTS busy_mail;
                CREATE SEQUENCE busy_mail;
                CREATE OR REPLACE FUNCTION busy_mail() RETURNS trigger AS $$
                BEGIN
                  IF NEW."Subject" LIKE 'BUSY-%' AND nextval('busy_mail') <= 10 THEN
                    RAISE EXCEPTION 'database busy' USING ERRCODE = '40P01';
                  END IF;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql;
                DROP TRIGGER IF EXISTS busy_mail ON "InboundMessages";
                CREATE TRIGGER busy_mail BEFORE INSERT ON "InboundMessages" FOR EACH ROW EXECUTE FUNCTION busy_mail();
                """);
        }

        await MailServer.AppendAsync(city, [Mail(citizen, city, subject, "Bitte trotzdem annehmen.")]);
        await using (RunningReader.Start(app.Services, MailServer.Inbox(city)))
        {
            Assert.True(await Eventually.TrueAsync(async () => await MailServer.CountAsync(city, "Verarbeitet") == 1));
        }

        Assert.Equal(0, await MailServer.CountAsync(city, "Fehler"));
        await using var check = app.Db();
        Assert.Equal(1, await check.Concerns.CountAsync(c => c.ContactEmail == citizen));
        Assert.False(await check.InboundFailures.AnyAsync(f => f.Subject == subject && f.GaveUp));
        await check.Database.ExecuteSqlRawAsync("""DROP TRIGGER busy_mail ON "InboundMessages"; DROP FUNCTION busy_mail(); DROP SEQUENCE busy_mail;""");
    }
}
