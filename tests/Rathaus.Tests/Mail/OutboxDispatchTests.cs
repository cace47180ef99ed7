using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Model;
using Rathaus.Data;
using Rathaus.Mail.Outbox;

namespace Rathaus.Tests.Mail;

/// <summary>The outbox dispatcher against the real mail server: what arrives in the citizen's mailbox, and how often.</summary>
public abstract class OutboxDispatchTests(MailApp app)
{
    private const string TrackingBase = "https://rathaus.example/anliegen/";

    [Fact]
    public async Task A_citizen_who_gave_an_email_address_finds_the_acknowledgement_in_their_mailbox()
    {
        await ReadyAsync();
        var address = MailServer.NewAddress();

        var submitted = await SubmitAsync(address, "de");

        var mail = Assert.Single(await MailServer.WaitForMailAsync(address));
        await using var db = app.Db();
        var stored = await db.OutboxMessages.SingleAsync(m => m.ConcernId == submitted.Id);
        var unitId = await db.Concerns.Where(c => c.Id == submitted.Id).Select(c => c.OrgUnitId).SingleAsync();
        Assert.Equal($"Ihr Anliegen ist eingegangen [Vorgang {submitted.ReferenceNumber}]", mail.Subject);
        Assert.Equal(stored.MessageId, mail.MessageId);
        Assert.Equal("rathaus@rathaus-lueneburg.example", mail.From.Mailboxes.Single().Address);
        var replyTo = mail.ReplyTo.Mailboxes.Single().Address;
        Assert.True(await db.Positions.AnyAsync(p => p.OrgUnitId == unitId && p.Mailbox == replyTo), $"Reply-To {replyTo} is no functional mailbox of the responsible unit");
        Assert.Equal("auto-replied", mail.Headers["Auto-Submitted"]);
        Assert.Equal("rathaus@rathaus-lueneburg.example", mail.Headers["X-Loop"]);
        Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Contains($"Ihre Vorgangsnummer ist: {submitted.ReferenceNumber}", mail.TextBody);
        Assert.Contains(TrackingBase + submitted.TrackingToken, mail.TextBody);
        Assert.Contains($"<a href=\"{TrackingBase}{submitted.TrackingToken}\">Stand Ihres Anliegens ansehen</a>", mail.HtmlBody);
        Assert.Contains("<html lang=\"de\">", mail.HtmlBody);
        Assert.NotNull((await OutboxRowAsync(stored.Id, m => m.SentAt != null)).SentAt);
    }

    [Fact]
    public async Task A_citizen_who_wrote_in_English_gets_the_acknowledgement_in_English()
    {
        await ReadyAsync();
        var address = MailServer.NewAddress();

        var submitted = await SubmitAsync(address, "en");

        var mail = Assert.Single(await MailServer.WaitForMailAsync(address));
        Assert.Equal($"Your concern has been received [Vorgang {submitted.ReferenceNumber}]", mail.Subject);
        Assert.Contains($"Your reference number is: {submitted.ReferenceNumber}", mail.TextBody);
        Assert.Contains("<html lang=\"en\">", mail.HtmlBody);
    }

    [Fact]
    public async Task While_the_mail_server_is_down_a_submission_succeeds_and_its_mail_arrives_once_after_the_server_is_back()
    {
        await ReadyAsync();
        var address = MailServer.NewAddress();
        SubmittedConcern submitted;
        await MailServer.StopSmtpAsync();
        try
        {
            submitted = await SubmitAsync(address, "de");

            var waiting = await OutboxRowAsync(submitted.Id, m => m.Attempts > 0, byConcern: true);
            Assert.True(waiting.Attempts > 0, "the dispatcher never tried to send while Postfix was down");
            Assert.Null(waiting.SentAt);
            Assert.False(string.IsNullOrEmpty(waiting.LastError));
            await using var db = app.Db();
            Assert.True(await db.Concerns.AnyAsync(c => c.Id == submitted.Id && c.ReferenceNumber == submitted.ReferenceNumber));
        }
        finally
        {
            await MailServer.StartSmtpAsync();
        }

        var mail = Assert.Single(await MailServer.WaitForMailAsync(address));
        Assert.Contains(submitted.ReferenceNumber, mail.Subject);
        await Task.Delay(TimeSpan.FromSeconds(4)); // several dispatch rounds and retry delays: a second copy would be here by now
        Assert.Single(await MailServer.ReadMailboxAsync(address));
        Assert.NotNull((await OutboxRowAsync(submitted.Id, m => m.SentAt != null, byConcern: true)).SentAt);
    }

    [Fact]
    public async Task A_mail_claimed_by_a_node_that_died_goes_out_once_when_the_claim_runs_out()
    {
        await ReadyAsync();
        var address = MailServer.NewAddress();
        using (var scope = app.Services.CreateScope())
        {
            var message = scope.ServiceProvider.GetRequiredService<Rathaus.Mail.Outbox.Outbox>()
                .Enqueue(new OutgoingMail("Test.Crash", address, "Liegen gebliebene Nachricht", "Text"));
            message.ClaimedBy = "abgestuerzter-knoten";
            message.ClaimedUntil = DateTime.UtcNow.AddSeconds(4);
            await scope.ServiceProvider.GetRequiredService<RathausDb>().SaveChangesAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(2)); // two dispatch rounds while the claim holds
        Assert.Empty(await MailServer.ReadMailboxAsync(address));

        Assert.Single(await MailServer.WaitForMailAsync(address));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(await MailServer.ReadMailboxAsync(address));
    }

    [Fact]
    public async Task Two_nodes_dispatching_one_outbox_send_every_mail_exactly_once()
    {
        await ReadyAsync();
        await using var second = app.SecondNode();
        var address = MailServer.NewAddress();
        var messageIds = new List<string>();
        using (var scope = app.Services.CreateScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<Rathaus.Mail.Outbox.Outbox>();
            for (var i = 1; i <= 20; i++)
            {
                messageIds.Add(outbox.Enqueue(new OutgoingMail("Test.TwoNodes", address, $"Nachricht {i}", $"Text {i}")).MessageId);
            }

            await scope.ServiceProvider.GetRequiredService<RathausDb>().SaveChangesAsync();
        }

        // Besides their own rounds, both nodes are pushed to claim small batches at the same moment.
        var dispatchers = new[] { Dispatcher(app.Services), Dispatcher(second.Services) };
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            while (await dispatchers[i % 2].DispatchOnceAsync(3, CancellationToken.None) > 0)
            {
            }
        })));

        Assert.Equal(20, (await MailServer.WaitForMailAsync(address, 20)).Count);
        await Task.Delay(TimeSpan.FromSeconds(3)); // any duplicate would arrive meanwhile
        var mails = await MailServer.ReadMailboxAsync(address);
        Assert.Equal(messageIds.Order(), mails.Select(m => m.MessageId).Order());
    }

    /// <summary>Skips the test when the mail server or this provider is not available here.</summary>
    private async Task ReadyAsync()
    {
        MailServer.SkipUnlessAvailable();
        await using var db = app.Db();
    }

    private async Task<SubmittedConcern> SubmitAsync(string email, string language)
    {
        await using var db = app.Db();
        var categoryId = await db.Categories.Where(c => c.Code == "schlagloch").Select(c => c.Id).SingleAsync();
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ConcernIntake>().SubmitAsync(
            new ConcernSubmission(Guid.NewGuid(), ConcernKind.DefectReport, categoryId, "Tiefes Schlagloch vor Hausnummer 5", "Am Sande 5", null,
                "Erika Muster", email, null, language, Channel.Web, []),
            token => TrackingBase + token,
            CancellationToken.None);
    }

    /// <summary>The outbox row (by id, or the one mail of a concern) once it matches, or as it is after 20 seconds.</summary>
    private async Task<OutboxMessage> OutboxRowAsync(long id, Func<OutboxMessage, bool> condition, bool byConcern = false)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await using var db = app.Db();
            var row = await db.OutboxMessages.AsNoTracking().SingleAsync(m => byConcern ? m.ConcernId == id : m.Id == id);
            if (condition(row) || waited.Elapsed > TimeSpan.FromSeconds(20))
            {
                return row;
            }

            await Task.Delay(200);
        }
    }

    private static OutboxDispatcher Dispatcher(IServiceProvider services) =>
        services.GetServices<IHostedService>().OfType<OutboxDispatcher>().Single();
}

[Collection(nameof(MailServerCollection))]
public sealed class OutboxDispatchTests_Sqlite(SqliteMailApp app) : OutboxDispatchTests(app);

[Collection(nameof(MailServerCollection))]
public sealed class OutboxDispatchTests_Postgres(PostgresMailApp app) : OutboxDispatchTests(app);
