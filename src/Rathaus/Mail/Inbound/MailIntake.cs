using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Rathaus.Concerns.Email;
using Rathaus.Concerns.Intake;
using Rathaus.Data;
using Rathaus.Mail.Outbox;

namespace Rathaus.Mail.Inbound;

/// <summary>What the intake did with one mail.</summary>
public sealed record IntakeResult(InboundOutcome Outcome, bool AlreadyDone, long? ConcernId, string? Note);

/// <summary>
/// Takes in one mail, from a mailbox or from an import file, exactly once: the record of the mail (unique by its key)
/// is written first in the same transaction as the concern or case message it produces, so after a crash at any point
/// the mail is either wholly taken in (and recognised as done next time) or not at all (and taken in next time).
/// Decides which automatic mails may go out: none to auto-replies, lists, bounces, loops or our own addresses, and
/// not more than the configured number per address and per concern.
/// </summary>
public sealed class MailIntake(RathausDb db, EmailChannel channel, TrackingTokens tokens, Outbox.Outbox outbox, IOptionsMonitor<MailOptions> options, TimeProvider clock)
{
    /// <summary>Automatic mails the rate limits count (staff replies are never limited).</summary>
    private static readonly string[] AutomaticKinds = ["Concern.Acknowledgement", "Concern.CitizenMessageNotice", "Mail.TooLarge"];

    public Task<bool> IsDoneAsync(string key, CancellationToken ct) => db.InboundMessages.AnyAsync(m => m.MessageKey == key, ct);

    /// <param name="fence">Runs first inside the transaction: the reader renews its claim on the mailbox there and
    /// throws if another node has taken it over meanwhile.</param>
    /// <param name="automaticMails">False for an import of old mail: no acknowledgements, no notices.</param>
    public async Task<IntakeResult> TakeAsync(string mailbox, string? unitCode, MimeMessage message, byte[]? raw, Func<RathausDb, CancellationToken, Task>? fence, CancellationToken ct, bool automaticMails = true)
    {
        var mail = MailParser.Parse(message, raw);
        if (await DoneAsync(mail.Key, ct) is { } done)
        {
            return done;
        }

        var token = tokens.New(); // before the transaction, see ConcernIntake.AddAsync
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (fence is not null)
            {
                await fence(db, ct);
            }

            var record = await TakeInTransactionAsync(mailbox, unitCode, mail, message, raw, automaticMails, token, ct);
            await transaction.CommitAsync(ct);
            return new IntakeResult(record.Outcome, false, record.ConcernId, record.Note);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await DoneAsync(mail.Key, ct) is { } raced)
            {
                return raced;
            }

            throw;
        }
    }

    /// <summary>
    /// Several mails in one transaction: one commit (one flush to disk) for all of them, which is what makes a full
    /// mailbox fast. All or nothing: if one of them fails, nothing is stored and the caller takes them one by one, so
    /// the good ones get in and only the bad one is counted as failed. Returns how many were new.
    /// </summary>
    public async Task<int> TakeManyAsync(string mailbox, string? unitCode, IReadOnlyList<(MimeMessage Message, byte[]? Raw)> mails, Func<RathausDb, CancellationToken, Task>? fence, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mails);
        var parsed = mails.Select(m => (Mail: MailParser.Parse(m.Message, m.Raw), m.Message, m.Raw)).ToList();
        var keys = parsed.Select(p => p.Mail.Key).ToList();
        var done = (await db.InboundMessages.Where(m => keys.Contains(m.MessageKey)).Select(m => m.MessageKey).ToListAsync(ct)).ToHashSet();
        var todo = parsed.Where(p => !done.Contains(p.Mail.Key)).DistinctBy(p => p.Mail.Key).ToList(); // the same mail twice in a mailbox: once
        if (todo.Count == 0)
        {
            return 0;
        }

        var newTokens = todo.Select(_ => tokens.New()).ToList(); // before the transaction, see ConcernIntake.AddAsync
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (fence is not null)
        {
            await fence(db, ct);
        }

        for (var i = 0; i < todo.Count; i++)
        {
            await TakeInTransactionAsync(mailbox, unitCode, todo[i].Mail, todo[i].Message, todo[i].Raw, automaticMails: true, newTokens[i], ct);
            db.ChangeTracker.Clear(); // saved; every further SaveChanges would otherwise scan it again
        }

        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return todo.Count;
    }

    private async Task<InboundMessage> TakeInTransactionAsync(string mailbox, string? unitCode, ParsedMail mail, MimeMessage message, byte[]? raw, bool automaticMails, (string, byte[], string) token, CancellationToken ct)
    {
        // The record goes in last, with the outcome: one INSERT instead of an INSERT and an UPDATE. A second reader of the
        // same mail (an import running beside the mailbox reader) fails on its unique key at the latest there, and all
        // it did is rolled back with it.
        var record = Record(mailbox, mail);
        await DecideAsync(record, mail, message, raw, unitCode, automaticMails, token, ct);
        db.InboundMessages.Add(record);
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>
    /// A mail over the size limit, of which only the headers were read: recorded, and the sender told (unless the mail
    /// is automatic). The reader then moves it to the error folder, where it stays for staff.
    /// </summary>
    public async Task<IntakeResult> TakeTooLargeAsync(string mailbox, MimeMessage headers, long size, CancellationToken ct)
    {
        var mail = MailParser.Parse(headers, System.Text.Encoding.UTF8.GetBytes(headers.Headers.ToString() + size));
        if (await DoneAsync(mail.Key, ct) is { } done)
        {
            return done;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var record = Record(mailbox, mail);
        record.Outcome = InboundOutcome.TooLarge;
        var limit = options.CurrentValue.Intake.MaxMessageBytes;
        record.Note = $"{size / (1024 * 1024)} MB";
        if (await WhyNoAutomaticMailAsync(mail, ct) is { } reason)
        {
            record.Note += "; " + reason;
        }
        else
        {
            outbox.Enqueue(new OutgoingMail("Mail.TooLarge", mail.FromAddress!, $"Ihre E-Mail war zu groß: {Shorten(mail.Subject, 200)}",
                $"Guten Tag,\n\nIhre E-Mail „{Shorten(mail.Subject, 200)}“ war mit {size / (1024.0 * 1024.0):N1} MB zu groß. Wir nehmen E-Mails bis {limit / (1024 * 1024)} MB an.\n\n"
                + "Ihre E-Mail ist nicht verloren: Sie liegt bei uns und wird von Hand geprüft. Wenn Sie schneller eine Antwort möchten, senden Sie Ihr Anliegen bitte noch einmal mit kleineren Anhängen (Fotos als JPEG, Dokumente als PDF, je Datei höchstens 10 MB).\n\n"
                + "Mit freundlichen Grüßen\nIhre Stadtverwaltung\n\nDiese E-Mail wurde automatisch verschickt.\n")
            {
                InReplyTo = mail.MessageId,
            });
        }

        db.InboundMessages.Add(record);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new IntakeResult(record.Outcome, false, null, record.Note);
    }

    /// <summary>Counts a failed attempt (outside any transaction, after the failed one rolled back); returns the count so far.</summary>
    public async Task<InboundFailure> RecordFailureAsync(string mailbox, string key, string? from, string? subject, Exception error, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var now = clock.GetUtcNow().UtcDateTime;
        // The innermost error says what went wrong ("poison", a constraint); the outer one only where.
        var inner = error.GetBaseException();
        var text = inner == error ? $"{error.GetType().Name}: {error.Message}" : $"{error.GetType().Name}: {error.Message} ({inner.GetType().Name}: {inner.Message})";
        var failure = await db.InboundFailures.SingleOrDefaultAsync(f => f.MessageKey == key, ct);
        if (failure is null)
        {
            failure = new InboundFailure { Mailbox = mailbox, MessageKey = key, LastError = "", FirstFailedAt = now };
            db.InboundFailures.Add(failure);
        }

        failure.From = Shorten(from, 320);
        failure.Subject = Shorten(subject, 500);
        failure.Attempts++;
        failure.LastError = Shorten(text, 2000)!;
        failure.LastFailedAt = now;
        failure.GaveUp = failure.Attempts >= Math.Max(1, options.CurrentValue.Intake.MaxAttempts);
        await db.SaveChangesAsync(ct);
        return failure;
    }

    private async Task DecideAsync(InboundMessage record, ParsedMail mail, MimeMessage message, byte[]? raw, string? unitCode, bool automaticMails, (string, byte[], string) token, CancellationToken ct)
    {
        if (await IsOurOwnMailAsync(mail, ct))
        {
            record.Outcome = InboundOutcome.Ignored;
            record.Note = "Eigene E-Mail (Schleife)";
            return;
        }

        if (mail.Report is { } report)
        {
            var concernId = report.OriginalMessageId is { } original
                ? await db.OutboxMessages.Where(m => m.MessageId == original).Select(m => m.ConcernId).FirstOrDefaultAsync(ct)
                : null;
            if (concernId is long id)
            {
                await channel.RecordDeliveryFailureAsync(id, report, raw ?? Serialize(message), ct);
                record.Outcome = InboundOutcome.DeliveryReport;
                record.ConcernId = id;
            }
            else
            {
                record.Outcome = InboundOutcome.Ignored;
                record.Note = "Unzustellbarkeitsbericht zu keiner unserer E-Mails";
            }

            return;
        }

        var thread = await channel.FindThreadAsync(mail, ct);
        if (thread is long concern)
        {
            // Staff are told of the citizen's message, but not of auto-replies and not more often than the limit per concern.
            var automatic = mail.Automatic != AutomaticKind.None;
            var notify = !automatic && automaticMails && await MayMailAboutConcernAsync(concern, ct);
            await channel.AddMessageAsync(concern, mail, automatic, notify, ct);
            record.Note = automatic ? $"Automatische E-Mail ({mail.AutomaticReason})" : notify || !automaticMails ? null : "Limit je Vorgang erreicht";
            record.Outcome = InboundOutcome.CitizenMessage;
            record.ConcernId = concern;
            return;
        }

        if (mail.Automatic == AutomaticKind.Bounce)
        {
            // A bounce about no mail of ours is nobody's concern.
            record.Outcome = InboundOutcome.Ignored;
            record.Note = "Unzustellbarkeitsmeldung ohne Bezug";
            return;
        }

        var why = await WhyNoAutomaticMailAsync(mail, ct);
        var created = await channel.OpenAsync(mail, unitCode, acknowledge: why is null && automaticMails, token, ct);
        record.Outcome = InboundOutcome.NewConcern;
        record.ConcernId = created.Id;
        record.Note = why;
    }

    private async Task<bool> MayMailAboutConcernAsync(long concernId, CancellationToken ct)
    {
        var intake = options.CurrentValue.Intake;
        var since = clock.GetUtcNow().UtcDateTime.AddMinutes(-intake.AutomaticMailsPerConcernMinutes);
        var aboutConcern = await db.OutboxMessages.CountAsync(m => m.ConcernId == concernId && m.CreatedAt >= since && AutomaticKinds.Contains(m.Kind), ct);
        return aboutConcern < intake.AutomaticMailsPerConcern;
    }

    /// <summary>Null when an automatic mail may go to the sender of <paramref name="mail"/>; else why not (for the record).</summary>
    private async Task<string?> WhyNoAutomaticMailAsync(ParsedMail mail, CancellationToken ct)
    {
        if (mail.Automatic != AutomaticKind.None)
        {
            return $"Automatische E-Mail ({mail.AutomaticReason})";
        }

        if (mail.FromAddress is not { Length: <= 254 } from)
        {
            return "Kein Absender";
        }

        if (await IsOwnAddressAsync(from, ct))
        {
            return "Eigene Adresse";
        }

        var intake = options.CurrentValue.Intake;
        var now = clock.GetUtcNow().UtcDateTime;
        var sinceAddress = now.AddMinutes(-intake.AutomaticMailsPerAddressMinutes);
        var toAddress = await db.OutboxMessages.CountAsync(m => m.To == from && m.CreatedAt >= sinceAddress && AutomaticKinds.Contains(m.Kind), ct);
        if (toAddress >= intake.AutomaticMailsPerAddress)
        {
            return "Limit je Adresse erreicht";
        }

        return null;
    }

    /// <summary>Our mail came back: its Message-ID is one of ours, or it carries our X-Loop, or it comes from our sender address.</summary>
    private async Task<bool> IsOurOwnMailAsync(ParsedMail mail, CancellationToken ct)
    {
        var sender = SenderAddress();
        if (mail.LoopAddress is { } loop && loop.Contains(sender, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(mail.FromAddress, sender, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return mail.MessageId is { } id && await db.OutboxMessages.AnyAsync(m => m.MessageId == id, ct);
    }

    private async Task<bool> IsOwnAddressAsync(string address, CancellationToken ct)
    {
        var mail = options.CurrentValue;
        if (string.Equals(address, SenderAddress(), StringComparison.OrdinalIgnoreCase)
            || mail.Inboxes.Any(i => string.Equals(i.Address, address, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        // Loaded once per scope: a batch of mails asks for every sender.
        _positionMailboxes ??= (await db.Positions.Select(p => p.Mailbox.ToLower()).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return _positionMailboxes.Contains(address);
    }

    private HashSet<string>? _positionMailboxes;

    private string SenderAddress() =>
        MailboxAddress.TryParse(options.CurrentValue.From, out var from) ? from.Address.ToLowerInvariant() : "";

    private async Task<IntakeResult?> DoneAsync(string key, CancellationToken ct)
    {
        var done = await db.InboundMessages.AsNoTracking().Where(m => m.MessageKey == key)
            .Select(m => new { m.Outcome, m.ConcernId, m.Note }).SingleOrDefaultAsync(ct);
        return done is null ? null : new IntakeResult(done.Outcome, true, done.ConcernId, done.Note);
    }

    private InboundMessage Record(string mailbox, ParsedMail mail) => new()
    {
        Mailbox = mailbox,
        MessageKey = mail.Key,
        MessageId = Shorten(mail.MessageId, 1000),
        From = Shorten(mail.FromAddress, 320),
        Subject = Shorten(mail.Subject, 500),
        ProcessedAt = clock.GetUtcNow().UtcDateTime,
    };

    private static byte[] Serialize(MimeMessage message)
    {
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        return buffer.ToArray();
    }

    private static string? Shorten(string? text, int length) =>
        text is null || text.Length <= length ? text : text[..length];
}
