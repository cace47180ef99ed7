using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Rathaus.Data;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Concerns.Routing;

/// <summary>
/// Zuständigkeit: the rule for the category and district, else the rule for the category in the whole city, else the
/// central triage (Bürgerbüro) — also for "weiß nicht".
/// </summary>
public sealed class ConcernRouting(RathausDb db, IConfiguration configuration)
{
    public async Task<int> ResponsibleUnitAsync(int? categoryId, string? district, CancellationToken ct)
    {
        if (categoryId is int category)
        {
            var rules = await db.ResponsibilityRules.AsNoTracking()
                .Where(r => r.CategoryId == category && (r.District == null || r.District == district) && r.OrgUnit!.IsActive)
                .Select(r => new { r.District, r.OrgUnitId })
                .ToListAsync(ct);
            var rule = rules.FirstOrDefault(r => r.District is not null) ?? rules.FirstOrDefault();
            if (rule is not null)
            {
                return rule.OrgUnitId;
            }
        }

        return await TriageUnitAsync(ct);
    }

    /// <summary>The unit configured as <c>Concerns:TriageUnitCode</c>, else the first unit with a central-triage position.</summary>
    public async Task<int> TriageUnitAsync(CancellationToken ct)
    {
        var code = configuration["Concerns:TriageUnitCode"];
        var configured = code is null ? null : await db.OrgUnits.Where(u => u.Code == code && u.IsActive).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
        return configured
            ?? await db.Positions.Where(p => p.IsActive && p.OrgUnit!.IsActive && (p.Roles & PositionRole.CentralTriage) != 0)
                .OrderBy(p => p.IsLead).ThenBy(p => p.Id).Select(p => (int?)p.OrgUnitId).FirstOrDefaultAsync(ct)
            ?? await db.OrgUnits.Where(u => u.ParentId == null && u.IsActive).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync(ct);
    }
}
