using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Rathaus.Data;
using Rathaus.Platform.Auth;

namespace Rathaus.Platform.Audit.Read;

[Authorize(Roles = StaffRoles.Administrator)]
public sealed class AuditLogPageModel(RathausDb db) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public AuditFilter Filter { get; set; } = new();

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public IEnumerable<SelectListItem> ActionItems { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (Filter.Von is DateOnly from)
        {
            var start = CityStart(from);
            query = query.Where(e => e.At >= start);
        }

        if (Filter.Bis is DateOnly until)
        {
            var end = CityStart(until.AddDays(1));
            query = query.Where(e => e.At < end);
        }

        if (!string.IsNullOrWhiteSpace(Filter.Aktion))
        {
            query = query.Where(e => e.Action == Filter.Aktion);
        }

        if (!string.IsNullOrWhiteSpace(Filter.Person))
        {
            var person = Filter.Person.Trim().ToLower();
            query = query.Where(e => e.StaffMemberName.ToLower().Contains(person) || (e.PositionTitle != null && e.PositionTitle.ToLower().Contains(person)));
        }

        if (!string.IsNullOrWhiteSpace(Filter.Objekt))
        {
            var key = Filter.Objekt.Trim().ToLower();
            query = query.Where(e => e.EntityKey.ToLower().Contains(key));
        }

        Total = await query.CountAsync(ct);
        Filter.Seite = Math.Clamp(Filter.Seite, 1, PageCount);
        Entries = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((Filter.Seite - 1) * PageSize).Take(PageSize)
            .ToListAsync(ct);
        ActionItems = (await db.AuditEntries.Select(e => e.Action).Distinct().ToListAsync(ct))
            .Order(StringComparer.Ordinal)
            .Select(a => new SelectListItem(a, a));
    }

    public static DateTime LocalTime(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, CityClock.Zone);

    public string PageUrl(int page)
    {
        var query = Request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        query["Filter.Seite"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString("/intern/protokoll", query);
    }

    private static DateTime CityStart(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), CityClock.Zone);
}

public sealed class AuditFilter
{
    public DateOnly? Von { get; set; }
    public DateOnly? Bis { get; set; }
    public string? Aktion { get; set; }
    public string? Person { get; set; }
    public string? Objekt { get; set; }
    public int Seite { get; set; } = 1;
}
