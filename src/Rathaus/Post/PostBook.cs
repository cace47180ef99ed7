using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Model;
using Rathaus.Data;
using Rathaus.Platform.Audit;
using Rathaus.Platform.Auth;

namespace Rathaus.Post;

/// <summary>What the mailroom typed in for one letter, checked.</summary>
public sealed record PostRegistration(
    Guid IdempotencyKey,
    int SiteId,
    PostKind Kind,
    string Sender,
    DateOnly? LetterDate,
    string Subject,
    int AddresseeUnitId,
    int? AddresseePositionId,
    int? Pages,
    int? CategoryId,
    AcceptedFile? Scan,
    Guid? StaffMemberId,
    int? PositionId);

public sealed record RegisteredPost(long Id, string Number, string? ReferenceNumber, string? TrackingToken);

/// <summary>
/// The Posteingangsbuch: numbers a letter per site and year and passes it on. A citizen's concern goes through the
/// concern intake first (its own transaction, idempotent by the same key), then the book entry names it; a retry after
/// a failure in between finds the concern and completes the entry, so no letter is lost or doubled.
/// </summary>
public sealed class PostBook(RathausDb db, ConcernIntake intake, AuditLog audit, TimeProvider clock)
{
    public async Task<RegisteredPost> RegisterAsync(PostRegistration registration, Func<string, string> trackingUrl, CancellationToken ct)
    {
        if (await FindAsync(registration.IdempotencyKey, ct) is { } earlier)
        {
            return earlier;
        }

        SubmittedConcern? concern = null;
        if (registration.Kind == PostKind.CitizenConcern)
        {
            concern = await intake.SubmitAsync(new ConcernSubmission(
                registration.IdempotencyKey, ConcernKind.Question, registration.CategoryId,
                $"{registration.Subject}\n\n(Brief, erfasst in der Poststelle; der Scan ist angehängt.)",
                null, null, FirstLine(registration.Sender), null, null, "de", Channel.Letter,
                registration.Scan is null ? [] : [registration.Scan]), trackingUrl, ct);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var siteCode = await db.Sites.Where(s => s.Id == registration.SiteId).Select(s => s.Code).SingleAsync(ct);
            var item = new PostItem
            {
                IdempotencyKey = registration.IdempotencyKey,
                SiteId = registration.SiteId,
                Year = now.Year,

                // Provisional, unique and never committed: replaced by the real number before the commit.
                Sequence = -RandomNumberGenerator.GetInt32(1, int.MaxValue),
                Number = "~" + Guid.NewGuid().ToString("N")[..19],
                Kind = registration.Kind,
                Sender = registration.Sender,
                LetterDate = registration.LetterDate,
                ReceivedAt = now,
                Subject = registration.Subject,
                AddresseeUnitId = registration.AddresseeUnitId,
                AddresseePositionId = registration.AddresseePositionId,
                Pages = registration.Pages,
                RegisteredByStaffId = registration.StaffMemberId,
                RegisteredByPositionId = registration.PositionId,
                ConcernId = concern?.Id,
                ScanFileName = registration.Scan?.FileName,
                ScanContentType = registration.Scan?.ContentType,
                ScanSha256 = registration.Scan is null ? null : SHA256.HashData(registration.Scan.Content),
                ScanContent = registration.Scan?.Content,
            };
            db.PostItems.Add(item);
            await db.SaveChangesAsync(ct); // the scan, possibly megabytes, before the site's counter is locked

            // The counter row stays locked until the commit: only the number and the audit entry follow.
            item.Sequence = await NextSequenceAsync(registration.SiteId, now.Year, ct);
            item.Number = string.Create(CultureInfo.InvariantCulture, $"{siteCode}-{now.Year}-{item.Sequence:D5}");
            audit.Record("PostItem.Registered", nameof(PostItem), item.Number, null,
                new { item.Kind, item.SiteId, item.AddresseeUnitId, item.AddresseePositionId, Concern = concern?.ReferenceNumber, Scan = item.ScanFileName });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new RegisteredPost(item.Id, item.Number, concern?.ReferenceNumber, concern?.TrackingToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // the same form at the same moment: the other request registered it
            return await FindAsync(registration.IdempotencyKey, ct) ?? throw new InvalidOperationException("The post item could not be registered.");
        }
    }

    /// <summary>The site of the user's acting position's unit: where their letters usually arrive.</summary>
    public async Task<int?> OwnSiteAsync(ClaimsPrincipal user, CancellationToken ct) =>
        int.TryParse(user.FindFirstValue(StaffClaims.ActingPositionId), NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            ? await db.Positions.Where(p => p.Id == position).Select(p => p.OrgUnit!.SiteId).SingleOrDefaultAsync(ct)
            : null;

    /// <summary>Earlier registrations of the same scan, for the warning before a double registration.</summary>
    public Task<List<string>> SameScanAsync(byte[] content, CancellationToken ct)
    {
        var hash = SHA256.HashData(content);
        return db.PostItems.Where(p => p.ScanSha256 == hash).OrderBy(p => p.Id).Select(p => p.Number).ToListAsync(ct);
    }

    private async Task<RegisteredPost?> FindAsync(Guid key, CancellationToken ct)
    {
        var found = await db.PostItems.AsNoTracking().Where(p => p.IdempotencyKey == key)
            .Select(p => new { p.Id, p.Number, Reference = p.Concern == null ? null : p.Concern.ReferenceNumber })
            .SingleOrDefaultAsync(ct);
        return found is null ? null : new RegisteredPost(found.Id, found.Number, found.Reference, null);
    }

    /// <summary>Gap-free per site and year, like the reference numbers of concerns (INSERT … ON CONFLICT … RETURNING).</summary>
    private async Task<int> NextSequenceAsync(int siteId, int year, CancellationToken ct)
    {
        var last = await db.Database.SqlQuery<int>($"""
            INSERT INTO "PostBookCounters" ("SiteId", "Year", "Last") VALUES ({siteId}, {year}, 1)
            ON CONFLICT ("SiteId", "Year") DO UPDATE SET "Last" = "PostBookCounters"."Last" + 1
            RETURNING "Last" AS "Value"
            """).ToListAsync(ct);
        return last[0];
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
