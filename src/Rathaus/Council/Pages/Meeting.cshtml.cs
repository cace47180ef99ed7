using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Model;
using Rathaus.Data;

namespace Rathaus.Council.Pages;

/// <summary>A meeting with its public agenda, files and place. Non-public items are not even counted.</summary>
[AllowAnonymous]
public sealed class MeetingModel(RathausDb db) : PageModel
{
    public Meeting Meeting { get; private set; } = null!;
    public IReadOnlyList<AgendaItem> Items { get; private set; } = [];
    public IReadOnlyList<FileLink> Files { get; private set; } = [];

    /// <summary>Beschlusskontrolle: the implementation state of the items' resolutions, by item id.</summary>
    public IReadOnlyDictionary<int, Resolutions.ResolutionStatus> Implementation { get; private set; } = new Dictionary<int, Resolutions.ResolutionStatus>();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var meeting = await db.CouncilMeetings.AsNoTracking().Include(m => m.Location).Include(m => m.Organizations)
            .SingleOrDefaultAsync(m => m.Id == id && !m.Deleted, ct);
        if (meeting is null)
        {
            return NotFound();
        }

        Meeting = meeting;
        Items = await db.AgendaItems.AsNoTracking().Include(a => a.Consultation).ThenInclude(c => c!.Paper)
            .Where(a => a.MeetingId == id && a.Public && !a.Deleted).OrderBy(a => a.Order).ToListAsync(ct);
        var itemIds = Items.Select(a => a.Id).ToList();
        Files = await FileLink.Query(db.CouncilFiles.Where(f => f.MeetingId == id || (f.AgendaItemId != null && itemIds.Contains(f.AgendaItemId.Value)))).ToListAsync(ct);
        Implementation = await db.ResolutionTrackings.AsNoTracking().Where(r => itemIds.Contains(r.AgendaItemId))
            .ToDictionaryAsync(r => r.AgendaItemId, r => r.Status, ct);
        return Page();
    }
}

/// <summary>A public file as the pages link it: to the OParl access URL, so pages and interface serve the same bytes.</summary>
public sealed record FileLink(int Id, string Name, string MimeType, long Size, FileRole Role, int? AgendaItemId)
{
    public string Url => $"/oparl/v1.1/file/{Id}/access";

    public static IQueryable<FileLink> Query(IQueryable<CouncilFile> files) => files
        .Where(f => !f.Deleted && (f.AgendaItem == null || f.AgendaItem.Public))
        .OrderBy(f => f.Role).ThenBy(f => f.Id)
        .Select(f => new FileLink(f.Id, f.Name, f.MimeType, f.Size, f.Role, f.AgendaItemId));
}
