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
    IReadOnlyList<AcceptedFile> Files);

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

        var unitId = await routing.ResponsibleUnitAsync(submission.CategoryId, submission.District, ct);
        var replyTo = await orgChart.UnitMailboxAsync(unitId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var (token, hash, protectedToken) = tokens.New();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var (sequence, reference) = await ReferenceNumbers.NextAsync(db, now.Year, ct);
            var concern = new Concern
            {
                ReferenceNumber = reference,
                Year = now.Year,
                Sequence = sequence,
                TrackingTokenHash = hash,
                TrackingTokenProtected = protectedToken,
                IdempotencyKey = submission.IdempotencyKey,
                Kind = submission.Kind,
                CategoryId = submission.CategoryId,
                Description = submission.Description,
                LocationText = submission.LocationText,
                District = submission.District,
                ContactName = submission.ContactName,
                ContactEmail = submission.ContactEmail,
                ContactPhone = submission.ContactPhone,
                Language = submission.Language,
                Channel = submission.Channel,
                Status = ConcernStatus.Received,
                OrgUnitId = unitId,
                ReceivedAt = now,
            };
            await deadlines.SetOnIntakeAsync(concern, ct);
            var entry = new ConcernEntry { Concern = concern, At = now, Kind = EntryKind.Submitted, IsPublic = true, Text = submission.Description };
            concern.Entries.Add(entry);
            db.Concerns.Add(concern);
            await db.SaveChangesAsync(ct); // ids for the files and the mail

            foreach (var file in submission.Files)
            {
                concern.Attachments.Add(ConcernAttachment.From(file, entry.Id, now, fromCitizen: true));
            }

            if (concern.ContactEmail is not null)
            {
                outbox.Enqueue(ConcernMails.Acknowledgement(concern, trackingUrl(token), replyTo ?? concern.ContactEmail));
            }

            audit.Record("Concern.Submitted", nameof(Concern), reference, null, new { concern.Kind, concern.CategoryId, concern.Channel, concern.OrgUnitId, concern.FirstReplyDueAt, concern.DueAt, Files = submission.Files.Count }, actor: "Bürgerin/Bürger");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new SubmittedConcern(concern.Id, reference, token, WasAlreadySubmitted: false);
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

    private async Task<SubmittedConcern?> FindAsync(Guid idempotencyKey, CancellationToken ct)
    {
        var found = await db.Concerns.AsNoTracking()
            .Where(c => c.IdempotencyKey == idempotencyKey)
            .Select(c => new { c.Id, c.ReferenceNumber, c.TrackingTokenProtected })
            .SingleOrDefaultAsync(ct);
        return found is null ? null : new SubmittedConcern(found.Id, found.ReferenceNumber, tokens.Reveal(found.TrackingTokenProtected), WasAlreadySubmitted: true);
    }
}
