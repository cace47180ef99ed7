using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rathaus.Data;
using Rathaus.Platform.Auth;

namespace Rathaus.Council.Import;

/// <summary>One import: its progress, its lists and the objects it could not take over, each with the reason.</summary>
[Authorize(Roles = StaffRoles.CouncilOffice)]
public sealed class ImportJobModel(RathausDb db) : PageModel
{
    private const int ShownProblems = 500;

    public CouncilImportJob Job { get; private set; } = null!;
    public IReadOnlyList<CouncilImportProblem> Problems { get; private set; } = [];
    public int ProblemCount { get; private set; }
    public bool Working => Job.State is CouncilImportState.Waiting or CouncilImportState.Running;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var job = await db.CouncilImportJobs.AsNoTracking().Include(j => j.Lists).SingleOrDefaultAsync(j => j.Id == id, ct);
        if (job is null)
        {
            return NotFound();
        }

        Job = job;
        ProblemCount = await db.CouncilImportProblems.CountAsync(p => p.JobId == id, ct);
        Problems = await db.CouncilImportProblems.AsNoTracking().Where(p => p.JobId == id).OrderBy(p => p.Id).Take(ShownProblems).ToListAsync(ct);
        return Page();
    }
}
