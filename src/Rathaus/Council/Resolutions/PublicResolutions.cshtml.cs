using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Council.Model;
using Rathaus.Data;
using Rathaus.Platform;

namespace Rathaus.Council.Resolutions;

/// <summary>
/// „Umsetzung der Beschlüsse“: every public resolution with its implementation state, filtered by state,
/// organisation, responsible unit and meeting date. Resolutions of non-public agenda items never appear.
/// </summary>
[AllowAnonymous]
public sealed class PublicResolutionsModel(RathausDb db, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "stand")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "gremium")]
    public int? OrganizationId { get; set; }

    [BindProperty(SupportsGet = true, Name = "einheit")]
    public int? UnitId { get; set; }

    [BindProperty(SupportsGet = true, Name = "von")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "bis")]
    public DateOnly? Until { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<ResolutionRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public DateOnly Today { get; private set; }
    public IReadOnlyList<SelectListItem> StatusItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> OrganizationItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> UnitItems { get; private set; } = [];
    public IReadOnlyDictionary<ResolutionStatus, int> Counts { get; private set; } = new Dictionary<ResolutionStatus, int>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = clock.Today();
        var published = ResolutionRows.Published(db.ResolutionTrackings.AsNoTracking());
        Counts = await published.GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        var filtered = published;
        if (Status == "ueberfaellig")
        {
            filtered = filtered.Where(r => (r.Status == ResolutionStatus.Open || r.Status == ResolutionStatus.InProgress) && r.TargetDate < Today);
        }
        else if (ResolutionTexts.FromCode(Status) is ResolutionStatus status)
        {
            filtered = filtered.Where(r => r.Status == status);
        }
        else
        {
            Status = null; // an unknown value shows everything, as an empty choice does
        }

        if (OrganizationId is int organizationId)
        {
            filtered = ResolutionRows.OfOrganization(filtered, organizationId);
        }

        if (UnitId is int unitId)
        {
            filtered = filtered.Where(r => r.OrgUnitId == unitId);
        }

        if (From is DateOnly from)
        {
            var start = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), CityClock.Zone);
            filtered = filtered.Where(r => r.AgendaItem!.Meeting!.Start >= start);
        }

        if (Until is DateOnly until)
        {
            var end = TimeZoneInfo.ConvertTimeToUtc(until.AddDays(1).ToDateTime(TimeOnly.MinValue), CityClock.Zone);
            filtered = filtered.Where(r => r.AgendaItem!.Meeting!.Start < end);
        }

        Total = await filtered.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (Total + PageSize - 1) / PageSize));
        Rows = await ResolutionRows.Select(ResolutionRows.Newest(filtered)).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);

        StatusItems = [
            .. Enum.GetValues<ResolutionStatus>().Select(s => new SelectListItem(t[ResolutionTexts.Status(s)], ResolutionTexts.Code(s))),
            new SelectListItem(t["nur überfällige"], "ueberfaellig"),
        ];
        OrganizationItems = await db.CouncilOrganizations.AsNoTracking()
            .Where(o => !o.Deleted && o.Kind != OrganizationKind.Faction && o.Kind != OrganizationKind.Group).OrderBy(o => o.Kind).ThenBy(o => o.Name)
            .Select(o => new SelectListItem(o.Name, o.Id.ToString(CultureInfo.InvariantCulture))).ToListAsync(ct);
        var unitIds = published.Where(r => r.OrgUnitId != null).Select(r => r.OrgUnitId!.Value);
        UnitItems = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).OrderBy(u => u.Code)
            .Select(u => new SelectListItem(u.Code + " – " + u.Name, u.Id.ToString(CultureInfo.InvariantCulture))).ToListAsync(ct);
    }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>This page's address with the filters kept and another page number.</summary>
    public string Link(int page)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["stand"] = Status,
            ["gremium"] = OrganizationId?.ToString(CultureInfo.InvariantCulture),
            ["einheit"] = UnitId?.ToString(CultureInfo.InvariantCulture),
            ["von"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["bis"] = Until?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["seite"] = page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null,
        };
        return "/rat/beschluesse" + Microsoft.AspNetCore.Http.QueryString.Create(parameters.Where(p => p.Value is not null));
    }
}
