using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Mails;
using Rathaus.Concerns.Model;
using Rathaus.Council.Model;
using Rathaus.Council.Pages;
using Rathaus.Data;
using Rathaus.Mail.Outbox;
using Rathaus.Platform.Audit;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Council.Petitions;

/// <summary>
/// Anregungen und Beschwerden an den Rat (§ 34 NKomVG): a concern becomes a petition handled by the council office,
/// is put on a committee meeting's agenda, and its outcome reaches the citizen on the tracking page and by mail.
/// The texts for the citizen are written into the concern's timeline in the citizen's language (the timeline stores
/// text, not keys), signed by the office's unit and position.
/// </summary>
public sealed class CouncilPetitions(RathausDb db, AuditLog audit, Outbox outbox, TrackingTokens tokens, StaffNotices notices)
{
    /// <summary>Only suggestions and complaints go to the council; questions and defect reports are the administration's.</summary>
    public static bool MayGoToCouncil(ConcernKind kind) => kind is ConcernKind.Suggestion or ConcernKind.Complaint;

    /// <summary>The council office's unit: where its positions sit (its lead's first).</summary>
    public async Task<int?> CouncilOfficeUnitIdAsync(CancellationToken ct) =>
        await db.Positions.AsNoTracking()
            .Where(p => p.IsActive && (p.Roles & PositionRole.CouncilOffice) == PositionRole.CouncilOffice)
            .OrderByDescending(p => p.IsLead).ThenBy(p => p.Id)
            .Select(p => (int?)p.OrgUnitId).FirstOrDefaultAsync(ct);

    /// <summary>For the intake: the petition is stored with its new concern, in the same transaction.</summary>
    public void AddWith(Concern concern, DateTime now) =>
        db.CouncilPetitions.Add(new CouncilPetition { Concern = concern, Status = PetitionStatus.Received, Created = now });

    /// <summary>
    /// The council office turns a concern into a petition: it moves to the office's unit, and the citizen reads why.
    /// Returns a German refusal (a resx key) when that is not possible.
    /// </summary>
    public async Task<(CouncilPetition? Petition, string? Refusal)> ConvertAsync(Concern concern, Position acting, DateTime now, CancellationToken ct)
    {
        if (!MayGoToCouncil(concern.Kind))
        {
            return (null, Texts.Key("Nur Anregungen und Beschwerden können an den Rat gerichtet werden."));
        }

        if (concern.Status is ConcernStatus.Resolved or ConcernStatus.Rejected or ConcernStatus.Withdrawn || concern.MergedIntoId is not null)
        {
            return (null, Texts.Key("Ein abgeschlossenes Anliegen kann nicht mehr an den Rat gerichtet werden."));
        }

        if (await db.CouncilPetitions.AnyAsync(p => p.ConcernId == concern.Id, ct))
        {
            return (null, Texts.Key("Dieses Anliegen ist bereits an den Rat gerichtet."));
        }

        var before = new { concern.OrgUnitId, concern.AssignedPositionId, concern.Status };
        concern.OrgUnitId = acting.OrgUnitId;
        concern.AssignedPositionId = acting.Id;
        concern.Status = ConcernStatus.InProgress;
        var petition = new CouncilPetition { ConcernId = concern.Id, Status = PetitionStatus.Received, Created = now };
        db.CouncilPetitions.Add(petition);
        AddEntry(concern, acting, now, EntryKind.StatusChange, ConcernStatus.InProgress, concern.Language == "en"
            ? $"Your concern is addressed to the council as a {(concern.Kind == ConcernKind.Complaint ? "complaint" : "suggestion")} under section 34 NKomVG. The council office prepares its discussion in a committee."
            : $"Ihr Anliegen wird als {KindName(concern.Kind)} nach § 34 NKomVG an den Rat gerichtet. Das Ratsbüro bereitet die Beratung in einem Ausschuss vor.");
        await db.SaveChangesAsync(ct);
        audit.Record("Concern.ConvertedToPetition", nameof(Concern), concern.ReferenceNumber, before,
            new { concern.OrgUnitId, concern.AssignedPositionId, concern.Status, Petition = petition.Id });
        return (petition, null);
    }

    /// <summary>Puts the petition on a meeting's agenda as a new item at the end; the citizen learns when it is treated.</summary>
    public async Task<AgendaItem> ScheduleAsync(CouncilPetition petition, Meeting meeting, string title, bool isPublic, Position acting, DateTime now, CancellationToken ct)
    {
        var concern = petition.Concern!;
        var items = await db.AgendaItems.Where(a => a.MeetingId == meeting.Id && !a.Deleted).Select(a => new { a.Order, a.Public }).ToListAsync(ct);
        var item = new AgendaItem
        {
            MeetingId = meeting.Id,
            Number = $"{(isPublic ? "Ö" : "N")} {items.Count(a => a.Public == isPublic) + 1}",
            Order = items.Count == 0 ? 1 : items.Max(a => a.Order) + 1,
            Name = title,
            Public = isPublic,
        };
        item.Stamp(now);
        db.AgendaItems.Add(item);
        meeting.Modified = now; // OParl embeds agenda items in the meeting
        var before = petition.Snapshot();
        petition.AgendaItem = item;
        petition.Status = PetitionStatus.Scheduled;
        var day = CouncilTime.Date(DateOnly.FromDateTime(CouncilTime.Local(meeting.Start)));
        AddEntry(concern, acting, now, EntryKind.StatusChange, null, concern.Language == "en"
            ? $"Your {(concern.Kind == ConcernKind.Complaint ? "complaint" : "suggestion")} is on the agenda: {meeting.Name}, on {day}, agenda item {item.Number}."
            : $"Ihre {KindName(concern.Kind)} steht auf der Tagesordnung: {meeting.Name}, am {day}, Tagesordnungspunkt {item.Number}.");
        await db.SaveChangesAsync(ct);
        audit.Record("AgendaItem.Created", nameof(AgendaItem), item.Id.ToString(CultureInfo.InvariantCulture), null,
            new { item.MeetingId, item.Number, item.Name, item.Public, Petition = petition.Id });
        audit.Record("Petition.Scheduled", nameof(CouncilPetition), petition.Id.ToString(CultureInfo.InvariantCulture), before, petition.Snapshot());
        return item;
    }

    /// <summary>The committee has decided: the citizen reads the outcome on the tracking page and gets it by mail.</summary>
    public async Task DecideAsync(CouncilPetition petition, string outcome, Position acting, DateTime now, Func<string, string> trackingUrl, CancellationToken ct)
    {
        var concern = petition.Concern!;
        var before = petition.Snapshot();
        petition.Outcome = outcome;
        petition.Status = PetitionStatus.Decided;
        petition.DecidedAt = now;
        concern.Status = ConcernStatus.Resolved;
        concern.ClosedAt = now;
        concern.FirstReplyAt ??= now;
        var signature = Signature(acting);
        AddEntry(concern, acting, now, EntryKind.Reply, ConcernStatus.Resolved, outcome);
        if (concern.ContactEmail is not null)
        {
            var replyTo = await notices.MailboxAsync(concern, ct) ?? acting.Mailbox;
            outbox.Enqueue(ConcernMails.Reply(concern, outcome, signature, trackingUrl(tokens.Reveal(concern.TrackingTokenProtected)), replyTo));
        }

        audit.Record("Petition.Decided", nameof(CouncilPetition), petition.Id.ToString(CultureInfo.InvariantCulture), before, petition.Snapshot());
        await db.SaveChangesAsync(ct);
    }

    private static string KindName(ConcernKind kind) => kind == ConcernKind.Complaint ? "Beschwerde" : "Anregung";

    private static Signature Signature(Position acting) => new(acting.OrgUnit!.Name, acting.Title);

    private void AddEntry(Concern concern, Position acting, DateTime now, EntryKind kind, ConcernStatus? newStatus, string text) =>
        db.ConcernEntries.Add(new ConcernEntry
        {
            ConcernId = concern.Id,
            At = now,
            Kind = kind,
            IsPublic = true,
            Text = text,
            NewStatus = newStatus,
            SignedByUnit = acting.OrgUnit!.Name,
            SignedByPosition = acting.Title,
            PositionId = acting.Id,
        });
}
