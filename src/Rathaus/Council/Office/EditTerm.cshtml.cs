using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Council.Model;
using Rathaus.Data;
using Rathaus.Platform.Audit;
using Rathaus.Platform.Auth;

namespace Rathaus.Council.Office;

/// <summary>Creating, changing and (softly) deleting an electoral term (Wahlperiode).</summary>
[Authorize(Roles = StaffRoles.CouncilOffice)]
public sealed class EditTermModel(RathausDb db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public TermInput Input { get; set; } = new();

    public LegislativeTerm? Term { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (id is not null && !await LoadAsync(id.Value, ct))
        {
            return NotFound();
        }

        if (Term is { } term)
        {
            Input = new TermInput { Name = term.Name, StartDate = term.StartDate, EndDate = term.EndDate };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (id is not null && !await LoadAsync(id.Value, ct))
        {
            return NotFound();
        }

        if (Input.StartDate is { } start && Input.EndDate is { } end && end <= start)
        {
            ModelState.AddModelError("Input.EndDate", t["Die Wahlperiode muss nach ihrem ersten Tag enden."]);
        }

        var body = await db.CouncilBodies.OrderBy(b => b.Id).FirstOrDefaultAsync(b => !b.Deleted, ct);
        if (body is null)
        {
            ModelState.AddModelError("", t["Es ist noch keine Körperschaft angelegt."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var term = Term ?? new LegislativeTerm { Name = "", BodyId = body!.Id, Created = now };
        var before = Term is null ? null : Snapshot(Term);
        term.Name = Input.Name!.Trim();
        term.StartDate = Input.StartDate!.Value;
        term.EndDate = Input.EndDate!.Value;
        term.Modified = now;
        if (Term is null)
        {
            db.LegislativeTerms.Add(term);
            await db.SaveChangesAsync(ct);
        }

        audit.Record(before is null ? "LegislativeTerm.Created" : "LegislativeTerm.Changed", nameof(LegislativeTerm), term.Id.ToString(CultureInfo.InvariantCulture), before, Snapshot(term));
        await db.SaveChangesAsync(ct);
        Message = t["Die Wahlperiode {0} ist gespeichert.", term.Name];
        return Redirect($"/intern/rat/wahlperiode/{term.Id.ToString(CultureInfo.InvariantCulture)}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (await db.CouncilMemberships.AnyAsync(m => !m.Deleted && m.LegislativeTermId == id, ct))
        {
            ModelState.AddModelError("", t["Zu dieser Wahlperiode gibt es noch Mitgliedschaften. Löschen Sie diese zuerst."]);
            Input = new TermInput { Name = Term!.Name, StartDate = Term.StartDate, EndDate = Term.EndDate };
            return Page();
        }

        Term!.Deleted = true;
        Term.Modified = clock.GetUtcNow().UtcDateTime;
        audit.Record("LegislativeTerm.Deleted", nameof(LegislativeTerm), id.ToString(CultureInfo.InvariantCulture), Snapshot(Term), null);
        await db.SaveChangesAsync(ct);
        Message = t["Die Wahlperiode {0} ist gelöscht.", Term.Name];
        return Redirect("/intern/rat/stammdaten");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Term = await db.LegislativeTerms.SingleOrDefaultAsync(x => x.Id == id && !x.Deleted, ct);
        return Term is not null;
    }

    private static object Snapshot(LegislativeTerm x) => new { x.Name, x.StartDate, x.EndDate };
}

public sealed class TermInput
{
    [Display(Name = "Bezeichnung")]
    [Required(ErrorMessage = "Bitte geben Sie die Bezeichnung der Wahlperiode an.")]
    [StringLength(100, ErrorMessage = "Die Bezeichnung darf höchstens {1} Zeichen lang sein.")]
    public string? Name { get; set; }

    [Display(Name = "Erster Tag")]
    [Required(ErrorMessage = "Bitte geben Sie den ersten Tag der Wahlperiode an.")]
    public DateOnly? StartDate { get; set; }

    [Display(Name = "Letzter Tag")]
    [Required(ErrorMessage = "Bitte geben Sie den letzten Tag der Wahlperiode an.")]
    public DateOnly? EndDate { get; set; }
}
