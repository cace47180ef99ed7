using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Mails;
using Rathaus.Concerns.Model;
using Rathaus.Concerns.Routing;
using Rathaus.Concerns.Uploads;
using Rathaus.Data;
using Rathaus.Mail.Inbound;
using Rathaus.Mail.Outbox;
using Rathaus.Platform.Audit;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Concerns.Email;

/// <summary>
/// The concerns' side of the email channel: a mail becomes a new concern, a citizen message on a concern it answers,
/// or a note that a mail to the citizen could not be delivered. Everything happens in the caller's transaction,
/// which also records the mail as taken in.
/// </summary>
public sealed partial class EmailChannel(
    RathausDb db, ConcernIntake intake, ConcernRouting routing, StaffNotices notices,
    AuditLog audit, IConfiguration configuration, TimeProvider clock)
{
    private const string Citizen = "Bürgerin/Bürger";

    /// <summary>More files than a web form takes: mail programs add logos and inline pictures.</summary>
    public const int MaxFiles = 10;

    [GeneratedRegex(@"\[Vorgang (\d{4}-\d{6,})\]")]
    private static partial Regex ReferenceInSubject();

    /// <summary>
    /// The concern a mail answers: one of our Message-IDs in In-Reply-To/References (unguessable, so whoever holds it
    /// may add to the concern), or the reference number in the subject — the latter only from the concern's own contact
    /// address, because reference numbers are sequential and must not let strangers write into other people's cases.
    /// A concern merged into another leads to that one.
    /// </summary>
    public async Task<long?> FindThreadAsync(ParsedMail mail, CancellationToken ct)
    {
        long? concernId = null;
        if (mail.ReferencedIds.Count > 0)
        {
            var ids = mail.ReferencedIds.Take(50).ToList();
            var found = await db.OutboxMessages.AsNoTracking()
                .Where(m => ids.Contains(m.MessageId) && m.ConcernId != null)
                .Select(m => new { m.MessageId, m.ConcernId })
                .ToListAsync(ct);
            concernId = ids.Select(id => found.FirstOrDefault(f => f.MessageId == id)?.ConcernId).FirstOrDefault(c => c is not null);
        }

        if (concernId is null && mail.FromAddress is { } from && ReferenceInSubject().Match(mail.Subject) is { Success: true } match)
        {
            var reference = match.Groups[1].Value;
            concernId = await db.Concerns.AsNoTracking()
                .Where(c => c.ReferenceNumber == reference && c.ContactEmail != null && c.ContactEmail.ToLower() == from)
                .Select(c => (long?)c.Id).SingleOrDefaultAsync(ct);
        }

        for (var hops = 0; concernId is not null && hops < 10; hops++)
        {
            var merged = await db.Concerns.Where(c => c.Id == concernId).Select(c => c.MergedIntoId).SingleOrDefaultAsync(ct);
            if (merged is null)
            {
                break;
            }

            concernId = merged;
        }

        return concernId;
    }

    /// <summary>A new concern with channel Email: the sender as contact, subject and text as description, the files checked.</summary>
    /// <param name="token">Drawn before the transaction, see <see cref="ConcernIntake.AddAsync"/>.</param>
    public async Task<Concern> OpenAsync(ParsedMail mail, string? unitCode, bool acknowledge, (string Token, byte[] Hash, string Protected) token, CancellationToken ct)
    {
        // Looked up once per scope: a batch of mails from one mailbox goes to the same unit.
        if (_unit is null || _unit.Value.Code != unitCode)
        {
            var configured = unitCode is null ? null
                : await db.OrgUnits.Where(u => u.Code == unitCode && u.IsActive).Select(u => (int?)u.Id).SingleOrDefaultAsync(ct);
            _unit = (unitCode, configured ?? await routing.TriageUnitAsync(ct));
        }

        var (files, refused) = Inspect(mail);
        var text = Describe(mail);
        var submission = new ConcernSubmission(
            KeyGuid(mail.Key), ConcernKind.Question, null, Shorten(text, 10_000)!, null, null,
            Shorten(mail.FromName, 200), mail.FromAddress is { Length: <= 254 } address ? address : null, null, "de", Channel.Email, files)
        {
            EntryText = Shorten(text + Refusals(refused, mail.Problems), 20_000),
        };
        var concern = await intake.AddAsync(submission, _unit.Value.Id, token, TrackingUrl, acknowledge, ct);
        await KeepLongTextAsync(concern.Id, concern.Entries[0].Id, text, ct);
        return concern;
    }

    /// <summary>
    /// The mail as a citizen message on <paramref name="concernId"/>. An automatic mail (an out-of-office notice to our
    /// answer) is kept internal and wakes nobody; anything else answers an open question and tells the responsible position.
    /// </summary>
    public async Task AddMessageAsync(long concernId, ParsedMail mail, bool automatic, bool notify, CancellationToken ct)
    {
        var concern = await db.Concerns.SingleAsync(c => c.Id == concernId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var (files, refused) = Inspect(mail);
        var text = Describe(mail);
        var entry = new ConcernEntry
        {
            ConcernId = concern.Id,
            At = now,
            Kind = EntryKind.CitizenMessage,
            IsPublic = !automatic,
            Text = Shorten(text + Refusals(refused, mail.Problems), 20_000),
        };
        db.ConcernEntries.Add(entry);
        var before = concern.Status;
        if (!automatic && concern.Status == ConcernStatus.WaitingForCitizen)
        {
            // The question is answered: the case goes back to the administration, as on the tracking page.
            concern.Status = ConcernStatus.InProgress;
            db.ConcernEntries.Add(new ConcernEntry { ConcernId = concern.Id, At = now, Kind = EntryKind.StatusChange, IsPublic = true, NewStatus = ConcernStatus.InProgress });
        }

        await db.SaveChangesAsync(ct);
        foreach (var file in files)
        {
            var attachment = ConcernAttachment.From(file, entry.Id, now, fromCitizen: true);
            attachment.ConcernId = concern.Id;
            db.ConcernAttachments.Add(attachment);
        }

        await KeepLongTextAsync(concern.Id, entry.Id, text, ct);
        if (notify && !automatic)
        {
            await notices.CitizenActedAsync(concern, withdrawn: false, $"{BaseUrl()}/intern/anliegen/{concern.ReferenceNumber}", ct);
        }

        audit.Record("Concern.CitizenMessage", nameof(Concern), concern.ReferenceNumber,
            new { Status = before }, new { concern.Status, Files = files.Count, Channel = Channel.Email, Automatic = automatic }, actor: Citizen);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A mail to the citizen came back: staff see it on the concern, with the report attached, and the address is marked failing.</summary>
    public async Task RecordDeliveryFailureAsync(long concernId, DeliveryReport report, byte[] rawReport, CancellationToken ct)
    {
        var concern = await db.Concerns.SingleAsync(c => c.Id == concernId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var reason = string.Join(" ", new[] { report.Status, report.Diagnostic }.Where(s => !string.IsNullOrWhiteSpace(s)));
        concern.ContactEmailFailedAt = now;
        concern.ContactEmailFailure = Shorten(string.IsNullOrWhiteSpace(reason) ? "unzustellbar" : reason, 1000);
        var entry = new ConcernEntry
        {
            ConcernId = concern.Id,
            At = now,
            Kind = EntryKind.DeliveryFailure,
            IsPublic = false,
            Text = Shorten($"Eine E-Mail an {report.Recipient ?? concern.ContactEmail} konnte nicht zugestellt werden. {reason}\n\n{report.Text}".Trim(), 20_000),
        };
        db.ConcernEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        db.ConcernAttachments.Add(new ConcernAttachment
        {
            ConcernId = concern.Id,
            EntryId = entry.Id,
            FileName = "Unzustellbarkeitsbericht.eml",
            ContentType = "message/rfc822", // offered as a download only, never shown inline
            Size = rawReport.LongLength,
            Sha256 = SHA256.HashData(rawReport),
            Content = rawReport,
            UploadedAt = now,
            FromCitizen = false,
        });
        audit.Record("Concern.ContactEmailFailed", nameof(Concern), concern.ReferenceNumber, null, new { concern.ContactEmailFailure }, actor: "E-Mail-Eingang");
        await db.SaveChangesAsync(ct);
    }

    private (string? Code, int Id)? _unit;

    private string BaseUrl() => (configuration["Site:PublicBaseUrl"] is { Length: > 0 } url ? url : "http://localhost").TrimEnd('/');

    private string TrackingUrl(string token) => $"{BaseUrl()}/anliegen/{token}";

    /// <summary>The mail's files through the same checks as web uploads; what is refused is named, never dropped silently.</summary>
    private static (List<AcceptedFile> Files, List<string> Refused) Inspect(ParsedMail mail)
    {
        var accepted = new List<AcceptedFile>();
        var refused = new List<string>();
        foreach (var file in mail.Files)
        {
            var check = UploadInspector.Inspect(file.FileName, file.Content);
            if (check.File is null)
            {
                refused.Add(string.Format(CultureInfo.InvariantCulture, check.Error!, check.ErrorArgument ?? ""));
            }
            else if (accepted.Count >= MaxFiles)
            {
                refused.Add($"Die Datei „{check.File.FileName}“ wurde nicht übernommen: höchstens {MaxFiles} Dateien je E-Mail.");
            }
            else if (!accepted.Any(a => a.Content.AsSpan().SequenceEqual(check.File.Content)))
            {
                accepted.Add(check.File); // the same picture twice (inline and attached) is kept once
            }
        }

        return (accepted, refused);
    }

    private static string Describe(ParsedMail mail)
    {
        var body = string.IsNullOrWhiteSpace(mail.Text) ? "(E-Mail ohne Text)" : mail.Text.Trim();
        return string.IsNullOrWhiteSpace(mail.Subject) ? body : $"{mail.Subject}\n\n{body}";
    }

    private static string Refusals(List<string> refused, IReadOnlyList<string> problems)
    {
        if (refused.Count == 0 && problems.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder("\n\nNicht übernommene Anhänge:");
        foreach (var line in refused.Concat(problems))
        {
            text.Append("\n- ").Append(line);
        }

        return text.ToString();
    }

    /// <summary>A text longer than the entry can hold is kept whole as a file beside it.</summary>
    private async Task KeepLongTextAsync(long concernId, long entryId, string text, CancellationToken ct)
    {
        if (text.Length <= 10_000)
        {
            return;
        }

        var content = Encoding.UTF8.GetBytes(text);
        db.ConcernAttachments.Add(new ConcernAttachment
        {
            ConcernId = concernId,
            EntryId = entryId,
            FileName = "E-Mail-Text.txt",
            ContentType = "text/plain; charset=utf-8",
            Size = content.LongLength,
            Sha256 = SHA256.HashData(content),
            Content = content,
            UploadedAt = clock.GetUtcNow().UtcDateTime,
            FromCitizen = true,
        });
        await db.SaveChangesAsync(ct);
    }

    private static string? Shorten(string? text, int length) =>
        text is null || text.Length <= length ? text : text[..(length - 1)] + "…";

    /// <summary>The concern's idempotency key from the mail's: a second intake of the same mail meets the first concern.</summary>
    private static Guid KeyGuid(string key) => new(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));
}
