using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Data;
using Rathaus.Platform.Audit;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Concerns.Templates;

/// <summary>Create and edit a Textbaustein, deactivate and reactivate it (nothing is deleted: answers refer to it).</summary>
[Authorize]
public sealed class TemplateModel(RathausDb db, TemplateAccess access, AuditLog audit, IStringLocalizer<SharedResource> t) : PageModel
{
    public const string New = "neu";

    [BindProperty]
    public TemplateInput Input { get; set; } = new();

    public ReplyTemplate? Template { get; private set; }
    public IEnumerable<SelectListItem> UnitItems { get; private set; } = [];
    public bool MaintainsGeneral { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied)
        {
            return denied;
        }

        if (Template is not null)
        {
            Input = new TemplateInput { Title = Template.Title, Text = Template.Text, OrgUnitId = Template.OrgUnitId };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied)
        {
            return denied;
        }

        if (!await access.MayMaintainAsync(User, Input.OrgUnitId, ct))
        {
            ModelState.AddModelError("Input.OrgUnitId", MaintainsGeneral
                ? t["Bitte wählen Sie eine aktive Einheit oder „alle Einheiten“."]
                : t["Bitte wählen Sie eine Einheit, die Sie leiten."]);
        }
        else if (Input.OrgUnitId is int unitId && !await db.OrgUnits.AnyAsync(u => u.Id == unitId && u.IsActive, ct))
        {
            ModelState.AddModelError("Input.OrgUnitId", t["Bitte wählen Sie eine aktive Einheit oder „alle Einheiten“."]);
        }

        var unknown = TemplatePlaceholders.Unknown(Input.Text);
        if (unknown.Count > 0)
        {
            ModelState.AddModelError("Input.Text", t["Diese Platzhalter gibt es nicht: {0}. Erlaubt sind: {1}.",
                string.Join(", ", unknown.Select(u => "{" + u + "}")),
                string.Join(", ", TemplatePlaceholders.All.Select(p => "{" + p.Name + "}"))]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var before = Template?.Snapshot();
        await using var transaction = await db.Database.BeginTransactionAsync(ct); // the change and its audit entry together
        var template = Template ?? db.ReplyTemplates.Add(new ReplyTemplate { Title = "", Text = "" }).Entity;
        template.Title = Input.Title.Trim();
        template.Text = Input.Text.Trim();
        template.OrgUnitId = Input.OrgUnitId;
        template.OrgUnit = Input.OrgUnitId is int unit ? await db.OrgUnits.FindAsync([unit], ct) : null;
        await db.SaveChangesAsync(ct); // the id names the audit entry
        audit.Record(Template is null ? "ReplyTemplate.Created" : "ReplyTemplate.Changed", nameof(ReplyTemplate), template.AuditKey, before, template.Snapshot());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        Message = t["Der Textbaustein „{0}“ wurde gespeichert.", template.Title];
        return Redirect("/intern/textbausteine");
    }

    public Task<IActionResult> OnPostDeactivateAsync(string id, CancellationToken ct) => SetActiveAsync(id, false, ct);

    public Task<IActionResult> OnPostReactivateAsync(string id, CancellationToken ct) => SetActiveAsync(id, true, ct);

    private async Task<IActionResult> SetActiveAsync(string id, bool active, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied)
        {
            return denied;
        }

        if (Template is null)
        {
            return NotFound();
        }

        audit.SetActive(Template, active);
        await db.SaveChangesAsync(ct);
        Message = active
            ? t["Der Textbaustein „{0}“ ist wieder aktiv.", Template.Title]
            : t["Der Textbaustein „{0}“ wurde deaktiviert.", Template.Title];
        return Redirect("/intern/textbausteine");
    }

    /// <summary>Loads the template and the unit choices; a template this user may not maintain is "not found".</summary>
    private async Task<IActionResult?> LoadAsync(string id, CancellationToken ct)
    {
        var maintained = await access.MaintainedUnitsAsync(User, ct);
        MaintainsGeneral = maintained is null;
        if (maintained is { Count: 0 })
        {
            return Forbid();
        }

        if (id != New)
        {
            Template = int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? await db.ReplyTemplates.Include(x => x.OrgUnit).SingleOrDefaultAsync(x => x.Id == number, ct)
                : null;
            if (Template is null || !await access.MayMaintainAsync(User, Template.OrgUnitId, ct))
            {
                return NotFound();
            }
        }

        var units = await db.OrgUnits.AsNoTracking().ToListAsync(ct);
        UnitItems = OrgTexts.UnitItems(units, u => (u.IsActive || u.Id == Template?.OrgUnitId) && (maintained is null || maintained.Contains(u.Id))).ToList();
        return null;
    }
}

public sealed class TemplateInput
{
    [Display(Name = "Titel")]
    [Required(ErrorMessage = "Bitte geben Sie einen Titel an.")]
    [StringLength(200, ErrorMessage = "Der Titel darf höchstens {1} Zeichen lang sein.")]
    public string Title { get; set; } = "";

    [Display(Name = "Text")]
    [Required(ErrorMessage = "Bitte schreiben Sie den Text des Bausteins.")]
    [StringLength(10_000, ErrorMessage = "Der Text darf höchstens {1} Zeichen lang sein.")]
    public string Text { get; set; } = "";

    [Display(Name = "Für")]
    public int? OrgUnitId { get; set; }
}
