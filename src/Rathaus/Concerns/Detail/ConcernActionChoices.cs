using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Concerns.Model;
using Rathaus.Data;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Concerns.Detail;

/// <summary>What the action forms offer for one concern: positions of its unit, other units, the next statuses.</summary>
public sealed class ConcernActionChoices(RathausDb db, IStringLocalizer<SharedResource> t)
{
    public async Task<ActionChoices> LoadAsync(Concern concern, CancellationToken ct = default)
    {
        var positions = await db.Positions.AsNoTracking()
            .Where(p => p.OrgUnitId == concern.OrgUnitId && p.IsActive)
            .OrderByDescending(p => p.IsLead).ThenBy(p => p.Title)
            .Select(p => new SelectListItem(p.Title, p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToListAsync(ct);
        var units = await db.OrgUnits.AsNoTracking().ToListAsync(ct);
        var statuses = ConcernStatusRules.Targets(concern.Status)
            .Select(s => new SelectListItem(t[ConcernTexts.StatusName(s)], s.ToString()))
            .ToList();
        // Topics only, not their groups: responsibilities and deadlines hang on topics.
        var categories = await db.Categories.AsNoTracking()
            .Where(c => c.IsActive && c.Id != concern.CategoryId && !db.Categories.Any(child => child.ParentId == c.Id))
            .OrderBy(c => c.Name)
            .Select(c => new SelectListItem(c.Name, c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToListAsync(ct);
        return new ActionChoices(positions, OrgTexts.UnitItems(units, u => u.IsActive && u.Id != concern.OrgUnitId).ToList(), statuses, categories);
    }
}

public sealed record ActionChoices(
    IReadOnlyList<SelectListItem> Positions,
    IReadOnlyList<SelectListItem> Units,
    IReadOnlyList<SelectListItem> Statuses,
    IReadOnlyList<SelectListItem> Categories);
