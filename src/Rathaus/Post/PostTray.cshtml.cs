using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Concerns.Inbox;
using Rathaus.Data;
using Rathaus.Platform;
using Rathaus.Platform.Audit;
using Rathaus.Platform.Auth;
using Rathaus.Platform.Layout;

namespace Rathaus.Post;

/// <summary>
/// The post tray (Postfach) of a unit: letters the mailroom registered for it, waiting for confirmation of receipt.
/// Staff see the trays of their positions' units (a lead also those below); a confirmation is stored and audited.
/// </summary>
[Authorize]
public sealed class PostTrayModel(RathausDb db, ConcernAccess access, AuditLog audit, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    /// <summary>Letters whose follow-up day has come, on top of the tray.</summary>
    public IReadOnlyList<PostItem> FollowUps { get; private set; } = [];

    public IReadOnlyList<PostItem> Waiting { get; private set; } = [];
    public IReadOnlyList<PostItem> Confirmed { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var units = await UnitsAsync(ct);
        var items = db.PostItems.AsNoTracking().Include(p => p.AddresseeUnit).Include(p => p.AddresseePosition).Include(p => p.Site)
            .Where(p => units.Contains(p.AddresseeUnitId) && p.ConcernId == null);
        var today = clock.Today();
        FollowUps = await items.Where(p => p.FollowUpOn != null && p.FollowUpOn <= today).OrderBy(p => p.FollowUpOn).ThenBy(p => p.Id).ToListAsync(ct);
        Waiting = await items.Where(p => p.ConfirmedAt == null).OrderBy(p => p.ReceivedAt).ToListAsync(ct);
        Confirmed = await items.Where(p => p.ConfirmedAt != null).OrderByDescending(p => p.ConfirmedAt).Take(20).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostConfirmAsync(long id, CancellationToken ct)
    {
        var units = await UnitsAsync(ct);
        var item = await db.PostItems.SingleOrDefaultAsync(p => p.Id == id && units.Contains(p.AddresseeUnitId), ct);
        if (item is null)
        {
            return NotFound();
        }

        if (item.ConfirmedAt is null)
        {
            item.ConfirmedAt = clock.GetUtcNow().UtcDateTime;
            item.ConfirmedByPositionId = int.TryParse(User.FindFirst(StaffClaims.ActingPositionId)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var position) ? position : null;
            audit.Record("PostItem.ReceiptConfirmed", nameof(PostItem), item.Number, null, new { item.ConfirmedAt, item.ConfirmedByPositionId });
            await db.SaveChangesAsync(ct);
        }

        Message = t["Der Empfang von Nr. {0} ist bestätigt.", item.Number];
        return Redirect("/intern/posteingang");
    }

    /// <summary>Sets or (with an empty date) removes the follow-up day of a letter of the user's units.</summary>
    public async Task<IActionResult> OnPostFollowUpAsync(long id, DateOnly? followUpOn, CancellationToken ct)
    {
        var units = await UnitsAsync(ct);
        var item = await db.PostItems.SingleOrDefaultAsync(p => p.Id == id && units.Contains(p.AddresseeUnitId), ct);
        if (item is null)
        {
            return NotFound();
        }

        if (followUpOn is { } day && day < clock.Today())
        {
            TempData[RefusalFilter.Key] = t["Das Datum der Wiedervorlage darf nicht in der Vergangenheit liegen."].Value;
            return Redirect("/intern/posteingang");
        }

        var before = new { item.FollowUpOn };
        item.FollowUpOn = followUpOn;
        audit.Record("PostItem.FollowUpSet", nameof(PostItem), item.Number, before, new { item.FollowUpOn });
        await db.SaveChangesAsync(ct);
        Message = followUpOn is { } date
            ? t["Wiedervorlage von Nr. {0} am {1} ist eingetragen.", item.Number, date.ToString("d", CultureInfo.CurrentCulture)]
            : t["Die Wiedervorlage von Nr. {0} wurde entfernt.", item.Number];
        return Redirect("/intern/posteingang");
    }

    public async Task<IActionResult> OnGetScanAsync(long id, CancellationToken ct)
    {
        var units = await UnitsAsync(ct);
        var scan = await db.PostItems.AsNoTracking()
            .Where(p => p.Id == id && units.Contains(p.AddresseeUnitId) && p.ScanContent != null)
            .Select(p => new { p.ScanFileName, p.ScanContentType, p.ScanContent })
            .SingleOrDefaultAsync(ct);
        return scan is null ? NotFound() : File(scan.ScanContent!, scan.ScanContentType!, scan.ScanFileName);
    }

    private async Task<List<int>> UnitsAsync(CancellationToken ct)
    {
        var scope = await access.ScopeAsync(User, ct);
        return scope.UnitIds.Union(scope.SubtreeUnitIds).ToList();
    }
}
