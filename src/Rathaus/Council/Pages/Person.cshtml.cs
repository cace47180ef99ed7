using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Model;
using Rathaus.Data;

namespace Rathaus.Council.Pages;

/// <summary>A person with all memberships over time, newest first.</summary>
[AllowAnonymous]
public sealed class PersonModel(RathausDb db) : PageModel
{
    public Person Person { get; private set; } = null!;
    public IReadOnlyList<Membership> Memberships { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var person = await db.CouncilPersons.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && !p.Deleted, ct);
        if (person is null)
        {
            return NotFound();
        }

        Person = person;
        Memberships = await db.CouncilMemberships.AsNoTracking().Include(m => m.Organization).Include(m => m.OnBehalfOf)
            .Where(m => m.PersonId == id && !m.Deleted && !m.Organization!.Deleted)
            .OrderByDescending(m => m.StartDate).ThenBy(m => m.Organization!.Kind).ThenBy(m => m.Organization!.Name).ToListAsync(ct);
        return Page();
    }
}
