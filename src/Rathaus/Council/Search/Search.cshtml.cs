using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Council.Model;
using Rathaus.Council.Pages;
using Rathaus.Data;
using Rathaus.Platform;

namespace Rathaus.Council.Search;

/// <summary>What the search found: a paper, a public agenda item or a meeting, with its hits marked.</summary>
public sealed record SearchHit(string Kind, int Id, string Url, string TitleHtml, string Detail, DateOnly Date, string SnippetHtml);

/// <summary>
/// „Suche im Ratsinformationssystem“: full text over papers, public agenda items and meetings, with the text of
/// their files (<see cref="CouncilSearch"/>), filtered by paper type, organization and date, newest first. All
/// parameters are plain GET values; what cannot be read is ignored with a message, never an error page.
/// </summary>
[AllowAnonymous]
public sealed class SearchModel(RathausDb db, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int PageSize = 20;

    /// <summary>
    /// Counting stops here ("mehr als 200 Treffer"), and paging after ten pages: nobody reads the 201st hit of a
    /// search, and a full count of a frequent word's hits was the search's most expensive query (bench/README.md).
    /// </summary>
    public const int MaxCount = 200;

    public const int MaxPages = MaxCount / PageSize;

    [BindProperty(SupportsGet = true, Name = "suche")] public string? Text { get; set; }
    [BindProperty(SupportsGet = true, Name = "art")] public string? TypeText { get; set; }
    [BindProperty(SupportsGet = true, Name = "gremium")] public string? OrganizationText { get; set; }
    [BindProperty(SupportsGet = true, Name = "von")] public string? FromText { get; set; }
    [BindProperty(SupportsGet = true, Name = "bis")] public string? UntilText { get; set; }
    [BindProperty(SupportsGet = true, Name = "seite")] public string? PageText { get; set; }

    public PaperType? Type { get; private set; }
    public int? OrganizationId { get; private set; }
    public DateOnly? From { get; private set; }
    public DateOnly? Until { get; private set; }
    public int PageNumber { get; private set; } = 1;

    public bool Searched { get; private set; }
    public IReadOnlyList<SearchHit> Hits { get; private set; } = [];
    public int Total { get; private set; }
    public bool MoreThanCounted => Total > MaxCount;
    public int Pages => Math.Clamp((Math.Min(Total, MaxCount) + PageSize - 1) / PageSize, 1, MaxPages);
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Organizations { get; private set; } = [];

    public IEnumerable<SelectListItem> TypeItems => Enum.GetValues<PaperType>()
        .Select(type => new SelectListItem(t[CouncilNames.PaperType(type)], ((int)type).ToString(CultureInfo.InvariantCulture)));

    public async Task OnGetAsync(CancellationToken ct)
    {
        Organizations = await db.CouncilOrganizations.AsNoTracking().Where(o => !o.Deleted).OrderBy(o => o.Kind).ThenBy(o => o.Name)
            .Select(o => new SelectListItem(o.Name, o.Id.ToString())).ToListAsync(ct);
        ReadFilters();
        if (string.IsNullOrWhiteSpace(Text))
        {
            return;
        }

        Searched = true;
        var stems = FullText.Stems(Text);
        var papers = Papers();
        var items = AgendaItems();
        var meetings = Meetings();

        // Each kind's newest hits, at most one more than is counted: one small ordered query per kind gives both the
        // total and every page (no union, no separate count that would read all hits of a frequent word).
        var rows = new List<Row>();
        if (papers is not null)
        {
            rows.AddRange(await papers.OrderByDescending(p => p.Date).ThenByDescending(p => p.Id).Take(MaxCount + 1)
                .Select(p => new Row("paper", p.Id, p.Date, null)).ToListAsync(ct));
        }

        if (items is not null)
        {
            rows.AddRange((await items.OrderByDescending(a => a.Meeting!.Start).ThenByDescending(a => a.Id).Take(MaxCount + 1)
                .Select(a => new { a.Id, a.Meeting!.Start }).ToListAsync(ct)).Select(a => new Row("item", a.Id, LocalDay(a.Start), a.Start)));
        }

        if (meetings is not null)
        {
            rows.AddRange((await meetings.OrderByDescending(m => m.Start).ThenByDescending(m => m.Id).Take(MaxCount + 1)
                .Select(m => new { m.Id, m.Start }).ToListAsync(ct)).Select(m => new Row("meeting", m.Id, LocalDay(m.Start), m.Start)));
        }

        Total = rows.Count;
        var page = rows.OrderByDescending(r => r.Date).ThenByDescending(r => r.Start).ThenBy(r => r.Kind).ThenByDescending(r => r.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        Hits = await HitsAsync(page, stems, ct);
    }

    private sealed record Row(string Kind, int Id, DateOnly Date, DateTime? Start);

    private static DateOnly LocalDay(DateTime utc) => DateOnly.FromDateTime(CouncilTime.Local(utc));

    private static DateTime StartOf(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), CityClock.Zone);

    private IQueryable<Paper>? Papers()
    {
        var query = CouncilSearch.Papers(db, Text!)?.AsNoTracking().Where(p => !p.Deleted);
        if (query is null)
        {
            return null;
        }

        if (Type is { } type)
        {
            query = query.Where(p => p.Type == type);
        }

        if (OrganizationId is { } organization)
        {
            query = query.Where(p => p.OriginatorOrganizationId == organization || p.Consultations.Any(c => c.OrganizationId == organization && !c.Deleted));
        }

        if (From is { } from)
        {
            query = query.Where(p => p.Date >= from);
        }

        if (Until is { } until)
        {
            query = query.Where(p => p.Date <= until);
        }

        return query;
    }

    // Only public agenda items of meetings that still exist: a non-public item, and with it its files, is never a hit.
    private IQueryable<AgendaItem>? AgendaItems()
    {
        var query = CouncilSearch.AgendaItems(db, Text!)?.AsNoTracking().Where(a => a.Public && !a.Deleted && !a.Meeting!.Deleted);
        if (query is null)
        {
            return null;
        }

        if (Type is { } type)
        {
            query = query.Where(a => a.Consultation != null && a.Consultation.Paper!.Type == type);
        }

        if (OrganizationId is { } organization)
        {
            query = query.Where(a => a.Meeting!.Organizations.Any(o => o.Id == organization));
        }

        if (From is { } from)
        {
            var start = StartOf(from);
            query = query.Where(a => a.Meeting!.Start >= start);
        }

        if (Until is { } until)
        {
            var end = StartOf(until.AddDays(1));
            query = query.Where(a => a.Meeting!.Start < end);
        }

        return query;
    }

    // A meeting is no paper: with a paper type chosen, meetings are left out.
    private IQueryable<Meeting>? Meetings()
    {
        var query = Type is null ? CouncilSearch.Meetings(db, Text!)?.AsNoTracking().Where(m => !m.Deleted) : null;
        if (query is null)
        {
            return null;
        }

        if (OrganizationId is { } organization)
        {
            query = query.Where(m => m.Organizations.Any(o => o.Id == organization));
        }

        if (From is { } from)
        {
            var start = StartOf(from);
            query = query.Where(m => m.Start >= start);
        }

        if (Until is { } until)
        {
            var end = StartOf(until.AddDays(1));
            query = query.Where(m => m.Start < end);
        }

        return query;
    }

    /// <summary>Title, details and a marked snippet of each hit, from the object and its (public) files' text.</summary>
    private async Task<List<SearchHit>> HitsAsync(List<Row> page, IReadOnlyList<string> stems, CancellationToken ct)
    {
        var paperIds = page.Where(r => r.Kind == "paper").Select(r => r.Id).ToList();
        var itemIds = page.Where(r => r.Kind == "item").Select(r => r.Id).ToList();
        var meetingIds = page.Where(r => r.Kind == "meeting").Select(r => r.Id).ToList();
        var files = await db.CouncilFiles.AsNoTracking()
            .Where(f => !f.Deleted && ((f.PaperId != null && paperIds.Contains(f.PaperId.Value))
                || (f.AgendaItemId != null && itemIds.Contains(f.AgendaItemId.Value) && f.AgendaItem!.Public)
                || (f.MeetingId != null && meetingIds.Contains(f.MeetingId.Value))))
            .OrderBy(f => f.Id).Select(f => new { f.PaperId, f.AgendaItemId, f.MeetingId, f.Text }).ToListAsync(ct);
        string FilesText(Func<int?, bool> owner) => string.Join(' ', files.Where(f => owner(f.PaperId) || owner(f.AgendaItemId) || owner(f.MeetingId)).Select(f => f.Text));

        var papers = await db.Papers.AsNoTracking().Where(p => paperIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Reference, p.Name, p.Type, p.Date }).ToDictionaryAsync(p => p.Id, ct);
        var items = await db.AgendaItems.AsNoTracking().Where(a => itemIds.Contains(a.Id) && a.Public)
            .Select(a => new { a.Id, a.Number, a.Name, a.Result, a.ResolutionText, a.MeetingId, Meeting = a.Meeting!.Name }).ToDictionaryAsync(a => a.Id, ct);
        var meetings = await db.CouncilMeetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Name, m.State }).ToDictionaryAsync(m => m.Id, ct);

        var hits = new List<SearchHit>();
        foreach (var row in page)
        {
            if (row.Kind == "paper" && papers.TryGetValue(row.Id, out var paper))
            {
                var own = (int? id) => id == paper.Id;
                hits.Add(new SearchHit(t["Vorlage"], paper.Id, $"/rat/vorlagen/{paper.Id}", FullText.Highlight($"{paper.Reference}: {paper.Name}", stems, 500),
                    t[CouncilNames.PaperType(paper.Type)], paper.Date, FullText.Highlight(FilesText(own), stems)));
            }
            else if (row.Kind == "item" && items.TryGetValue(row.Id, out var item))
            {
                var own = (int? id) => id == item.Id;
                hits.Add(new SearchHit(t["Tagesordnungspunkt"], item.Id, $"/rat/sitzungen/{item.MeetingId}#top-{item.Id}", FullText.Highlight($"{item.Number} {item.Name}", stems, 500),
                    item.Meeting, row.Date, FullText.Highlight($"{item.Result} {item.ResolutionText} {FilesText(own)}", stems)));
            }
            else if (row.Kind == "meeting" && meetings.TryGetValue(row.Id, out var meeting))
            {
                var own = (int? id) => id == meeting.Id;
                hits.Add(new SearchHit(t["Sitzung"], meeting.Id, $"/rat/sitzungen/{meeting.Id}", FullText.Highlight(meeting.Name, stems, 500),
                    t[CouncilNames.State(meeting.State)], row.Date, FullText.Highlight(FilesText(own), stems)));
            }
        }

        return hits;
    }

    /// <summary>Reads the filters; a value that cannot be read is dropped with a message, the search still runs.</summary>
    private void ReadFilters()
    {
        var problems = new List<string>();
        if (!string.IsNullOrEmpty(TypeText))
        {
            if (int.TryParse(TypeText, NumberStyles.None, CultureInfo.InvariantCulture, out var type) && Enum.IsDefined((PaperType)type))
            {
                Type = (PaperType)type;
            }
            else
            {
                problems.Add(t["Diese Art von Vorlage gibt es nicht; es wird nach allen Arten gesucht."]);
            }
        }

        if (!string.IsNullOrEmpty(OrganizationText))
        {
            if (int.TryParse(OrganizationText, NumberStyles.None, CultureInfo.InvariantCulture, out var organization)
                && Organizations.Any(o => o.Value == organization.ToString(CultureInfo.InvariantCulture)))
            {
                OrganizationId = organization;
            }
            else
            {
                problems.Add(t["Dieses Gremium gibt es nicht; es wird in allen Gremien gesucht."]);
            }
        }

        From = ReadDate(FromText, problems);
        Until = ReadDate(UntilText, problems);
        if (From > Until)
        {
            problems.Add(t["Das Datum „von“ liegt nach dem Datum „bis“; die beiden wurden getauscht."]);
            (From, Until) = (Until, From);
        }

        if (!string.IsNullOrEmpty(PageText))
        {
            PageNumber = int.TryParse(PageText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? Math.Clamp(number, 1, MaxPages) : 1;
        }

        Problems = problems;
    }

    private DateOnly? ReadDate(string? text, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // The date field sends 2026-11-25; typed without a date picker also 25.11.2026.
        if (DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year is >= 1900 and <= 2200)
        {
            return date;
        }

        problems.Add(t["„{0}“ ist kein Datum wie 25.11.2026; dieser Filter wurde nicht angewandt.", text.Length > 40 ? text[..40] : text]);
        return null;
    }

    /// <summary>This search on another page.</summary>
    public string Link(int page) => "/rat/suche" + QueryString.Create(new Dictionary<string, string?>
    {
        ["suche"] = Text,
        ["art"] = Type is { } type ? ((int)type).ToString(CultureInfo.InvariantCulture) : null,
        ["gremium"] = OrganizationId?.ToString(CultureInfo.InvariantCulture),
        ["von"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["bis"] = Until?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["seite"] = page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null,
    }.Where(p => !string.IsNullOrEmpty(p.Value)));
}
