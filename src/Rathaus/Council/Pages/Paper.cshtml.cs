using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Model;
using Rathaus.Data;

namespace Rathaus.Council.Pages;

/// <summary>A paper with its files and its consultation path through the organizations, with each result.</summary>
[AllowAnonymous]
public sealed class PaperModel(RathausDb db) : PageModel
{
    public Paper Paper { get; private set; } = null!;
    public IReadOnlyList<Consultation> Consultations { get; private set; } = [];
    public IReadOnlyList<FileLink> Files { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var paper = await db.Papers.AsNoTracking().Include(p => p.OriginatorUnit).Include(p => p.OriginatorOrganization)
            .SingleOrDefaultAsync(p => p.Id == id && !p.Deleted, ct);
        if (paper is null)
        {
            return NotFound();
        }

        Paper = paper;
        Consultations = await db.Consultations.AsNoTracking().Include(c => c.Organization).Include(c => c.Meeting).Include(c => c.AgendaItem)
            .Where(c => c.PaperId == id && !c.Deleted).OrderBy(c => c.Order).ThenBy(c => c.Id).ToListAsync(ct);
        Files = await FileLink.Query(db.CouncilFiles.Where(f => f.PaperId == id)).ToListAsync(ct);
        return Page();
    }
}
