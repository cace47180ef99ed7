using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Model;
using Rathaus.Data;
using Rathaus.Platform;

namespace Rathaus.Council.Resolutions;

/// <summary>
/// Umsetzungsbericht: what became of a committee's public resolutions, with every progress report, as one page the
/// council office prints or shows in the meeting (print CSS hides the site's frame). Without a committee, a choice.
/// </summary>
[AllowAnonymous]
public sealed class ImplementationReportModel(RathausDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "gremium")]
    public int? OrganizationId { get; set; }

    /// <summary>Only resolutions of meetings from this day on (e.g. the current electoral term).</summary>
    [BindProperty(SupportsGet = true, Name = "von")]
    public DateOnly? From { get; set; }

    public Organization? Organization { get; private set; }
    public IReadOnlyList<ResolutionRow> Rows { get; private set; } = [];
    public ILookup<int, ResolutionProgress> Progress { get; private set; } = Enumerable.Empty<ResolutionProgress>().ToLookup(p => p.ResolutionTrackingId);
    public IReadOnlyDictionary<int, string?> Wording { get; private set; } = new Dictionary<int, string?>();
    public IReadOnlyList<SelectListItem> OrganizationItems { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Today = clock.Today();
        OrganizationItems = await db.CouncilOrganizations.AsNoTracking()
            .Where(o => !o.Deleted && o.Kind != OrganizationKind.Faction && o.Kind != OrganizationKind.Group).OrderBy(o => o.Kind).ThenBy(o => o.Name)
            .Select(o => new SelectListItem(o.Name, o.Id.ToString(CultureInfo.InvariantCulture))).ToListAsync(ct);
        if (OrganizationId is not int organizationId)
        {
            return Page();
        }

        Organization = await db.CouncilOrganizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organizationId && !o.Deleted, ct);
        if (Organization is null)
        {
            return NotFound();
        }

        var trackings = ResolutionRows.OfOrganization(ResolutionRows.Published(db.ResolutionTrackings.AsNoTracking()), organizationId);
        if (From is DateOnly from)
        {
            var start = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), CityClock.Zone);
            trackings = trackings.Where(r => r.AgendaItem!.Meeting!.Start >= start);
        }

        Rows = await ResolutionRows.Select(ResolutionRows.Newest(trackings)).Take(1000).ToListAsync(ct);
        var ids = Rows.Select(r => r.Id).ToList();
        var itemIds = Rows.Select(r => r.AgendaItemId).ToList();
        Progress = (await db.ResolutionProgress.AsNoTracking().Where(p => ids.Contains(p.ResolutionTrackingId)).OrderBy(p => p.Date).ThenBy(p => p.Id).ToListAsync(ct))
            .ToLookup(p => p.ResolutionTrackingId);
        Wording = await db.AgendaItems.AsNoTracking().Where(a => itemIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.ResolutionText, ct);
        return Page();
    }

    public int Count(Func<ResolutionRow, bool> predicate) => Rows.Count(predicate);
}
