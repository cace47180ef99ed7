using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Deadlines;
using Rathaus.Concerns.Mails;
using Rathaus.Concerns.Model;
using Rathaus.Concerns.Routing;
using Rathaus.Data;
using Rathaus.Mail.Outbox;
using Rathaus.Platform.Audit;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Concerns.Intake;

/// <summary>A file that passed the upload checks (type by content, size, metadata removed).</summary>
public sealed record AcceptedFile(string FileName, string ContentType, byte[] Content);

/// <summary>An answer to a category's question, checked against the question's datatype.</summary>
public sealed record SubmittedAttribute(string Code, string Label, string Value, string? ValueName);

/// <param name="Latitude">WGS 84, checked by the caller to lie within the city.</param>
/// <param name="AlsoStore">Lets a channel add its own records for the concern, stored in the same transaction.</param>
public sealed record ConcernSubmission(
    Guid IdempotencyKey,
    ConcernKind Kind,
    int? CategoryId,
    string Description,
    string? LocationText,
    string? District,
    string? ContactName,
    string? ContactEmail,
    string? ContactPhone,
    string Language,
    Channel Channel,
    IReadOnlyList<AcceptedFile> Files,
    double? Latitude = null,
    double? Longitude = null,
    IReadOnlyList<SubmittedAttribute>? Attributes = null,
    Action<Concern>? AlsoStore = null)
{
    /// <summary>The first timeline entry's text when it should say more than the description (e.g. the whole mail).</summary>
    public string? EntryText { get; init; }

    /// <summary>A unit fixed by the channel instead of the routing (a petition to the council goes to the council office).</summary>
    public int? OrgUnitId { get; init; }
}

public sealed record SubmittedConcern(long Id, string ReferenceNumber, string TrackingToken, bool WasAlreadySubmitted);

/// <summary>
/// Takes in a concern from any channel: routes it, numbers it and stores it with its files, its first timeline entry
/// and the acknowledgement mail in one transaction. Only after the commit does the citizen see "received".
/// </summary>
public sealed class ConcernIntake(RathausDb db, ConcernRouting routing, ConcernDeadlines deadlines, OrgChartService orgChart, TrackingTokens tokens, Outbox outbox, AuditLog audit, TimeProvider clock)
{
    public async Task<SubmittedConcern> SubmitAsync(ConcernSubmission submission, Func<string, string> trackingUrl, CancellationToken ct)
    {
        if (await FindAsync(submission.IdempotencyKey, ct) is { } earlier)
        {
            return earlier;
        }

        var unitId = submission.OrgUnitId ?? await routing.ResponsibleUnitAsync(submission.CategoryId, submission.District, ct);
        var token = tokens.New();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var concern = await AddAsync(submission, unitId, token, trackingUrl, acknowledge: true, ct);
            await transaction.CommitAsync(ct);
            return new SubmittedConcern(concern.Id, concern.ReferenceNumber, token.Token, WasAlreadySubmitted: false);
        }
        catch (DbUpdateException)
        {
            // The same form was submitted twice at the same moment: the other request stored it.
            db.ChangeTracker.Clear();
            if (await FindAsync(submission.IdempotencyKey, ct) is { } raced)
            {
                return raced;
            }

            throw;
        }
    }

    /// <summary>
    /// Stores and numbers a concern in the caller's open transaction (the mail intake writes its record of the mail
    /// there too), with its files and, if wanted and possible, the acknowledgement mail. The caller commits.
    /// The number is drawn last: the year's counter row stays locked until the commit, and every submission waits
    /// for it (bench/concerns). So the concern, its entry and its files are written first under a provisional
    /// number, and only one small round trip (number, mail, audit) follows while the lock is held.
    /// </summary>
    /// <param name="newToken">From <see cref="TrackingTokens.New"/>, drawn BEFORE the transaction: the first use of data
    /// protection (and every key rotation) writes a key through another connection, which on SQLite would wait for
    /// this transaction's write lock forever.</param>
    internal async Task<Concern> AddAsync(ConcernSubmission submission, int unitId, (string Token, byte[] Hash, string Protected) newToken, Func<string, string> trackingUrl, bool acknowledge, CancellationToken ct)
    {
        var replyTo = await orgChart.UnitMailboxAsync(unitId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var (token, hash, protectedToken) = newToken;
        var concern = new Concern
        {
            // Provisional, unique and never committed: replaced by the real number before the commit.
            ReferenceNumber = "~" + Guid.NewGuid().ToString("N")[..19],
            Year = now.Year,
            Sequence = -System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, int.MaxValue),
            TrackingTokenHash = hash,
            TrackingTokenProtected = protectedToken,
            IdempotencyKey = submission.IdempotencyKey,
            Kind = submission.Kind,
            CategoryId = submission.CategoryId,
            Description = submission.Description,
            LocationText = submission.LocationText,
            District = submission.District,
            Latitude = submission.Latitude,
            Longitude = submission.Longitude,
            ContactName = submission.ContactName,
            ContactEmail = submission.ContactEmail,
            ContactPhone = submission.ContactPhone,
            Language = submission.Language,
            Channel = submission.Channel,
            Status = ConcernStatus.Received,
            OrgUnitId = unitId,
            ReceivedAt = now,
        };
        var entry = new ConcernEntry { Concern = concern, At = now, Kind = EntryKind.Submitted, IsPublic = true, Text = submission.EntryText ?? submission.Description };
        concern.Entries.Add(entry);
        var order = 0;
        foreach (var attribute in submission.Attributes ?? [])
        {
            concern.AttributeValues.Add(new ConcernAttributeValue { Code = attribute.Code, Label = attribute.Label, Value = attribute.Value, ValueName = attribute.ValueName, Order = order++ });
        }

        await deadlines.SetOnIntakeAsync(concern, ct);
        db.Concerns.Add(concern);
        submission.AlsoStore?.Invoke(concern);
        await db.SaveChangesAsync(ct); // ids for the files
        foreach (var file in submission.Files)
        {
            concern.Attachments.Add(ConcernAttachment.From(file, entry.Id, now, fromCitizen: true));
        }

        await db.SaveChangesAsync(ct); // the files, possibly megabytes, before the counter is locked

        (concern.Sequence, concern.ReferenceNumber) = await ReferenceNumbers.NextAsync(db, now.Year, ct);
        if (acknowledge && concern.ContactEmail is not null)
        {
            outbox.Enqueue(ConcernMails.Acknowledgement(concern, trackingUrl(token), replyTo ?? concern.ContactEmail));
        }

        audit.Record("Concern.Submitted", nameof(Concern), concern.ReferenceNumber, null,
            new { concern.Kind, concern.CategoryId, concern.Channel, concern.OrgUnitId, concern.FirstReplyDueAt, concern.DueAt, Files = submission.Files.Count },
            actor: RecordedByStaff(submission.Channel) ? null : "Bürgerin/Bürger");
        await db.SaveChangesAsync(ct);
        return concern;
    }

    /// <summary>Phone, counter and letter are typed in by staff: the audit names them, not "the citizen".</summary>
    private static bool RecordedByStaff(Channel channel) => channel is Channel.Phone or Channel.Counter or Channel.Letter;

    private async Task<SubmittedConcern?> FindAsync(Guid idempotencyKey, CancellationToken ct)
    {
        var found = await db.Concerns.AsNoTracking()
            .Where(c => c.IdempotencyKey == idempotencyKey)
            .Select(c => new { c.Id, c.ReferenceNumber, c.TrackingTokenProtected })
            .SingleOrDefaultAsync(ct);
        return found is null ? null : new SubmittedConcern(found.Id, found.ReferenceNumber, tokens.Reveal(found.TrackingTokenProtected), WasAlreadySubmitted: true);
    }
}
