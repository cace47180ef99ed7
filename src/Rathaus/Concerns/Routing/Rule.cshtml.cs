using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Concerns.Categories;
using Rathaus.Concerns.Places;
using Rathaus.Data;
using Rathaus.Platform.Audit;
using Rathaus.Platform.Auth;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Concerns.Routing;

/// <summary>
/// Add, change or remove a Zuständigkeit: a topic, optionally a district (empty = the whole city), and the unit.
/// Rules are configuration, so removing one deletes it; the audit entry keeps what it was.
/// </summary>
[Authorize(Roles = StaffRoles.Administrator)]
public sealed class RuleModel(RathausDb db, AuditLog audit, CityArea city, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public RuleInput Input { get; set; } = new();

    public ResponsibilityRule? Rule { get; private set; }
    public IEnumerable<SelectListItem> CategoryItems { get; private set; } = [];
    public IEnumerable<SelectListItem> UnitItems { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    /// <summary>The districts of the city's polygons: a pin is routed by the district it lies in (see ConcernRouting).</summary>
    public IReadOnlyList<string> Districts => city.Districts.Select(d => d.Name).ToList();

    public async Task<IActionResult> OnGetAsync(int? id, int? kategorie, CancellationToken ct)
    {
        if (id is not null)
        {
            Rule = await LoadRuleAsync(id.Value, ct);
            if (Rule is null)
            {
                return NotFound();
            }

            Input = RuleInput.From(Rule);
        }
        else
        {
            Input.CategoryId = kategorie;
        }

        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Rule = id is null ? null : await LoadRuleAsync(id.Value, ct);
        if (id is not null && Rule is null)
        {
            return NotFound();
        }

        var (category, unit) = await CheckRulesAsync(ct);
        if (!ModelState.IsValid)
        {
            await LoadChoicesAsync(ct);
            return Page();
        }

        var before = Rule?.Snapshot();
        var rule = Rule ?? db.ResponsibilityRules.Add(new ResponsibilityRule()).Entity;
        rule.Category = category;
        rule.CategoryId = category!.Id;
        rule.District = Districts.FirstOrDefault(d => string.Equals(d, District(Input.District), StringComparison.OrdinalIgnoreCase)) ?? District(Input.District);
        rule.OrgUnit = unit;
        rule.OrgUnitId = unit!.Id;
        audit.Record(Rule is null ? "ResponsibilityRule.Created" : "ResponsibilityRule.Changed", nameof(ResponsibilityRule), AuditKey(rule), before, rule.Snapshot());
        await db.SaveChangesAsync(ct);

        Message = rule.District is null
            ? t["Anliegen zu „{0}“ gehen jetzt an {1}.", category.Name, unit.Code + " " + unit.Name]
            : t["Anliegen zu „{0}“ aus {1} gehen jetzt an {2}.", category.Name, rule.District, unit.Code + " " + unit.Name];
        return Redirect("/intern/zustaendigkeiten");
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken ct)
    {
        var rule = await LoadRuleAsync(id, ct);
        if (rule is null)
        {
            return NotFound();
        }

        db.ResponsibilityRules.Remove(rule);
        audit.Record("ResponsibilityRule.Removed", nameof(ResponsibilityRule), AuditKey(rule), rule.Snapshot(), null);
        await db.SaveChangesAsync(ct);

        Message = rule.District is null
            ? t["Die Zuständigkeit für „{0}“ in der ganzen Stadt wurde entfernt.", rule.Category!.Name]
            : t["Die Zuständigkeit für „{0}“ in {1} wurde entfernt.", rule.Category!.Name, rule.District];
        return Redirect("/intern/zustaendigkeiten");
    }

    /// <summary>The district as stored: trimmed, and null (the whole city) when empty.</summary>
    public static string? District(string? input) => string.IsNullOrWhiteSpace(input) ? null : input.Trim();

    /// <summary>Names the rule in the audit log by its topic and district, e.g. <c>schlagloch</c> or <c>schlagloch / Kaltenmoor</c>.</summary>
    private static string AuditKey(ResponsibilityRule rule) =>
        rule.District is null ? rule.Category!.Code : rule.Category!.Code + " / " + rule.District;

    private Task<ResponsibilityRule?> LoadRuleAsync(int id, CancellationToken ct) =>
        db.ResponsibilityRules.Include(r => r.Category).Include(r => r.OrgUnit).SingleOrDefaultAsync(r => r.Id == id, ct);

    private async Task<(Category? Category, OrgUnit? Unit)> CheckRulesAsync(CancellationToken ct)
    {
        var category = Input.CategoryId is int categoryId ? await db.Categories.FindAsync([categoryId], ct) : null;
        if (Input.CategoryId is not null && category is null)
        {
            ModelState.AddModelError("Input.CategoryId", t["Das Thema gibt es nicht."]);
        }
        else if (category is not null && await db.Categories.AnyAsync(c => c.ParentId == category.Id, ct))
        {
            ModelState.AddModelError("Input.CategoryId", t["Zuständigkeiten gelten für einzelne Themen, nicht für Themengruppen."]);
        }
        else if (category is not null)
        {
            // Compared without case so that "kaltenmoor" does not become a second, never matching rule beside "Kaltenmoor".
            var district = District(Input.District);
            var others = await db.ResponsibilityRules.Where(r => r.CategoryId == category.Id && r.Id != (Rule == null ? 0 : Rule.Id))
                .Select(r => r.District).ToListAsync(ct);
            if (district is not null && !Districts.Contains(district, StringComparer.OrdinalIgnoreCase))
            {
                // A name outside the polygons would never match a pin, so the rule would silently never apply.
                ModelState.AddModelError("Input.District", t["Den Stadtteil „{0}“ gibt es in den Stadtteilgrenzen nicht. Bitte wählen Sie einen dieser Stadtteile: {1}.", district, string.Join(", ", Districts)]);
            }
            else if (others.Any(d => string.Equals(d, district, StringComparison.OrdinalIgnoreCase)))
            {
                ModelState.AddModelError("Input.District", district is null
                    ? t["Für „{0}“ gibt es schon eine Zuständigkeit in der ganzen Stadt. Ändern Sie diese, statt eine zweite anzulegen.", category.Name]
                    : t["Für „{0}“ gibt es im Stadtteil {1} schon eine Zuständigkeit. Ändern Sie diese, statt eine zweite anzulegen.", category.Name, district]);
            }
        }

        var unit = Input.OrgUnitId is int unitId ? await db.OrgUnits.FindAsync([unitId], ct) : null;
        if (Input.OrgUnitId is not null && unit is null)
        {
            ModelState.AddModelError("Input.OrgUnitId", t["Die Organisationseinheit gibt es nicht."]);
        }
        else if (unit is { IsActive: false })
        {
            ModelState.AddModelError("Input.OrgUnitId", t["Die Organisationseinheit „{0}“ ist deaktiviert und kann keine Anliegen bekommen.", unit.Code + " " + unit.Name]);
        }

        return (category, unit);
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync(ct);
        CategoryItems = TopicItems(categories);
        var units = await db.OrgUnits.AsNoTracking().ToListAsync(ct);
        UnitItems = OrgTexts.UnitItems(units, u => u.IsActive);
    }

    /// <summary>Topics only (a group gets no rule), in option groups named after their group.</summary>
    private List<SelectListItem> TopicItems(List<Category> categories)
    {
        var children = categories.ToLookup(c => c.ParentId);
        var ungrouped = new SelectListGroup { Name = t["Themen ohne Gruppe"] };
        var items = new List<SelectListItem>();
        foreach (var top in children[null])
        {
            // The select renders one optgroup per group instance, so each group is created once.
            var group = new SelectListGroup { Name = top.Name };
            items.AddRange(children[top.Id].Select(c => Item(c, group)));
        }

        items.AddRange(children[null].Where(top => !children[top.Id].Any()).Select(top => Item(top, ungrouped)));
        return items;

        SelectListItem Item(Category c, SelectListGroup group) =>
            new(c.Name + " (" + c.Code + ")" + (c.IsActive ? "" : " – " + t["deaktiviert"]), c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) { Group = group };
    }
}

public sealed class RuleInput
{
    [Display(Name = "Thema")]
    [Required(ErrorMessage = "Bitte wählen Sie das Thema.")]
    public int? CategoryId { get; set; }

    [Display(Name = "Stadtteil")]
    [StringLength(100, ErrorMessage = "Der Stadtteil darf höchstens {1} Zeichen lang sein.")]
    public string? District { get; set; }

    [Display(Name = "Organisationseinheit")]
    [Required(ErrorMessage = "Bitte wählen Sie die zuständige Organisationseinheit.")]
    public int? OrgUnitId { get; set; }

    public static RuleInput From(ResponsibilityRule rule) => new()
    {
        CategoryId = rule.CategoryId,
        District = rule.District,
        OrgUnitId = rule.OrgUnitId,
    };
}
