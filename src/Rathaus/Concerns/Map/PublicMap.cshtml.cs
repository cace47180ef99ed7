using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Rathaus.Concerns.Model;
using Rathaus.Concerns.Places;
using Rathaus.Concerns.Submit;
using Rathaus.Data;
using Rathaus.Platform;

namespace Rathaus.Concerns.Map;

/// <summary>/karte: the public map and list of reports, filtered by status, category, district and date (a GET form).</summary>
[AllowAnonymous]
public sealed class PublicMapModel(RathausDb db, MapReports reports, CityArea city, IOptions<MapOptions> map, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "kategorie")]
    public int? CategoryId { get; set; }

    [BindProperty(SupportsGet = true, Name = "bezirk")]
    public string? District { get; set; }

    [BindProperty(SupportsGet = true, Name = "von")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "bis")]
    public DateOnly? Until { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<PublicReport> Reports { get; private set; } = [];
    public int Total { get; private set; }
    public IReadOnlyList<SelectListItem> CategoryItems { get; private set; } = [];
    public IEnumerable<SelectListItem> DistrictItems => city.Districts.Select(d => new SelectListItem(d.Name, d.Name)).OrderBy(i => i.Text, StringComparer.Create(CultureInfo.GetCultureInfo("de-DE"), false));

    public IEnumerable<SelectListItem> StatusItems =>
    [
        new(t["offen"], "offen"),
        new(t["erledigt oder abgelehnt"], "erledigt"),
    ];

    public MapOptions Map => map.Value;

    /// <summary>The feed of what is filtered here (district and category), for a feed reader.</summary>
    public string FeedQuery { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        CategoryItems = await CategoryChoices.LoadAsync(db, ct);
        if (From > Until)
        {
            ModelState.AddModelError("von", t["Das Datum „von“ liegt nach dem Datum „bis“. Bitte tauschen Sie die beiden."]);
        }

        var query = reports.Public();
        query = Status switch
        {
            "offen" => query.Where(c => c.Status == ConcernStatus.Received || c.Status == ConcernStatus.InProgress || c.Status == ConcernStatus.WaitingForCitizen),
            "erledigt" => query.Where(c => c.Status == ConcernStatus.Resolved || c.Status == ConcernStatus.Rejected),
            _ => query,
        };
        if (CategoryId is int category)
        {
            query = query.Where(c => c.CategoryId == category || c.Category!.ParentId == category);
        }

        if (!string.IsNullOrEmpty(District))
        {
            query = query.Where(c => c.District == District);
        }

        if (From is DateOnly from && ModelState.IsValid)
        {
            var start = CityStart(from);
            query = query.Where(c => c.ReceivedAt >= start);
        }

        if (Until is DateOnly until && ModelState.IsValid)
        {
            var end = CityStart(until.AddDays(1));
            query = query.Where(c => c.ReceivedAt < end);
        }

        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (Total + PageSize - 1) / PageSize));
        Reports = await reports.Project(query.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id))
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);

        var code = CategoryId is int id ? await db.Categories.Where(c => c.Id == id).Select(c => c.Code).FirstOrDefaultAsync(ct) : null;
        var feed = new List<string>();
        if (!string.IsNullOrEmpty(District))
        {
            feed.Add("bezirk=" + Uri.EscapeDataString(District));
        }

        if (code is not null)
        {
            feed.Add("kategorie=" + Uri.EscapeDataString(code));
        }

        FeedQuery = feed.Count == 0 ? "" : "?" + string.Join("&", feed);
        return Page();
    }

    public string PageUrl(int page)
    {
        var query = Request.Query.Where(q => q.Key != "seite").SelectMany(q => q.Value.Select(v => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(v ?? "")));
        return "/karte?" + string.Join("&", query.Append("seite=" + page.ToString(CultureInfo.InvariantCulture)));
    }

    private static DateTime CityStart(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), CityClock.Zone);
}
