using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using Rathaus.Concerns.Deadlines;
using Rathaus.Concerns.Inbox;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Mails;
using Rathaus.Concerns.Model;
using Rathaus.Concerns.Submit;
using Rathaus.Data;
using Rathaus.Mail.Outbox;
using Rathaus.Platform;
using Rathaus.Platform.Audit;
using Rathaus.Platform.Auth;
using Rathaus.Platform.Layout;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Concerns.Detail;

/// <summary>
/// The case worker's actions on a concern (take over, assign, forward, reply, question, note, status, follow-up, merge).
/// Each one checks that the user may see the concern and that nobody changed it since the detail page was loaded,
/// then stores the change, its timeline entry, its audit entry and its mail in one SaveChanges, and goes back to the
/// detail page (post/redirect/get).
/// </summary>
[Authorize]
public sealed class ConcernActionsModel(
    RathausDb db, ConcernAccess access, StaffNotices notices, ConcernDeadlines deadlines, AuditLog audit, Outbox outbox, TrackingTokens tokens,
    IConfiguration configuration, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    /// <summary>The version the detail page showed; a change in between is a conflict.</summary>
    [BindProperty]
    public int? Version { get; set; }

    [TempData]
    public string? Message { get; set; }

    private Concern _concern = null!;
    private Position _acting = null!;
    private DateTime _now;

    /// <summary>Only the named post handlers exist; a GET or an unknown action is "not found".</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod is null)
        {
            context.Result = NotFound();
            return;
        }

        await next();
    }

    public Task<IActionResult> OnPostUebernehmenAsync(string reference, CancellationToken ct) => ActAsync(reference, () =>
    {
        var before = Snapshot();
        _concern.AssignedPositionId = _acting.Id;
        AddEntry(EntryKind.Assignment, isPublic: false, toPositionId: _acting.Id);
        if (_concern.Status == ConcernStatus.Received)
        {
            _concern.Status = ConcernStatus.InProgress;
            AddEntry(EntryKind.StatusChange, isPublic: true, newStatus: ConcernStatus.InProgress);
        }

        audit.Record("Concern.TakenOver", nameof(Concern), _concern.ReferenceNumber, before, Snapshot());
        return Done(t["Sie haben das Anliegen {0} übernommen.", _concern.ReferenceNumber]);
    }, ct);

    public Task<IActionResult> OnPostZuweisenAsync(string reference, int? positionId, CancellationToken ct) => ActAsync(reference, async () =>
    {
        var position = positionId is null ? null
            : await db.Positions.SingleOrDefaultAsync(p => p.Id == positionId && p.OrgUnitId == _concern.OrgUnitId && p.IsActive, ct);
        if (position is null)
        {
            return Refused(t["Bitte wählen Sie eine aktive Stelle der zuständigen Einheit."]);
        }

        var before = Snapshot();
        _concern.AssignedPositionId = position.Id;
        AddEntry(EntryKind.Assignment, isPublic: false, toPositionId: position.Id);
        audit.Record("Concern.Assigned", nameof(Concern), _concern.ReferenceNumber, before, Snapshot());
        return Done(t["Das Anliegen {0} ist jetzt der Stelle „{1}“ zugewiesen.", _concern.ReferenceNumber, position.Title]);
    }, ct);

    public Task<IActionResult> OnPostWeiterleitenAsync(string reference, int? unitId, string? reason, CancellationToken ct) => ActAsync(reference, async () =>
    {
        var unit = unitId is null ? null : await db.OrgUnits.SingleOrDefaultAsync(u => u.Id == unitId && u.IsActive, ct);
        if (unit is null || unit.Id == _concern.OrgUnitId)
        {
            return Refused(t["Bitte wählen Sie eine andere aktive Einheit, an die das Anliegen gehen soll."]);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Refused(t["Bitte geben Sie einen Grund für die Weiterleitung an. Die empfangende Einheit sieht ihn."]);
        }

        var before = Snapshot();
        _concern.OrgUnitId = unit.Id;
        _concern.AssignedPositionId = null;
        await deadlines.RecomputeForForwardAsync(_concern, _now, ct);

        // Public, so that the citizen's timeline says „An die zuständige Stelle weitergegeben“; the reason itself is never shown there.
        AddEntry(EntryKind.Forward, isPublic: true, text: reason.Trim(), toUnitId: unit.Id);
        audit.Record("Concern.Forwarded", nameof(Concern), _concern.ReferenceNumber, before, Snapshot());
        return Done(t["Das Anliegen {0} wurde an „{1}“ weitergeleitet.", _concern.ReferenceNumber, unit.Name]);
    }, ct);

    /// <summary>Thema ändern: the deadlines are counted anew with the new category's periods.</summary>
    public Task<IActionResult> OnPostThemaAsync(string reference, int? categoryId, CancellationToken ct) => ActAsync(reference, async () =>
    {
        var category = categoryId is null ? null
            : await db.Categories.SingleOrDefaultAsync(c => c.Id == categoryId && c.IsActive && !db.Categories.Any(child => child.ParentId == c.Id), ct);
        if (category is null || category.Id == _concern.CategoryId)
        {
            return Refused(t["Bitte wählen Sie ein anderes aktives Thema."]);
        }

        var before = Snapshot();
        _concern.CategoryId = category.Id;
        await deadlines.RecomputeForCategoryAsync(_concern, _now, ct);
        AddEntry(EntryKind.Note, isPublic: false, text: $"Thema geändert: {category.Name}"); // internal, stays German
        audit.Record("Concern.CategoryChanged", nameof(Concern), _concern.ReferenceNumber, before, Snapshot());
        return Done(t["Das Thema ist jetzt „{0}“; die Fristen wurden neu berechnet.", category.Name]);
    }, ct);

    public Task<IActionResult> OnPostAntwortenAsync(string reference, string? text, bool close, CancellationToken ct) => ActAsync(reference, async () =>
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Refused(t["Bitte schreiben Sie die Antwort an die Bürgerin oder den Bürger."]);
        }

        var before = Snapshot();
        _concern.FirstReplyAt ??= _now;
        if (close)
        {
            Close(ConcernStatus.Resolved);
        }

        var signature = await SignatureAsync(ct);
        AddEntry(EntryKind.Reply, isPublic: true, text: text.Trim(), newStatus: close ? ConcernStatus.Resolved : null, signature: signature);
        if (_concern.ContactEmail is not null)
        {
            outbox.Enqueue(ConcernMails.Reply(_concern, text.Trim(), signature, TrackingUrl(), await ReplyToAsync(ct)));
        }

        audit.Record("Concern.Replied", nameof(Concern), _concern.ReferenceNumber, before, Snapshot());
        return Done(close
            ? t["Die Antwort wurde gespeichert und das Anliegen {0} abgeschlossen.", _concern.ReferenceNumber]
            : t["Die Antwort zum Anliegen {0} wurde gespeichert.", _concern.ReferenceNumber]);
    }, ct);

    public Task<IActionResult> OnPostRueckfrageAsync(string reference, string? text, CancellationToken ct) => ActAsync(reference, async () =>
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Refused(t["Bitte schreiben Sie Ihre Rückfrage an die Bürgerin oder den Bürger."]);
        }

        var before = Snapshot();
        _concern.Status = ConcernStatus.WaitingForCitizen;
        _concern.ClosedAt = null;
        var signature = await SignatureAsync(ct);
        AddEntry(EntryKind.Question, isPublic: true, text: text.Trim(), newStatus: ConcernStatus.WaitingForCitizen, signature: signature);
        if (_concern.ContactEmail is not null)
        {
            outbox.Enqueue(ConcernMails.Question(_concern, text.Trim(), signature, TrackingUrl(), await ReplyToAsync(ct)));
        }

        audit.Record("Concern.QuestionAsked", nameof(Concern), _concern.ReferenceNumber, before, Snapshot());
        return Done(t["Die Rückfrage zum Anliegen {0} wurde gespeichert.", _concern.ReferenceNumber]);
    }, ct);

    public Task<IActionResult> OnPostVermerkAsync(string reference, string? text, CancellationToken ct) => ActAsync(reference, () =>
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Refused(t["Bitte schreiben Sie den Vermerk."]);
        }

        AddEntry(EntryKind.Note, isPublic: false, text: text.Trim());
        audit.Record("Concern.NoteAdded", nameof(Concern), _concern.ReferenceNumber, null, new { Note = text.Trim() });
        return Done(t["Der Vermerk wurde gespeichert."]);
    }, ct);

    public Task<IActionResult> OnPostStatusAsync(string reference, ConcernStatus? status, string? comment, CancellationToken ct) => ActAsync(reference, async () =>
    {
        if (status is not { } next || !ConcernStatusRules.MayChange(_concern.Status, next))
        {
            return Refused(t["Dieser Statuswechsel ist nicht möglich. Bitte wählen Sie einen anderen Status."]);
        }

        var before = Snapshot();
        if (ConcernStatusRules.IsClosed(next))
        {
            Close(next);
        }
        else
        {
            _concern.Status = next;
            _concern.ClosedAt = null; // reopened
        }

        var signature = await SignatureAsync(ct);
        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        AddEntry(EntryKind.StatusChange, isPublic: true, text: text, newStatus: next, signature: signature);
        if (_concern.ContactEmail is not null)
        {
            outbox.Enqueue(ConcernMails.StatusChanged(_concern, text, signature, TrackingUrl(), await ReplyToAsync(ct)));
        }

        audit.Record("Concern.StatusChanged", nameof(Concern), _concern.ReferenceNumber, before, Snapshot());
        return Done(t["Der Status des Anliegens {0} ist jetzt „{1}“.", _concern.ReferenceNumber, t[ConcernTexts.StatusName(next)]]);
    }, ct);

    public Task<IActionResult> OnPostWiedervorlageAsync(string reference, DateOnly? followUpOn, CancellationToken ct) => ActAsync(reference, () =>
    {
        if (followUpOn is { } day && day < clock.Today()) // the day in Lüneburg, not in UTC
        {
            return Refused(t["Das Datum der Wiedervorlage darf nicht in der Vergangenheit liegen."]);
        }

        var before = Snapshot();
        _concern.FollowUpOn = followUpOn;
        AddEntry(EntryKind.FollowUp, isPublic: false, text: followUpOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        audit.Record("Concern.FollowUpSet", nameof(Concern), _concern.ReferenceNumber, before, Snapshot());
        return Done(followUpOn is { } date
            ? t["Wiedervorlage am {0} ist eingetragen.", date.ToString("d", CultureInfo.CurrentCulture)]
            : t["Die Wiedervorlage wurde entfernt."]);
    }, ct);

    public Task<IActionResult> OnPostZusammenfuehrenAsync(string reference, string? target, CancellationToken ct) => ActAsync(reference, async () =>
    {
        var other = string.IsNullOrWhiteSpace(target) || target.Trim() == _concern.ReferenceNumber
            ? null
            : await access.FindVisibleAsync(User, target.Trim(), ct);
        if (other is null)
        {
            return Refused(t["Bitte geben Sie die Vorgangsnummer eines anderen Anliegens an, das Sie sehen dürfen (zum Beispiel 2026-000123)."]);
        }

        if (_concern.MergedIntoId is not null || other.MergedIntoId is not null)
        {
            return Refused(t["Das geht nicht: Eines der beiden Anliegen wurde schon mit einem anderen zusammengeführt."]);
        }

        var before = Snapshot();
        _concern.MergedIntoId = other.Id;
        Close(ConcernStatus.Resolved);
        var signature = await SignatureAsync(ct);
        AddEntry(EntryKind.Merge, isPublic: true, text: other.ReferenceNumber, newStatus: ConcernStatus.Resolved, signature: signature);
        db.ConcernEntries.Add(new ConcernEntry
        {
            ConcernId = other.Id,
            At = _now,
            Kind = EntryKind.Note,
            IsPublic = false,
            Text = $"Das Anliegen {_concern.ReferenceNumber} wurde als Dublette hierher zusammengeführt.", // internal, stays German
            StaffMemberId = StaffMemberId,
            PositionId = _acting.Id,
        });
        var replyTo = await ReplyToAsync(ct);
        if (_concern.ContactEmail is not null)
        {
            outbox.Enqueue(ConcernMails.Merged(_concern, other.ReferenceNumber, duplicate: true, signature, TrackingUrl(), replyTo));
        }

        if (other.ContactEmail is not null)
        {
            outbox.Enqueue(ConcernMails.Merged(other, _concern.ReferenceNumber, duplicate: false, signature,
                TrackingLinks.Url(Request, configuration, tokens.Reveal(other.TrackingTokenProtected)), replyTo));
        }

        audit.Record("Concern.Merged", nameof(Concern), _concern.ReferenceNumber, before, Snapshot());
        return Done(t["Das Anliegen {0} wurde mit dem Anliegen {1} zusammengeführt.", _concern.ReferenceNumber, other.ReferenceNumber]);
    }, ct);

    private Task<IActionResult> ActAsync(string reference, Func<Outcome> apply, CancellationToken ct) =>
        ActAsync(reference, () => Task.FromResult(apply()), ct);

    private async Task<IActionResult> ActAsync(string reference, Func<Task<Outcome>> apply, CancellationToken ct)
    {
        var concern = await access.FindVisibleAsync(User, reference, ct);
        var acting = concern is null ? null : await access.ActingPositionAsync(User, concern, ct);
        if (concern is null || acting is null)
        {
            return NotFound();
        }

        var detail = "/intern/anliegen/" + concern.ReferenceNumber;
        if (concern.Version != Version) // a form without a version is never taken as current
        {
            return ConflictRedirect(detail);
        }

        if (db.Entry(concern).State == EntityState.Detached)
        {
            db.Concerns.Attach(concern); // the access check may read without tracking
        }

        (_concern, _acting, _now) = (concern, acting, clock.GetUtcNow().UtcDateTime);
        var outcome = await apply();
        if (outcome.Refusal is not null)
        {
            TempData[RefusalFilter.Key] = outcome.Refusal;
            return Redirect(detail);
        }

        // Every action counts as a change of the concern: the UPDATE compares the version the user saw and raises it.
        var version = db.Entry(concern).Property(c => c.Version);
        version.OriginalValue = Version!.Value;
        version.IsModified = true;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ConflictRedirect(detail);
        }

        Message = outcome.Message;
        return Redirect(detail);
    }

    private RedirectResult ConflictRedirect(string detail)
    {
        TempData[RefusalFilter.Key] = t["Das Anliegen wurde inzwischen von jemand anderem geändert. Bitte prüfen Sie den aktuellen Stand."].Value;
        return Redirect(detail);
    }

    private static Outcome Done(string message) => new(message, null);

    private static Outcome Refused(string message) => new(null, message);

    private sealed record Outcome(string? Message, string? Refusal);

    private Guid? StaffMemberId => Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    private void Close(ConcernStatus status)
    {
        _concern.Status = status;
        _concern.ClosedAt = _now;
    }

    private void AddEntry(EntryKind kind, bool isPublic, string? text = null, ConcernStatus? newStatus = null,
        Signature? signature = null, int? toPositionId = null, int? toUnitId = null) =>
        db.ConcernEntries.Add(new ConcernEntry
        {
            ConcernId = _concern.Id,
            At = _now,
            Kind = kind,
            IsPublic = isPublic,
            Text = text,
            NewStatus = newStatus,
            SignedByUnit = signature?.Unit,
            SignedByPosition = signature?.Position,
            StaffMemberId = StaffMemberId,
            PositionId = _acting.Id,
            ToPositionId = toPositionId,
            ToOrgUnitId = toUnitId,
        });

    /// <summary>Citizen-facing texts are signed with the acting position and its unit ("Im Auftrag").</summary>
    private async Task<Signature> SignatureAsync(CancellationToken ct)
    {
        var unit = _acting.OrgUnit ?? await db.OrgUnits.SingleAsync(u => u.Id == _acting.OrgUnitId, ct);
        return new Signature(unit.Name, _acting.Title);
    }

    /// <summary>Answers go to the functional mailbox of the assigned position, else to the unit's.</summary>
    private async Task<string> ReplyToAsync(CancellationToken ct) => await notices.MailboxAsync(_concern, ct) ?? _acting.Mailbox;

    private string TrackingUrl() => TrackingLinks.Url(Request, configuration, tokens.Reveal(_concern.TrackingTokenProtected));

    private object Snapshot() => new
    {
        _concern.Status,
        _concern.OrgUnitId,
        _concern.AssignedPositionId,
        _concern.FollowUpOn,
        _concern.CategoryId,
        _concern.FirstReplyDueAt,
        _concern.DueAt,
        _concern.EscalationLevel,
        _concern.MergedIntoId,
        _concern.ClosedAt,
    };
}

/// <summary>Which status a case worker may set from which: closed concerns can only be reopened.</summary>
public static class ConcernStatusRules
{
    public static bool IsClosed(ConcernStatus status) =>
        status is ConcernStatus.Resolved or ConcernStatus.Rejected or ConcernStatus.Withdrawn;

    public static bool MayChange(ConcernStatus from, ConcernStatus to) =>
        from != to && to != ConcernStatus.Received && (!IsClosed(from) || to == ConcernStatus.InProgress);

    public static IEnumerable<ConcernStatus> Targets(ConcernStatus from) =>
        Enum.GetValues<ConcernStatus>().Where(to => MayChange(from, to));
}
