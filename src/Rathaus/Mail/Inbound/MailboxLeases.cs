using Microsoft.EntityFrameworkCore;
using Rathaus.Data;

namespace Rathaus.Mail.Inbound;

/// <summary>The claim on a mailbox was lost to another node: stop reading it.</summary>
public sealed class MailboxLeaseLostException(string mailbox) : Exception($"The claim on mailbox {mailbox} was lost to another node.");

/// <summary>
/// Exactly one node reads a mailbox: a row per mailbox names the holder and until when. Taking or renewing it is one
/// conditional UPDATE, atomic on PostgreSQL (the row lock makes a second node re-check the condition and fail) and on
/// SQLite (one writer); a node that dies stops renewing and loses the mailbox when its lease runs out.
/// </summary>
internal static class MailboxLeases
{
    public static async Task<bool> HoldAsync(RathausDb db, string mailbox, string node, DateTime now, TimeSpan duration, CancellationToken ct)
    {
        // INSERT … ON CONFLICT DO NOTHING is understood by PostgreSQL and SQLite alike.
        await db.Database.ExecuteSqlAsync($"""INSERT INTO "MailboxLeases" ("Mailbox") VALUES ({mailbox}) ON CONFLICT DO NOTHING""", ct);
        var until = now + duration;
        var taken = await db.MailboxLeases
            .Where(l => l.Mailbox == mailbox && (l.HeldBy == node || l.HeldUntil == null || l.HeldUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.HeldBy, node).SetProperty(l => l.HeldUntil, until), ct);
        return taken == 1;
    }

    /// <summary>Inside the intake's transaction: renews the lease, or throws if it is no longer ours (never two writers).</summary>
    public static async Task RenewAsync(RathausDb db, string mailbox, string node, DateTime now, TimeSpan duration, CancellationToken ct)
    {
        var until = now + duration;
        var renewed = await db.MailboxLeases
            .Where(l => l.Mailbox == mailbox && l.HeldBy == node)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.HeldUntil, until), ct);
        if (renewed != 1)
        {
            throw new MailboxLeaseLostException(mailbox);
        }
    }

    /// <summary>On an orderly stop: another node may take over at once instead of waiting for the lease to run out.</summary>
    public static Task ReleaseAsync(RathausDb db, string mailbox, string node) =>
        db.MailboxLeases.Where(l => l.Mailbox == mailbox && l.HeldBy == node)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.HeldBy, (string?)null).SetProperty(l => l.HeldUntil, (DateTime?)null), CancellationToken.None);
}
