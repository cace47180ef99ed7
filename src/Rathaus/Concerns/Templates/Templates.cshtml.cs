using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Rathaus.Concerns.Templates;

/// <summary>The Textbausteine this user maintains; case workers without such rights see the ones they may use.</summary>
[Authorize]
public sealed class TemplatesModel(TemplateAccess access) : PageModel
{
    public IReadOnlyList<ReplyTemplate> Templates { get; private set; } = [];
    public bool MaintainsAny { get; private set; }
    public bool MaintainsGeneral { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var maintained = _maintained = await access.MaintainedUnitsAsync(User, ct);
        MaintainsGeneral = maintained is null;
        MaintainsAny = maintained is null || maintained.Count > 0;
        Templates = await (await access.ListedAsync(User, ct)).AsNoTracking().Include(t => t.OrgUnit)
            .OrderBy(t => t.OrgUnitId != null).ThenBy(t => t.OrgUnit!.Code).ThenBy(t => t.Title).ToListAsync(ct);
    }

    private IReadOnlySet<int>? _maintained;

    public bool MayEdit(ReplyTemplate template) =>
        _maintained is null || (template.OrgUnitId is int unit && _maintained.Contains(unit));
}
