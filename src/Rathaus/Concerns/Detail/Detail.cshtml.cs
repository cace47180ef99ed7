using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Inbox;
using Rathaus.Concerns.Model;
using Rathaus.Data;

namespace Rathaus.Concerns.Detail;

/// <summary>A concern as staff see it: all facts, the full timeline including internal notes, the files.</summary>
public sealed class DetailModel(RathausDb db, ConcernAccess access) : PageModel
{
    /// <summary>Loaded without tracking, with Entries, Attachments (without their content), Category, OrgUnit, AssignedPosition.</summary>
    public Concern Concern { get; private set; } = null!;

    /// <summary>Who acted, for staff: position title and person by entry.</summary>
    public IReadOnlyDictionary<int, string> PositionTitles { get; private set; } = new Dictionary<int, string>();

    public IReadOnlyDictionary<Guid, string> StaffNames { get; private set; } = new Dictionary<Guid, string>();

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        var concern = await (await access.VisibleAsync(User, ct)).AsNoTracking()
            .Include(c => c.Category).Include(c => c.OrgUnit).Include(c => c.AssignedPosition)
            .SingleOrDefaultAsync(c => c.ReferenceNumber == reference, ct);
        if (concern is null)
        {
            return NotFound();
        }

        concern.Entries = await db.ConcernEntries.AsNoTracking()
            .Where(e => e.ConcernId == concern.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        concern.Attachments = await db.ConcernAttachments.AsNoTracking()
            .Where(a => a.ConcernId == concern.Id).OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
            .Select(a => new ConcernAttachment
            {
                Id = a.Id,
                ConcernId = a.ConcernId,
                EntryId = a.EntryId,
                FileName = a.FileName,
                ContentType = a.ContentType,
                Size = a.Size,
                Sha256 = a.Sha256,
                Content = Array.Empty<byte>(),
                UploadedAt = a.UploadedAt,
                FromCitizen = a.FromCitizen,
            })
            .ToListAsync(ct);
        Concern = concern;

        var positionIds = concern.Entries.SelectMany(e => new[] { e.PositionId, e.ToPositionId }).OfType<int>().Distinct().ToList();
        PositionTitles = await db.Positions.AsNoTracking().Where(p => positionIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title, ct);
        var staffIds = concern.Entries.Where(e => e.StaffMemberId != null).Select(e => e.StaffMemberId!.Value).Distinct().ToList();
        StaffNames = await db.StaffMembers.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, ct);
        return Page();
    }

    public string? Actor(ConcernEntry entry)
    {
        var parts = new[]
        {
            entry.PositionId is int p ? PositionTitles.GetValueOrDefault(p) : null,
            entry.StaffMemberId is Guid s ? StaffNames.GetValueOrDefault(s) : null,
        }.Where(x => x is not null);
        var actor = string.Join(" – ", parts);
        return actor.Length == 0 ? null : actor;
    }
}
