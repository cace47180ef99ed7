using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Categories;
using Rathaus.Data;
using Rathaus.Platform.Auth;

namespace Rathaus.Concerns.Routing;

/// <summary>All categories as a tree with the unit each of them goes to, for the whole city and per district.</summary>
[Authorize(Roles = StaffRoles.Administrator)]
public sealed class ResponsibilitiesModel(RathausDb db) : PageModel
{
    public IReadOnlyList<Category> Groups { get; private set; } = [];

    /// <summary>Top-level categories without topics under them: they are topics themselves and can have rules.</summary>
    public IReadOnlyList<Category> Ungrouped { get; private set; } = [];

    private ILookup<int?, Category> _children = Enumerable.Empty<Category>().ToLookup(c => c.ParentId);
    private ILookup<int, ResponsibilityRule> _rules = Enumerable.Empty<ResponsibilityRule>().ToLookup(r => r.CategoryId);

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync(ct);
        _children = categories.ToLookup(c => c.ParentId);
        _rules = (await db.ResponsibilityRules.AsNoTracking().Include(r => r.OrgUnit).ToListAsync(ct)).ToLookup(r => r.CategoryId);
        Groups = _children[null].Where(c => _children[c.Id].Any()).ToList();
        Ungrouped = _children[null].Where(c => !_children[c.Id].Any()).ToList();
    }

    public IEnumerable<Category> Topics(Category group) => _children[group.Id];

    public ResponsibilityRule? CityRule(Category topic) => _rules[topic.Id].FirstOrDefault(r => r.District is null);

    public IEnumerable<ResponsibilityRule> DistrictRules(Category topic) =>
        _rules[topic.Id].Where(r => r.District is not null).OrderBy(r => r.District, StringComparer.CurrentCulture);
}
