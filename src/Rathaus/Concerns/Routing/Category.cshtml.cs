using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Rathaus.Concerns.Categories;
using Rathaus.Concerns.Deadlines;
using Rathaus.Data;
using Rathaus.Platform.Audit;
using Rathaus.Platform.Auth;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Concerns.Routing;

/// <summary>
/// Create and edit a category (Thema) or a group of them (Themengruppe), deactivate and reactivate it.
/// The tree has two levels: only top-level categories can be parents, and rules apply to topics, not groups.
/// </summary>
[Authorize(Roles = StaffRoles.Administrator)]
public sealed class CategoryModel(RathausDb db, AuditLog audit, IOptions<DeadlineOptions> deadlines, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>The installation's default periods, named in the hints of the two deadline fields.</summary>
    public DeadlineOptions Defaults => deadlines.Value;

    [BindProperty]
    public CategoryInput Input { get; set; } = new();

    public Category? Category { get; private set; }
    public bool IsGroup { get; private set; }
    public IReadOnlyList<ResponsibilityRule> Rules { get; private set; } = [];
    public IEnumerable<SelectListItem> ParentItems { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int? id, int? gruppe, CancellationToken ct)
    {
        if (id is not null)
        {
            Category = await db.Categories.FindAsync([id], ct);
            if (Category is null)
            {
                return NotFound();
            }

            Input = CategoryInput.From(Category);
        }
        else
        {
            Input.ParentId = gruppe;
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Category = id is null ? null : await db.Categories.Include(c => c.Parent).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (id is not null && Category is null)
        {
            return NotFound();
        }

        var parent = await CheckRulesAsync(ct);
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var before = Category?.Snapshot();
        var category = Category ?? db.Categories.Add(new Category { Code = "", Name = "" }).Entity;
        category.Code = Input.Code.Trim();
        category.Name = Input.Name.Trim();
        category.Description = string.IsNullOrWhiteSpace(Input.Description) ? null : Input.Description.Trim();
        category.ParentId = parent?.Id;
        category.Parent = parent; // for the audit snapshot
        category.SortOrder = Input.SortOrder ?? 0;
        category.FirstReplyDays = Input.FirstReplyDays;
        category.FinalAnswerDays = Input.FinalAnswerDays;
        audit.Record(Category is null ? "Category.Created" : "Category.Changed", nameof(Categories.Category), category.Code, before, category.Snapshot());
        await db.SaveChangesAsync(ct);

        Message = t["Das Thema „{0}“ wurde gespeichert.", category.Name];
        return Redirect("/intern/zustaendigkeiten");
    }

    public Task<IActionResult> OnPostDeactivateAsync(int id, CancellationToken ct) => SetActiveAsync(id, false, ct);

    public Task<IActionResult> OnPostReactivateAsync(int id, CancellationToken ct) => SetActiveAsync(id, true, ct);

    private async Task<IActionResult> SetActiveAsync(int id, bool active, CancellationToken ct)
    {
        var category = await db.Categories.Include(c => c.Parent).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (category is null)
        {
            return NotFound();
        }

        audit.SetActive(category, active);
        await db.SaveChangesAsync(ct);
        Message = active
            ? t["Das Thema „{0}“ ist wieder aktiv.", category.Name]
            : t["Das Thema „{0}“ wurde deaktiviert.", category.Name];
        return Redirect("/intern/zustaendigkeiten");
    }

    /// <summary>Checks the input against the stored categories; returns the chosen parent.</summary>
    private async Task<Category?> CheckRulesAsync(CancellationToken ct)
    {
        var firstReply = Input.FirstReplyDays ?? Defaults.FirstReplyDays;
        if (Input.FinalAnswerDays is int finalAnswer && finalAnswer < firstReply)
        {
            ModelState.AddModelError("Input.FinalAnswerDays", t["Die Frist für die abschließende Antwort darf nicht kürzer sein als die für die erste Antwort ({0} Arbeitstage).", firstReply]);
        }

        var code = Input.Code?.Trim() ?? "";
        var ownId = Category?.Id ?? 0;
        if (code.Length > 0 && await db.Categories.AnyAsync(c => c.Code == code && c.Id != ownId, ct))
        {
            ModelState.AddModelError("Input.Code", t["Das Kürzel „{0}“ ist schon vergeben.", code]);
        }

        if (Input.ParentId is not int parentId)
        {
            return null;
        }

        var parent = await db.Categories.FindAsync([parentId], ct);
        if (parent is null || parent.Id == ownId)
        {
            ModelState.AddModelError("Input.ParentId", t["Die Themengruppe gibt es nicht."]);
        }
        else if (parent.ParentId is not null)
        {
            ModelState.AddModelError("Input.ParentId", t["„{0}“ ist selbst ein Thema in einer Gruppe. Themen können nur in Themengruppen der obersten Ebene liegen.", parent.Name]);
        }
        else if (Category is not null && await db.Categories.AnyAsync(c => c.ParentId == ownId, ct))
        {
            ModelState.AddModelError("Input.ParentId", t["Diese Themengruppe enthält Themen und kann daher nicht selbst in eine Gruppe verschoben werden."]);
        }
        else if (parent.Id != Category?.ParentId && await db.ResponsibilityRules.AnyAsync(r => r.CategoryId == parent.Id, ct))
        {
            // A group with rules of its own would break "rules apply to topics": its rules must go first.
            ModelState.AddModelError("Input.ParentId", t["„{0}“ hat eigene Zuständigkeiten und kann deshalb keine Themengruppe werden. Entfernen Sie zuerst diese Zuständigkeiten.", parent.Name]);
        }

        return parent;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var ownId = Category?.Id ?? 0;
        ParentItems = await db.Categories.AsNoTracking()
            .Where(c => c.ParentId == null && c.Id != ownId && (c.IsActive || c.Id == Input.ParentId))
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
            .Select(c => new SelectListItem(c.Name + " (" + c.Code + ")", c.Id.ToString()))
            .ToListAsync(ct);
        if (Category is not null)
        {
            IsGroup = await db.Categories.AnyAsync(c => c.ParentId == ownId, ct);
            Rules = await db.ResponsibilityRules.AsNoTracking().Include(r => r.OrgUnit).Where(r => r.CategoryId == ownId)
                .OrderBy(r => r.District != null).ThenBy(r => r.District).ToListAsync(ct);
        }
    }
}

public sealed class CategoryInput
{
    [Display(Name = "Kürzel")]
    [Required(ErrorMessage = "Bitte geben Sie ein Kürzel an.")]
    [StringLength(50, ErrorMessage = "Das Kürzel darf höchstens {1} Zeichen lang sein.")]
    [RegularExpression(@"^\s*[a-z0-9-]+\s*$", ErrorMessage = "Das Kürzel darf nur Kleinbuchstaben (a–z ohne Umlaute), Ziffern und Bindestriche enthalten.")]
    public string Code { get; set; } = "";

    [Display(Name = "Name")]
    [Required(ErrorMessage = "Bitte geben Sie einen Namen an.")]
    [StringLength(200, ErrorMessage = "Der Name darf höchstens {1} Zeichen lang sein.")]
    public string Name { get; set; } = "";

    [Display(Name = "Beschreibung")]
    [StringLength(2000, ErrorMessage = "Die Beschreibung darf höchstens {1} Zeichen lang sein.")]
    public string? Description { get; set; }

    [Display(Name = "Themengruppe")]
    public int? ParentId { get; set; }

    [Display(Name = "Reihenfolge")]
    [Range(0, 9999, ErrorMessage = "Die Reihenfolge muss eine Zahl zwischen {1} und {2} sein.")]
    public int? SortOrder { get; set; }

    [Display(Name = "Frist für die erste Antwort (Arbeitstage)")]
    [Range(1, 250, ErrorMessage = "Die Frist für die erste Antwort muss zwischen {1} und {2} Arbeitstagen liegen.")]
    public int? FirstReplyDays { get; set; }

    [Display(Name = "Frist für die abschließende Antwort (Arbeitstage)")]
    [Range(1, 250, ErrorMessage = "Die Frist für die abschließende Antwort muss zwischen {1} und {2} Arbeitstagen liegen.")]
    public int? FinalAnswerDays { get; set; }

    public static CategoryInput From(Category category) => new()
    {
        Code = category.Code,
        Name = category.Name,
        Description = category.Description,
        ParentId = category.ParentId,
        SortOrder = category.SortOrder,
        FirstReplyDays = category.FirstReplyDays,
        FinalAnswerDays = category.FinalAnswerDays,
    };
}
