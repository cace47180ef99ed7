using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Categories;
using Rathaus.Data;

namespace Rathaus.Concerns.Submit;

/// <summary>
/// The active categories as a select grouped by their top-level topic (optgroups): without JavaScript, a list that
/// reads like a table of contents is what makes a long list searchable, with the keyboard and by screen readers.
/// </summary>
internal static class CategoryChoices
{
    public static async Task<IReadOnlyList<SelectListItem>> LoadAsync(RathausDb db, CancellationToken ct)
    {
        var categories = await db.Categories.AsNoTracking().Where(c => c.IsActive).ToListAsync(ct);
        var children = categories.ToLookup(c => c.ParentId);
        var items = new List<SelectListItem>();
        foreach (var top in children[null].OrderBy(c => c.SortOrder).ThenBy(c => c.Name, StringComparer.CurrentCulture))
        {
            if (!children[top.Id].Any())
            {
                items.Add(Item(top, top.Name, group: null));
                continue;
            }

            var group = new SelectListGroup { Name = top.Name };
            void Walk(Category parent, string prefix)
            {
                foreach (var child in children[parent.Id].OrderBy(c => c.SortOrder).ThenBy(c => c.Name, StringComparer.CurrentCulture))
                {
                    items.Add(Item(child, prefix + child.Name, group));
                    Walk(child, prefix + child.Name + " – ");
                }
            }

            Walk(top, "");
        }

        return items;
    }

    public static bool Contains(IEnumerable<SelectListItem> items, int categoryId) =>
        items.Any(i => i.Value == categoryId.ToString(CultureInfo.InvariantCulture));

    private static SelectListItem Item(Category category, string text, SelectListGroup? group) =>
        new(text, category.Id.ToString(CultureInfo.InvariantCulture)) { Group = group };
}
