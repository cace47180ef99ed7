using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Inbox;
using Rathaus.Concerns.Model;
using Rathaus.Concerns.Templates;
using Rathaus.Data;

namespace Rathaus.Concerns.Detail;

/// <summary>A concern as staff see it: all facts, the full timeline including internal notes, the files.</summary>
public sealed class DetailModel(RathausDb db, ConcernAccess access, TemplateAccess templates) : PageModel
{
    public const string ForReply = "antwort";
    public const string ForQuestion = "rueckfrage";

    /// <summary>A Textbaustein to start the reply (or, with <see cref="DraftFor"/> = rueckfrage, the question) from; a plain GET, so it works without JavaScript.</summary>
    [BindProperty(SupportsGet = true, Name = "baustein")]
    public int? TemplateId { get; set; }

    [BindProperty(SupportsGet = true, Name = "fuer")]
    public string? DraftFor { get; set; }

    public ConcernActionsView Actions { get; private set; } = null!;

    /// <summary>What the last action did, from the actions page (post/redirect/get).</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>Loaded without tracking, with Entries, Attachments (without their content), AttributeValues, Category, OrgUnit, AssignedPosition.</summary>
    public Concern Concern { get; private set; } = null!;

    /// <summary>Citizens who said "Ich bin auch betroffen" on the public map.</summary>
    public int Supporters { get; private set; }

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
        concern.AttributeValues = await db.ConcernAttributeValues.AsNoTracking()
            .Where(v => v.ConcernId == concern.Id).OrderBy(v => v.Order).ToListAsync(ct);
        Concern = concern;

        var positionIds = concern.Entries.SelectMany(e => new[] { e.PositionId, e.ToPositionId }).OfType<int>().Distinct().ToList();
        PositionTitles = await db.Positions.AsNoTracking().Where(p => positionIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title, ct);
        var staffIds = concern.Entries.Where(e => e.StaffMemberId != null).Select(e => e.StaffMemberId!.Value).Distinct().ToList();
        StaffNames = await db.StaffMembers.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, ct);
        Supporters = await db.ConcernSupports.CountAsync(s => s.ConcernId == concern.Id, ct);
        Actions = await ActionsAsync(concern, ct);
        return Page();
    }

    private async Task<ConcernActionsView> ActionsAsync(Concern concern, CancellationToken ct)
    {
        var usable = await templates.UsableAsync(User, concern, ct);
        if (usable.FirstOrDefault(t => t.Id == TemplateId) is not { } chosen)
        {
            return new ConcernActionsView(concern, usable, null, null);
        }

        var acting = await access.ActingPositionAsync(User, concern, ct);
        var draft = TemplatePlaceholders.Expand(chosen.Text, concern, concern.OrgUnit?.Name ?? "", acting?.Title ?? "");
        return DraftFor == ForQuestion
            ? new ConcernActionsView(concern, usable, null, draft)
            : new ConcernActionsView(concern, usable, draft, null);
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

/// <summary>What the action forms show: the concern, the Textbausteine on offer and a text started from one of them.</summary>
public sealed record ConcernActionsView(Concern Concern, IReadOnlyList<ReplyTemplate> Templates, string? ReplyDraft, string? QuestionDraft);
