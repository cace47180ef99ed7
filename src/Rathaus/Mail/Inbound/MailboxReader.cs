using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Rathaus.Data;

using Rathaus.Platform.Scheduling;

namespace Rathaus.Mail.Inbound;

/// <summary>
/// Reads the configured mailboxes over IMAP, each on one node at a time (<see cref="MailboxLeases"/>): takes every mail
/// in through <see cref="MailIntake"/> and only after its commit moves it to the processed folder. A crash between the
/// two leaves the mail in the inbox, where the next round recognises it as done and just moves it. New mail is awaited
/// with IDLE where the server offers it, else by polling. A mail that keeps failing goes to the error folder after
/// Mail:Intake:MaxAttempts attempts; the others keep flowing.
/// </summary>
internal sealed class MailboxReader(IServiceScopeFactory scopes, IOptionsMonitor<MailOptions> options, TimeProvider clock, ILogger<MailboxReader> logger) : BackgroundService
{
    private const int BatchSize = 100;

    private readonly string _node = WorkerLoop.NewNodeName();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var inboxes = options.CurrentValue.Inboxes.Where(i => i.Name.Length > 0 && i.Host.Length > 0).ToList();
        return Task.WhenAll(inboxes.Select(inbox => Task.Run(() => RunAsync(inbox, stoppingToken), CancellationToken.None)));
    }

    /// <summary>Reads one mailbox until <paramref name="ct"/> is cancelled (tests run single mailboxes with it).</summary>
    internal async Task RunAsync(InboxOptions inbox, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (await HoldAsync(inbox.Name, ct))
                {
                    await ReadAsync(inbox, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (MailboxLeaseLostException)
            {
                logger.LogWarning("Mailbox {Mailbox} is now read by another node.", inbox.Name);
            }
#pragma warning disable CA1031 // the mail server or the database may be away for a moment; the next round tries again
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogError(e, "Reading mailbox {Mailbox} failed; trying again.", inbox.Name);
            }

            try
            {
                await Task.Delay(PollInterval(), clock, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await MailboxLeases.ReleaseAsync(scope.ServiceProvider.GetRequiredService<RathausDb>(), inbox.Name, _node);
        }
#pragma warning disable CA1031 // stopping: the lease runs out by itself
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning(e, "Could not release mailbox {Mailbox}.", inbox.Name);
        }
    }

    private async Task ReadAsync(InboxOptions inbox, CancellationToken ct)
    {
        using var imap = new ImapClient { Timeout = 60_000 };
        await imap.ConnectAsync(inbox.Host, inbox.Port, Enum.Parse<SecureSocketOptions>(inbox.Security, ignoreCase: true), ct);
        await imap.AuthenticateAsync(inbox.UserName, inbox.Password, ct);
        var folder = inbox.InboxFolder.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? imap.Inbox : await imap.GetFolderAsync(inbox.InboxFolder, ct);
        await folder.OpenAsync(FolderAccess.ReadWrite, ct);
        var processed = await FolderAsync(imap, inbox.ProcessedFolder, ct);
        var failed = await FolderAsync(imap, inbox.FailedFolder, ct);
        var retryAt = new Dictionary<UniqueId, DateTime>();
        logger.LogInformation("Reading mailbox {Mailbox} as {Node}.", inbox.Name, _node);

        while (!ct.IsCancellationRequested)
        {
            if (!await HoldAsync(inbox.Name, ct))
            {
                return;
            }

            var now = Now();
            var due = (await folder.SearchAsync(SearchQuery.All, ct)).Where(u => !retryAt.TryGetValue(u, out var at) || at <= now).ToList();
            if (due.Count == 0)
            {
                var wait = retryAt.Count == 0 ? PollInterval() : Min(PollInterval(), retryAt.Values.Min() - now);
                await WaitForMailAsync(imap, folder, wait, ct);
                continue;
            }

            foreach (var batch in due.Chunk(BatchSize))
            {
                if (ct.IsCancellationRequested || !await HoldAsync(inbox.Name, ct))
                {
                    return;
                }

                await TakeBatchAsync(inbox, folder, processed, failed, batch, retryAt, ct);
            }
        }

        await imap.DisconnectAsync(quit: true, CancellationToken.None);
    }

    /// <summary>Mails taken together in one transaction (one commit, one flush to disk for all).</summary>
    private const int GroupSize = 25;

    private async Task TakeBatchAsync(InboxOptions inbox, IMailFolder folder, IMailFolder processed, IMailFolder failed, UniqueId[] batch, Dictionary<UniqueId, DateTime> retryAt, CancellationToken ct)
    {
        var intakeOptions = options.CurrentValue.Intake;
        var toProcessed = new List<UniqueId>();
        var toFailed = new List<UniqueId>();
        var fetched = new List<(UniqueId Uid, MimeMessage Message, byte[] Raw)>();
        try
        {
            var summaries = await folder.FetchAsync(batch, MessageSummaryItems.UniqueId | MessageSummaryItems.Size, ct);
            foreach (var summary in summaries.OrderBy(s => s.UniqueId))
            {
                var uid = summary.UniqueId;
                if (summary.Size > intakeOptions.MaxMessageBytes)
                {
                    await TakeOneAsync(inbox, uid, null, null, () => TooLargeAsync(inbox, folder, summary, ct), toFailed, toFailed, retryAt);
                    continue;
                }

                byte[] raw;
                await using (var stream = await folder.GetStreamAsync(uid, "", ct))
                using (var buffer = new MemoryStream())
                {
                    await stream.CopyToAsync(buffer, ct);
                    raw = buffer.ToArray();
                }

                MimeMessage message;
                try
                {
                    message = MailParser.Load(new MemoryStream(raw));
                }
                catch (FormatException e)
                {
                    await TakeOneAsync(inbox, uid, null, raw, () => Task.FromException(e), toProcessed, toFailed, retryAt);
                    continue;
                }

                fetched.Add((uid, message, raw));
            }

            foreach (var group in fetched.Chunk(GroupSize))
            {
                if (ct.IsCancellationRequested)
                {
                    break;
                }

                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<MailIntake>()
                        .TakeManyAsync(inbox.Name, inbox.UnitCode, group.Select(g => (g.Message, (byte[]?)g.Raw)).ToList(), Fence(inbox.Name), ct);
                    foreach (var (uid, _, _) in group)
                    {
                        retryAt.Remove(uid);
                        toProcessed.Add(uid);
                    }
                }
                catch (Exception e) when (IsAboutTheMail(e))
                {
                    // One of them is bad: each on its own now, so that the good ones get in and only the bad one counts.
                    foreach (var (uid, message, raw) in group)
                    {
                        await TakeOneAsync(inbox, uid, message, raw, async () =>
                        {
                            await using var scope = scopes.CreateAsyncScope();
                            await scope.ServiceProvider.GetRequiredService<MailIntake>().TakeAsync(inbox.Name, inbox.UnitCode, message, raw, Fence(inbox.Name), ct);
                        }, toProcessed, toFailed, retryAt);
                    }
                }
            }
        }
        finally
        {
            // Only what is committed moves; if this fails or the node dies now, the next round finds the mails done.
            if (toProcessed.Count > 0 && folder.IsOpen)
            {
                await folder.MoveToAsync(toProcessed, processed, CancellationToken.None);
            }

            if (toFailed.Count > 0 && folder.IsOpen)
            {
                await folder.MoveToAsync(toFailed, failed, CancellationToken.None);
            }
        }
    }

    /// <summary>Takes one mail in; a failure is counted, and after the last attempt the mail goes to the error folder.</summary>
    private async Task TakeOneAsync(InboxOptions inbox, UniqueId uid, MimeMessage? message, byte[]? raw, Func<Task> take, List<UniqueId> onSuccess, List<UniqueId> toFailed, Dictionary<UniqueId, DateTime> retryAt)
    {
        try
        {
            await take();
            retryAt.Remove(uid);
            onSuccess.Add(uid);
        }
        catch (Exception e) when (IsAboutTheMail(e))
        {
            var key = message is null ? $"uid:{inbox.Name}:{uid.Id}" : MailParser.KeyOf(message, raw);
            logger.LogWarning(e, "Mail {Key} in {Mailbox} could not be taken in.", key, inbox.Name);
            await using var scope = scopes.CreateAsyncScope();
            var failure = await scope.ServiceProvider.GetRequiredService<MailIntake>()
                .RecordFailureAsync(inbox.Name, key, message?.From.Mailboxes.FirstOrDefault()?.Address, message?.Subject, e, CancellationToken.None);
            if (failure.GaveUp)
            {
                retryAt.Remove(uid);
                toFailed.Add(uid);
            }
            else
            {
                retryAt[uid] = Now().AddSeconds(Math.Max(1, options.CurrentValue.Intake.RetrySeconds));
            }
        }
    }

    private async Task TooLargeAsync(InboxOptions inbox, IMailFolder folder, IMessageSummary summary, CancellationToken ct)
    {
        var headers = await folder.GetHeadersAsync(summary.UniqueId, ct);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MailIntake>().TakeTooLargeAsync(inbox.Name, new MimeMessage(headers), summary.Size ?? 0, ct);
    }

    /// <summary>
    /// An error of this mail (or the database refusing it), not of the connection, the claim, a shutdown or a database
    /// that is away for a moment: those end the round uncounted, and the mail waits in the inbox for the next one.
    /// </summary>
    internal static bool IsAboutTheMail(Exception e) =>
        e is not OperationCanceledException and not MailboxLeaseLostException and not ImapProtocolException and not IOException and not ImapCommandException
        && !TransientDatabaseError.Is(e);

    private async Task WaitForMailAsync(ImapClient imap, IMailFolder folder, TimeSpan wait, CancellationToken ct)
    {
        if (options.CurrentValue.Intake.UseIdle && imap.Capabilities.HasFlag(ImapCapabilities.Idle))
        {
            using var done = new CancellationTokenSource(wait);
            void Arrived(object? sender, EventArgs e) => done.Cancel();
            folder.CountChanged += Arrived;
            try
            {
                await imap.IdleAsync(done.Token, ct);
            }
            finally
            {
                folder.CountChanged -= Arrived;
            }

            return;
        }

        await Task.Delay(wait, clock, ct);
        await imap.NoOpAsync(ct);
    }

    private Func<RathausDb, CancellationToken, Task> Fence(string mailbox) =>
        (db, ct) => MailboxLeases.RenewAsync(db, mailbox, _node, Now(), ClaimDuration(), ct);

    private async Task<bool> HoldAsync(string mailbox, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await MailboxLeases.HoldAsync(scope.ServiceProvider.GetRequiredService<RathausDb>(), mailbox, _node, Now(), ClaimDuration(), ct);
    }

    private static async Task<IMailFolder> FolderAsync(ImapClient imap, string name, CancellationToken ct)
    {
        try
        {
            return await imap.GetFolderAsync(name, ct);
        }
        catch (FolderNotFoundException)
        {
            var root = imap.GetFolder(imap.PersonalNamespaces[0]);
            return await root.CreateAsync(name, isMessageFolder: true, ct) ?? throw new InvalidOperationException($"IMAP folder {name} could not be created.");
        }
    }

    private TimeSpan ClaimDuration() => TimeSpan.FromSeconds(Math.Max(5, options.CurrentValue.Intake.ClaimSeconds));

    /// <summary>The poll interval, but short enough to renew the claim in time while waiting.</summary>
    private TimeSpan PollInterval() =>
        Min(TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.Intake.PollSeconds)), ClaimDuration() / 3);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? (a < TimeSpan.Zero ? TimeSpan.Zero : a) : (b < TimeSpan.Zero ? TimeSpan.Zero : b);

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;
}
