using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rathaus.Data;

namespace Rathaus.Concerns.Map;

/// <summary>
/// /karte/{Vorgangsnummer}: what anyone may know about a map report (see <see cref="MapReports"/>), its public
/// history of status changes, and "Ich bin auch betroffen" while it is open.
/// </summary>
[AllowAnonymous]
public sealed class PublicReportModel(RathausDb db, MapReports reports, Gazetteer gazetteer, IOptions<MapOptions> map) : PageModel
{
    public PublicReport Report { get; private set; } = null!;
    public FoundAddress? NearestAddress { get; private set; }
    public bool JustSupported { get; private set; }
    public Guid SupportKey { get; } = Guid.NewGuid();
    public MapOptions Map => map.Value;

    /// <summary>Dates on which the status changed publicly (no texts: a staff reply may quote the citizen).</summary>
    public IReadOnlyList<DateTime> Updates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string reference, bool unterstuetzt, CancellationToken ct)
    {
        if (reference.Length > 20)
        {
            return NotFound();
        }

        var report = await reports.Project(reports.Public().Where(c => c.ReferenceNumber == reference)).SingleOrDefaultAsync(ct);
        if (report is null)
        {
            return NotFound();
        }

        Report = report;
        JustSupported = unterstuetzt;
        NearestAddress = await gazetteer.NearestAsync(report.Latitude, report.Longitude, ct);
        Updates = await db.ConcernEntries.AsNoTracking().Where(e => e.ConcernId == report.Id && e.IsPublic).OrderBy(e => e.At).Select(e => e.At).ToListAsync(ct);
        return Page();
    }
}
