using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Rathaus.Data;
using Rathaus.Platform;
using Rathaus.Platform.Auth;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Post;

/// <summary>
/// The day list of a site (everything registered there on a day) and, grouped by the site of the addressee unit,
/// the Hauspost lists that travel with the post to the other sites. Printable.
/// </summary>
[Authorize(Roles = StaffRoles.Mailroom)]
public sealed class TransportModel(RathausDb db, PostBook book, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "standort")] public int? SiteId { get; set; }
    [BindProperty(SupportsGet = true, Name = "tag")] public DateOnly? Day { get; set; }

    public IReadOnlyList<SelectListItem> SiteItems { get; private set; } = [];
    public Site? Site { get; private set; }

    /// <summary>The day's items by destination site (null: the addressee unit has no site).</summary>
    public IReadOnlyList<(Site? Destination, IReadOnlyList<PostItem> Items)> Groups { get; private set; } = [];

    public int Count => Groups.Sum(g => g.Items.Count);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        SiteItems = sites.Select(s => new SelectListItem(s.Name, s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Day ??= clock.Today();
        SiteId ??= await book.OwnSiteAsync(User, ct);
        Site = sites.FirstOrDefault(s => s.Id == SiteId) ?? sites.FirstOrDefault();
        if (Site is null)
        {
            return;
        }

        SiteId = Site.Id;
        var start = BookModel.LocalDayStartUtc(Day.Value);
        var end = BookModel.LocalDayStartUtc(Day.Value.AddDays(1));
        var items = await db.PostItems.AsNoTracking().Include(p => p.AddresseeUnit!).ThenInclude(u => u.Site).Include(p => p.AddresseePosition).Include(p => p.Concern)
            .Where(p => p.SiteId == Site.Id && p.ReceivedAt >= start && p.ReceivedAt < end)
            .OrderBy(p => p.Sequence).ToListAsync(ct);
        Groups = items.GroupBy(p => p.AddresseeUnit?.SiteId)
            .OrderBy(g => g.Key != Site.Id).ThenBy(g => g.First().AddresseeUnit?.Site?.Name)
            .Select(g => (g.First().AddresseeUnit?.Site, (IReadOnlyList<PostItem>)g.ToList()))
            .ToList();
    }
}
