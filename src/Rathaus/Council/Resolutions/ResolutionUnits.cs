using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Rathaus.Data;

namespace Rathaus.Council.Resolutions;

/// <summary>The active org units a resolution can be assigned to, by their code as the org chart lists them.</summary>
public static class ResolutionUnits
{
    public static async Task<IReadOnlyList<SelectListItem>> ItemsAsync(RathausDb db, CancellationToken ct) =>
        await db.OrgUnits.AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.Code)
            .Select(u => new SelectListItem(u.Code + " – " + u.Name, u.Id.ToString(CultureInfo.InvariantCulture)))
            .ToListAsync(ct);
}
