using System.Data.Common;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rathaus.Data;

using Rathaus.Platform.Scheduling;

namespace Rathaus.Mail.Outbox;

/// <summary>
/// Sends the outbox over SMTP, on every node, without two nodes sending one mail: a node first claims due rows for
/// <see cref="ClaimFor"/> (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>; SQLite: a conditional update per row), then sends
/// them and marks each one sent right after the server accepted it. A failed mail is tried again later, waiting
/// longer after every failure; while no SMTP host is configured, mails simply wait.
/// </summary>
/// <remarks>
/// Delivery is at-least-once with a stable Message-ID: if a node dies after the server accepted a mail but before
/// the row was marked, its claim runs out and the mail is sent again with the same Message-ID, which receiving
/// systems (and our own intake) recognise as a duplicate. Nothing short of a crash in that instant resends: shutdown
/// never interrupts a send, and a batch stops before its claim could run out.
/// </remarks>
internal sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IOptionsMonitor<MailOptions> options,
    DatabaseOptions database,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    /// <summary>A send that starts later than this before the claim ends might outlive it.</summary>
    private static readonly TimeSpan ClaimMargin = TimeSpan.FromSeconds(45);

    private const int BatchSize = 20;

    private readonly string _node = WorkerLoop.NewNodeName();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => WorkerLoop.RunAsync("Outbox dispatcher",
        async ct =>
        {
            // A full batch sent means more may be due: go on at once (but not while the server fails).
            while (await DispatchOnceAsync(BatchSize, ct) == BatchSize)
            {
            }
        },
        () => TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.DispatchIntervalSeconds)), clock, logger, stoppingToken);

    /// <summary>Claims up to <paramref name="batchSize"/> due mails and sends them; returns how many went out.</summary>
    internal async Task<int> DispatchOnceAsync(int batchSize, CancellationToken ct)
    {
        var mail = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(mail.Smtp.Host))
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RathausDb>();
        var claimedUntil = Now() + ClaimFor;
        var ids = await ClaimAsync(db, batchSize, claimedUntil, ct);
        if (ids.Count == 0)
        {
            return 0;
        }

        var finished = new HashSet<long>();
        try
        {
            var messages = await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(ct);
            return await SendAsync(db, mail, messages, claimedUntil, finished, ct);
        }
        finally
        {
            // What was not tried goes back at once instead of waiting for the claim to run out.
            var untried = ids.Where(id => !finished.Contains(id)).ToList();
            if (untried.Count > 0)
            {
                await db.OutboxMessages.Where(m => untried.Contains(m.Id) && m.ClaimedBy == _node)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTime?)null), CancellationToken.None);
            }
        }
    }

    private async Task<int> SendAsync(RathausDb db, MailOptions mail, List<OutboxMessage> messages, DateTime claimedUntil, HashSet<long> finished, CancellationToken ct)
    {
        var sent = 0;
        using var smtp = new SmtpClient { Timeout = 30_000 };
        try
        {
            await ConnectAsync(smtp, mail.Smtp, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            foreach (var message in messages)
            {
                await FailAsync(db, mail, message, e);
                finished.Add(message.Id);
            }

            return 0;
        }

        foreach (var message in messages)
        {
            if (ct.IsCancellationRequested || Now() > claimedUntil - ClaimMargin)
            {
                break;
            }

            try
            {
                // Never cancelled: between "the server accepted it" and "marked sent" nothing may come.
                await smtp.SendAsync(OutboxMime.Build(message, mail), CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await FailAsync(db, mail, message, e);
                finished.Add(message.Id);
                if (!smtp.IsConnected)
                {
                    break; // the server went away: the rest waits for the next round, without a failed attempt
                }

                continue;
            }

            finished.Add(message.Id); // even if marking fails below: released now, it would go out again at once
            await MarkSentAsync(db, message);
            sent++;
            logger.LogInformation("Sent {Kind} mail {MessageId}.", message.Kind, message.MessageId);
        }

        try
        {
            await smtp.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or MailKit.ProtocolException or MailKit.CommandException)
        {
            // Everything is sent and marked; a connection that breaks on QUIT changes nothing.
        }

        return sent;
    }

    /// <summary>
    /// The mail has gone; only a database that stays away for seconds can keep us from noting it. Then the claim
    /// runs out and the mail goes out again, with the same Message-ID.
    /// </summary>
    private async Task MarkSentAsync(RathausDb db, OutboxMessage message)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // By id alone: even if our claim ran out and another node holds it now, the mail has gone.
                await db.OutboxMessages.Where(m => m.Id == message.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, Now()).SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTime?)null), CancellationToken.None);
                return;
            }
            catch (DbException e) when (attempt < 5)
            {
                logger.LogWarning(e, "Mail {MessageId} was sent but could not be marked yet (attempt {Attempt}).", message.MessageId, attempt);
                await Task.Delay(TimeSpan.FromSeconds(attempt), clock);
            }
        }
    }

    private async Task<List<long>> ClaimAsync(RathausDb db, int batchSize, DateTime claimedUntil, CancellationToken ct)
    {
        var now = Now();
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            // One statement: rows another node is claiming right now are skipped, not waited for.
            return await db.Database.SqlQuery<long>($"""
                UPDATE "OutboxMessages" SET "ClaimedBy" = {_node}, "ClaimedUntil" = {claimedUntil}
                WHERE "Id" IN (
                    SELECT "Id" FROM "OutboxMessages"
                    WHERE "SentAt" IS NULL AND "NextAttemptAt" <= {now} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {now})
                    ORDER BY "NextAttemptAt", "Id"
                    LIMIT {batchSize}
                    FOR UPDATE SKIP LOCKED)
                RETURNING "Id" AS "Value"
                """).ToListAsync(ct);
        }

        // SQLite (one node, but maybe several dispatchers): a row is ours only if our update still found it unclaimed.
        var due = await db.OutboxMessages
            .Where(m => m.SentAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => m.Id).Take(batchSize).ToListAsync(ct);
        var claimed = new List<long>();
        foreach (var id in due)
        {
            if (ct.IsCancellationRequested)
            {
                break; // not in the middle of an update: a claim we made but did not note would block the row for minutes
            }

            var updated = await db.OutboxMessages
                .Where(m => m.Id == id && m.SentAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, _node).SetProperty(m => m.ClaimedUntil, claimedUntil), CancellationToken.None);
            if (updated == 1)
            {
                claimed.Add(id);
            }
        }

        return claimed;
    }

    private async Task FailAsync(RathausDb db, MailOptions mail, OutboxMessage message, Exception error)
    {
        var attempts = message.Attempts + 1;
        var retryAt = Now() + RetryDelay(attempts, mail);
        var text = $"{error.GetType().Name}: {error.Message}";
        text = text[..Math.Min(text.Length, 2000)];
        await db.OutboxMessages.Where(m => m.Id == message.Id && m.ClaimedBy == _node)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, text)
                .SetProperty(m => m.NextAttemptAt, retryAt)
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null), CancellationToken.None);
        logger.LogWarning("Could not send {Kind} mail {MessageId} (attempt {Attempts}); next try at {RetryAt:u}: {Error}",
            message.Kind, message.MessageId, attempts, retryAt, text);
    }

    /// <summary>RetryAfterSeconds after the first failure, doubling with each further one, at most RetryAtMostSeconds.</summary>
    internal static TimeSpan RetryDelay(int attempts, MailOptions mail)
    {
        var seconds = mail.RetryAfterSeconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, mail.RetryAtMostSeconds));
    }

    private static async Task ConnectAsync(SmtpClient smtp, SmtpOptions smtpOptions, CancellationToken ct)
    {
        var security = Enum.Parse<SecureSocketOptions>(smtpOptions.Security, ignoreCase: true);
        await smtp.ConnectAsync(smtpOptions.Host ?? "", smtpOptions.Port, security, ct);
        if (smtpOptions.UserName is { Length: > 0 } userName)
        {
            await smtp.AuthenticateAsync(userName, smtpOptions.Password ?? "", ct);
        }
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;
}
