using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rathaus.Platform;
using Rathaus.Platform.Auth;

namespace Rathaus.Council.Resolutions;

/// <summary>
/// „Beschlüsse meiner Einheit“: the resolutions the user's units have to implement, open ones first and overdue ones
/// marked. The council office sees all of them and, first, those still without a unit.
/// </summary>
public sealed class StaffResolutionsModel(ResolutionAccess access, TimeProvider clock) : PageModel
{
    /// <summary>offen (default), alle, or ohne (without a unit; the council office's list).</summary>
    [BindProperty(SupportsGet = true, Name = "ansicht")]
    public string? View { get; set; }

    public IReadOnlyList<ResolutionRow> Rows { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool IsCouncilOffice => User.IsInRole(StaffRoles.CouncilOffice);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = clock.Today();
        View = View is "alle" or "ohne" ? View : "offen";
        var visible = await access.VisibleAsync(User, ct);
        visible = View switch
        {
            "ohne" => visible.Where(r => r.OrgUnitId == null),
            "offen" => visible.Where(r => r.Status == ResolutionStatus.Open || r.Status == ResolutionStatus.InProgress),
            _ => visible,
        };

        // Overdue first, then by target date; a few hundred rows at most per unit.
        var rows = await ResolutionRows.Select(ResolutionRows.Newest(visible.Where(r => !r.AgendaItem!.Deleted))).Take(500).ToListAsync(ct);
        Rows = [.. rows.OrderByDescending(r => r.IsOverdue(Today)).ThenBy(r => r.TargetDate ?? DateOnly.MaxValue).ThenByDescending(r => r.MeetingStart)];
    }
}
