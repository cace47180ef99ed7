using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Council.Model;
using Rathaus.Data;
using Rathaus.Platform.Audit;
using Rathaus.Platform.Auth;

namespace Rathaus.Council.Office;

/// <summary>Creating, changing and (softly) deleting an organization: Rat, committee, local council, faction or group.</summary>
[Authorize(Roles = StaffRoles.CouncilOffice)]
public sealed class EditOrganizationModel(RathausDb db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public OrganizationInput Input { get; set; } = new();

    public Organization? Organization { get; private set; }

    public IEnumerable<SelectListItem> KindItems => Enum.GetValues<OrganizationKind>().Select(k => new SelectListItem(t[CouncilNames.Kind(k)], k.ToString()));

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (id is not null && !await LoadAsync(id.Value, ct))
        {
            return NotFound();
        }

        if (Organization is { } o)
        {
            Input = new OrganizationInput { Name = o.Name, ShortName = o.ShortName, Kind = o.Kind, StartDate = o.StartDate, EndDate = o.EndDate };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (id is not null && !await LoadAsync(id.Value, ct))
        {
            return NotFound();
        }

        if (Input.StartDate is { } start && Input.EndDate is { } end && end < start)
        {
            ModelState.AddModelError("Input.EndDate", t["Ein Gremium kann nicht aufgelöst werden, bevor es eingerichtet wurde."]);
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
        var organization = Organization ?? new Organization { Name = "", BodyId = body!.Id, Created = now };
        var before = Organization is null ? null : Snapshot(Organization);
        organization.Name = Input.Name!.Trim();
        organization.ShortName = string.IsNullOrWhiteSpace(Input.ShortName) ? null : Input.ShortName.Trim();
        organization.Kind = Input.Kind!.Value;
        organization.StartDate = Input.StartDate;
        organization.EndDate = Input.EndDate;
        organization.Modified = now;
        if (Organization is null)
        {
            db.CouncilOrganizations.Add(organization);
            await db.SaveChangesAsync(ct); // the id is the audit key
        }

        audit.Record(before is null ? "Organization.Created" : "Organization.Changed", nameof(Model.Organization), organization.Id.ToString(CultureInfo.InvariantCulture), before, Snapshot(organization));
        await db.SaveChangesAsync(ct);
        Message = t["Das Gremium {0} ist gespeichert.", organization.Name];
        return Redirect($"/intern/rat/gremium/{organization.Id.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>OParl keeps deleted objects with <c>deleted: true</c>; so does the database.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        // What still refers to it would point into nothing (and OParl would list it without its organization).
        if (await db.CouncilMemberships.AnyAsync(m => !m.Deleted && (m.OrganizationId == id || m.OnBehalfOfId == id), ct)
            || await db.CouncilMeetings.AnyAsync(m => !m.Deleted && m.Organizations.Any(o => o.Id == id), ct)
            || await db.Consultations.AnyAsync(c => !c.Deleted && c.OrganizationId == id, ct))
        {
            ModelState.AddModelError("", t["Das Gremium hat noch Mitgliedschaften, Sitzungen oder Beratungen. Löschen Sie diese zuerst."]);
            Input = new OrganizationInput { Name = Organization!.Name, ShortName = Organization.ShortName, Kind = Organization.Kind, StartDate = Organization.StartDate, EndDate = Organization.EndDate };
            return Page();
        }

        Organization!.Deleted = true;
        Organization.Modified = clock.GetUtcNow().UtcDateTime;
        audit.Record("Organization.Deleted", nameof(Model.Organization), id.ToString(CultureInfo.InvariantCulture), Snapshot(Organization), null);
        await db.SaveChangesAsync(ct);
        Message = t["Das Gremium {0} ist gelöscht.", Organization.Name];
        return Redirect("/intern/rat/stammdaten");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Organization = await db.CouncilOrganizations.SingleOrDefaultAsync(o => o.Id == id && !o.Deleted, ct);
        return Organization is not null;
    }

    private static object Snapshot(Organization o) => new { o.Name, o.ShortName, Kind = o.Kind.ToString(), o.StartDate, o.EndDate };
}

public sealed class OrganizationInput
{
    [Display(Name = "Name")]
    [Required(ErrorMessage = "Bitte geben Sie den Namen des Gremiums an.")]
    [StringLength(200, ErrorMessage = "Der Name darf höchstens {1} Zeichen lang sein.")]
    public string? Name { get; set; }

    [Display(Name = "Kurzname")]
    [StringLength(50, ErrorMessage = "Der Kurzname darf höchstens {1} Zeichen lang sein.")]
    public string? ShortName { get; set; }

    [Display(Name = "Art")]
    [Required(ErrorMessage = "Bitte wählen Sie die Art des Gremiums.")]
    public OrganizationKind? Kind { get; set; }

    [Display(Name = "Eingerichtet am")]
    public DateOnly? StartDate { get; set; }

    [Display(Name = "Aufgelöst am")]
    public DateOnly? EndDate { get; set; }
}
