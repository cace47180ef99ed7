using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Model;
using Rathaus.Data;
using Rathaus.Platform.Auth;

namespace Rathaus.Council.Office;

/// <summary>The council office's master data: organizations, terms and persons, each linking to its form.</summary>
[Authorize(Roles = StaffRoles.CouncilOffice)]
public sealed class MasterDataModel(RathausDb db) : PageModel
{
    public IReadOnlyList<Organization> Organizations { get; private set; } = [];
    public IReadOnlyList<LegislativeTerm> Terms { get; private set; } = [];
    public IReadOnlyList<Person> Persons { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Organizations = await db.CouncilOrganizations.AsNoTracking().Where(o => !o.Deleted).OrderBy(o => o.Kind).ThenBy(o => o.Name).ToListAsync(ct);
        Terms = await db.LegislativeTerms.AsNoTracking().Where(x => !x.Deleted).OrderByDescending(x => x.StartDate).ToListAsync(ct);
        Persons = await db.CouncilPersons.AsNoTracking().Where(p => !p.Deleted).OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName).ToListAsync(ct);
    }
}
