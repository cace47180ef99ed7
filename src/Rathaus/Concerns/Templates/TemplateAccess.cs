using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Inbox;
using Rathaus.Concerns.Model;
using Rathaus.Data;
using Rathaus.Platform.Auth;

namespace Rathaus.Concerns.Templates;

/// <summary>
/// Who may maintain and who may use which Textbausteine. Administrators maintain all of them, including those for the
/// whole administration; a lead maintains those of the units they lead (with the units below). Everybody uses the
/// general ones, their own units' and those of the unit a concern belongs to.
/// </summary>
public sealed class TemplateAccess(RathausDb db, ConcernAccess concerns)
{
    /// <summary>Units whose templates this user maintains; null means all, including the general ones.</summary>
    public async Task<IReadOnlySet<int>?> MaintainedUnitsAsync(ClaimsPrincipal user, CancellationToken ct) =>
        user.IsInRole(StaffRoles.Administrator) ? null : (await concerns.ScopeAsync(user, ct)).SubtreeUnitIds;

    public async Task<bool> MayMaintainAsync(ClaimsPrincipal user, int? unitId, CancellationToken ct) =>
        await MaintainedUnitsAsync(user, ct) is not { } units || (unitId is int id && units.Contains(id));

    /// <summary>What the list of templates shows this user: all they maintain, and the active ones they use.</summary>
    public async Task<IQueryable<ReplyTemplate>> ListedAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.IsInRole(StaffRoles.Administrator))
        {
            return db.ReplyTemplates;
        }

        var scope = await concerns.ScopeAsync(user, ct);
        var maintained = scope.SubtreeUnitIds.ToList();
        var own = scope.UnitIds.ToList();
        return db.ReplyTemplates.Where(t => t.OrgUnitId == null
            ? t.IsActive
            : maintained.Contains(t.OrgUnitId.Value) || (t.IsActive && own.Contains(t.OrgUnitId.Value)));
    }

    /// <summary>The active templates offered on a concern's page, general ones first.</summary>
    public async Task<IReadOnlyList<ReplyTemplate>> UsableAsync(ClaimsPrincipal user, Concern concern, CancellationToken ct)
    {
        var units = (await concerns.ScopeAsync(user, ct)).UnitIds.Append(concern.OrgUnitId).ToList();
        return await db.ReplyTemplates.AsNoTracking()
            .Where(t => t.IsActive && (t.OrgUnitId == null || units.Contains(t.OrgUnitId.Value)))
            .OrderBy(t => t.OrgUnitId != null).ThenBy(t => t.Title)
            .ToListAsync(ct);
    }
}
