using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Concerns.Detail;
using Rathaus.Concerns.Model;
using Rathaus.Concerns.Routing;
using Rathaus.Data;
using Rathaus.Platform;

namespace Rathaus.Concerns.Inbox;

public sealed record InboxRow(
    string ReferenceNumber, DateTime ReceivedAt, ConcernKind Kind, string? Category, ConcernStatus Status,
    string UnitCode, string UnitName, string? Position, DateTime? DueAt,
    DateTime? FirstReplyDueAt, DateTime? FirstReplyAt, DateOnly? FollowUpOn, int EscalationLevel);

/// <summary>Where a concern stands with its deadlines, as the inbox row says it in words (not by colour alone).</summary>
public enum DueState
{
    None,
    DueSoon,
    FirstReplyOverdue,
    Overdue,
}

/// <summary>The staff inbox: one view of the concerns this user may see, filtered by plain GET parameters.</summary>
public sealed class InboxModel(RathausDb db, ConcernAccess access, ConcernRouting routing, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int PageSize = 25;
    public const string Open = "offen";
    public const string All = "alle";

    /// <summary>Concerns due within this many days count as "due soon".</summary>
    private static readonly TimeSpan DueSoon = TimeSpan.FromDays(3);

    [BindProperty(SupportsGet = true, Name = "ansicht")] public string? View { get; set; }
    [BindProperty(SupportsGet = true, Name = "status")] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "thema")] public int? CategoryId { get; set; }
    [BindProperty(SupportsGet = true, Name = "kanal")] public Channel? Channel { get; set; }
    [BindProperty(SupportsGet = true, Name = "frist")] public string? Due { get; set; }
    [BindProperty(SupportsGet = true, Name = "suche")] public string? Text { get; set; }
    [BindProperty(SupportsGet = true, Name = "sortierung")] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "seite")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<(string Key, string Label)> Views { get; private set; } = [];
    public IReadOnlyList<InboxRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public IReadOnlyList<SelectListItem> Categories { get; private set; } = [];

    public IEnumerable<SelectListItem> StatusItems =>
        new[] { new SelectListItem(t["Offene Anliegen"], Open), new SelectListItem(t["Alle Anliegen"], All) }.Concat(ConcernTexts.StatusItems(t));

    public IEnumerable<SelectListItem> DueItems =>
        [new(t["Überfällig"], "ueberfaellig"), new(t["Bald fällig (3 Tage)"], "bald")];

    public IEnumerable<SelectListItem> SortItems =>
        [new(t["Neueste zuerst"], "neu"), new(t["Älteste zuerst"], "alt"), new(t["Nach Frist"], "frist")];

    public DateTime Now { get; } = clock.GetUtcNow().UtcDateTime;
    public DateOnly Today { get; } = clock.Today();

    /// <summary>Open concerns only: a closed one is never overdue.</summary>
    public DueState StateOf(InboxRow row)
    {
        if (ConcernStatusRules.IsClosed(row.Status))
        {
            return DueState.None;
        }

        if (row.DueAt < Now)
        {
            return DueState.Overdue;
        }

        if (row.FirstReplyAt is null && row.FirstReplyDueAt < Now)
        {
            return DueState.FirstReplyOverdue;
        }

        var soon = Now + DueSoon;
        return row.DueAt <= soon || (row.FirstReplyAt is null && row.FirstReplyDueAt <= soon) ? DueState.DueSoon : DueState.None;
    }

    public bool FollowUpDue(InboxRow row) => row.FollowUpOn <= Today && !ConcernStatusRules.IsClosed(row.Status);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = await access.ScopeAsync(User, ct);
        Views = ViewsOf(scope);
        if (View is null || Views.All(v => v.Key != View))
        {
            View = Views[0].Key;
        }

        Status ??= Open;
        Categories = await db.Categories.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.Name)
            .Select(c => new SelectListItem(c.Name, c.Id.ToString())).ToListAsync(ct);

        var query = Filter(await ViewAsync(Searched(), scope, ct));
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = await PageAsync(query, ct);
        return Page();
    }

    /// <summary>
    /// Due follow-ups first, then the chosen order. Two queries instead of one ORDER BY over a computed "due" flag: the
    /// few due follow-ups come from their index, and the rest keeps the ordered index scan that stops after one page
    /// (with the flag PostgreSQL fetched and sorted all 10,000 open concerns of a unit for every page, bench/concerns).
    /// </summary>
    private async Task<List<InboxRow>> PageAsync(IQueryable<Concern> query, CancellationToken ct)
    {
        var today = Today;
        var open = new[] { ConcernStatus.Received, ConcernStatus.InProgress, ConcernStatus.WaitingForCitizen };
        var due = query.Where(c => c.FollowUpOn != null && c.FollowUpOn <= today && open.Contains(c.Status));
        var dueCount = await due.CountAsync(ct);
        var skip = (PageNumber - 1) * PageSize;
        var rows = skip < dueCount
            ? await AsRows(due.OrderBy(c => c.FollowUpOn).ThenBy(c => c.Id).Skip(skip).Take(PageSize)).ToListAsync(ct)
            : [];
        if (rows.Count < PageSize)
        {
            var rest = query.Where(c => !(c.FollowUpOn != null && c.FollowUpOn <= today && open.Contains(c.Status)));
            rows.AddRange(await AsRows(Sorted(rest).Skip(Math.Max(0, skip - dueCount)).Take(PageSize - rows.Count)).ToListAsync(ct));
        }

        return rows;
    }

    private static IQueryable<InboxRow> AsRows(IQueryable<Concern> query) =>
        query.Select(c => new InboxRow(c.ReferenceNumber, c.ReceivedAt, c.Kind, c.Category!.Name, c.Status,
            c.OrgUnit!.Code, c.OrgUnit.Name, c.AssignedPosition!.Title, c.DueAt,
            c.FirstReplyDueAt, c.FirstReplyAt, c.FollowUpOn, c.EscalationLevel));

    /// <summary>The link to another page or view, keeping the other filters.</summary>
    public string Link(string? view = null, int? page = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["ansicht"] = view ?? View,
            ["status"] = Status,
            ["thema"] = CategoryId?.ToString(),
            ["kanal"] = Channel?.ToString(),
            ["frist"] = Due,
            ["suche"] = Text,
            ["sortierung"] = Sort,
            ["seite"] = page is > 1 ? page.ToString() : null,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/intern/anliegen", values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    private List<(string, string)> ViewsOf(StaffScope scope)
    {
        var views = new List<(string, string)> { ("einheit", t["Meine Einheit"]), ("meine", t["Meine Stellen"]) };
        if (scope.SubstitutedPositionIds.Count > 0)
        {
            views.Add(("vertretung", t["Vertretung"]));
        }

        if (scope.IsLead)
        {
            views.Add(("bereich", t["Mein Bereich"]));
        }

        if (scope.SeesAll)
        {
            views.Add(("triage", t["Zentrale Anliegenstelle"]));
            views.Add((All, t["Alle Anliegen"]));
        }

        return views;
    }

    /// <summary>
    /// The concerns of the chosen view. The views of positions and units are drawn from the user's own scope (acting
    /// positions, their units, the subtree they lead), so they lie inside what <see cref="ConcernAccess.Visible"/>
    /// allows, and need not repeat its "unit or position" condition, which kept PostgreSQL from counting a unit's open
    /// concerns from the (OrgUnitId, Status) index alone (bench/concerns: 56 ms instead of 1 ms for 10,000).
    /// Triage and "alle" are offered only to the central office and go through <see cref="ConcernAccess.Visible"/>.
    /// </summary>
    private async Task<IQueryable<Concern>> ViewAsync(IQueryable<Concern> concerns, StaffScope scope, CancellationToken ct)
    {
        switch (View)
        {
            case "meine":
                var acting = scope.ActingPositionIds.ToList();
                return concerns.Where(c => c.AssignedPositionId != null && acting.Contains(c.AssignedPositionId.Value));
            case "vertretung":
                var substituted = scope.SubstitutedPositionIds.ToList();
                return concerns.Where(c => c.AssignedPositionId != null && substituted.Contains(c.AssignedPositionId.Value));
            case "bereich":
                var subtree = scope.SubtreeUnitIds.ToList();
                return concerns.Where(c => subtree.Contains(c.OrgUnitId));
            case "triage":
                var triage = await routing.TriageUnitAsync(ct);
                return access.Visible(scope, concerns).Where(c => c.OrgUnitId == triage && c.AssignedPositionId == null);
            case All:
                return access.Visible(scope, concerns);
            default:
                var units = scope.UnitIds.ToList();
                return concerns.Where(c => units.Contains(c.OrgUnitId));
        }
    }

    private IQueryable<Concern> Filter(IQueryable<Concern> query)
    {
        if (Status == Open)
        {
            query = query.Where(c => c.Status == ConcernStatus.Received || c.Status == ConcernStatus.InProgress || c.Status == ConcernStatus.WaitingForCitizen);
        }
        else if (Enum.TryParse<ConcernStatus>(Status, out var status))
        {
            query = query.Where(c => c.Status == status);
        }

        if (CategoryId is int category)
        {
            query = query.Where(c => c.CategoryId == category);
        }

        if (Channel is Channel channel)
        {
            query = query.Where(c => c.Channel == channel);
        }

        var now = Now;
        if (Due == "ueberfaellig")
        {
            query = query.Where(c => c.DueAt < now || (c.FirstReplyAt == null && c.FirstReplyDueAt < now));
        }
        else if (Due == "bald")
        {
            var soon = now + DueSoon;
            query = query.Where(c => !(c.DueAt < now || (c.FirstReplyAt == null && c.FirstReplyDueAt < now))
                && (c.DueAt <= soon || (c.FirstReplyAt == null && c.FirstReplyDueAt <= soon)));
        }

        return query;
    }

    /// <summary>
    /// All concerns, or with a search text those it finds: a typed reference number its concern ("2026-000042", or
    /// the sequence alone), anything else the full-text search over description, location and the timeline's texts
    /// (see <see cref="ConcernSearch"/>). The view, filters and access checks are composed onto this.
    /// </summary>
    private IQueryable<Concern> Searched()
    {
        if (string.IsNullOrWhiteSpace(Text))
        {
            return db.Concerns;
        }

        if (ConcernSearch.ReferenceNumber(Text) is var (year, sequence))
        {
            if (year is int y)
            {
                return db.Concerns.Where(c => c.Year == y && c.Sequence == sequence);
            }

            var numbered = ConcernSearch.Matching(db, Text)?.Select(m => m.Id);
            return numbered is null
                ? db.Concerns.Where(c => c.Sequence == sequence)
                : db.Concerns.Where(c => c.Sequence == sequence || numbered.Contains(c.Id));
        }

        return ConcernSearch.Matching(db, Text) ?? db.Concerns.Where(c => false);
    }

    /// <summary>Whatever the order, follow-ups due today or earlier come first (Wiedervorlage), oldest date first.</summary>
    private IQueryable<Concern> Sorted(IQueryable<Concern> query) => Sort switch
    {
        "alt" => query.OrderBy(c => c.ReceivedAt).ThenBy(c => c.Id),
        "frist" => query.OrderBy(c => c.DueAt == null).ThenBy(c => c.DueAt).ThenBy(c => c.Id),
        _ => query.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id),
    };
}
