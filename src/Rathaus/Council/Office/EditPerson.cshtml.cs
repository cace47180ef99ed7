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

/// <summary>
/// A council member, the mayor or a citizen member, with their memberships: each in one organization and one term,
/// possibly for a faction; a membership outside its term is refused (<see cref="CouncilRules.CheckMembership"/>).
/// </summary>
[Authorize(Roles = StaffRoles.CouncilOffice)]
public sealed class EditPersonModel(RathausDb db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    // Two forms on one page: each handler binds and validates only its own input.
    public PersonInput Input { get; set; } = new();

    public MembershipInput Membership { get; set; } = new();

    public Person? Person { get; private set; }
    public IReadOnlyList<SelectListItem> OrganizationItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> FactionItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> TermItems { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (Person is { } p)
        {
            Input = new PersonInput { FormOfAddress = p.FormOfAddress, Title = p.Title, GivenName = p.GivenName, FamilyName = p.FamilyName };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        await TryUpdateModelAsync(Input, nameof(Input));
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
        var person = Person ?? new Person { FamilyName = "", GivenName = "", BodyId = body!.Id, Created = now };
        var before = Person is null ? null : Snapshot(Person);
        person.FormOfAddress = string.IsNullOrWhiteSpace(Input.FormOfAddress) ? null : Input.FormOfAddress.Trim();
        person.Title = string.IsNullOrWhiteSpace(Input.Title) ? null : Input.Title.Trim();
        person.GivenName = Input.GivenName!.Trim();
        person.FamilyName = Input.FamilyName!.Trim();
        person.Modified = now;
        if (Person is null)
        {
            db.CouncilPersons.Add(person);
            await db.SaveChangesAsync(ct);
        }

        audit.Record(before is null ? "Person.Created" : "Person.Changed", nameof(Model.Person), person.Id.ToString(CultureInfo.InvariantCulture), before, Snapshot(person));
        await db.SaveChangesAsync(ct);
        Message = t["{0} ist gespeichert.", person.Name];
        return Redirect($"/intern/rat/person/{person.Id.ToString(CultureInfo.InvariantCulture)}");
    }

    public async Task<IActionResult> OnPostMembershipAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Person is null)
        {
            return NotFound();
        }

        await TryUpdateModelAsync(Membership, nameof(Membership));
        var organization = Membership.OrganizationId is int organizationId
            ? await db.CouncilOrganizations.SingleOrDefaultAsync(o => o.Id == organizationId && !o.Deleted, ct)
            : null;
        if (Membership.OrganizationId is not null && organization is null)
        {
            ModelState.AddModelError("Membership.OrganizationId", t["Bitte wählen Sie ein Gremium aus der Liste."]);
        }

        var faction = Membership.OnBehalfOfId is int factionId
            ? await db.CouncilOrganizations.SingleOrDefaultAsync(o => o.Id == factionId && !o.Deleted, ct)
            : null;
        if (Membership.OnBehalfOfId is not null && faction is not { Kind: OrganizationKind.Faction or OrganizationKind.Group })
        {
            ModelState.AddModelError("Membership.OnBehalfOfId", t["Bitte wählen Sie eine Fraktion oder Gruppe aus der Liste."]);
        }

        var term = Membership.LegislativeTermId is int termId ? await db.LegislativeTerms.SingleOrDefaultAsync(x => x.Id == termId && !x.Deleted, ct) : null;
        if (Membership.LegislativeTermId is not null && term is null)
        {
            ModelState.AddModelError("Membership.LegislativeTermId", t["Bitte wählen Sie eine Wahlperiode aus der Liste."]);
        }

        if (term is not null && Membership.StartDate is { } start)
        {
            foreach (var violation in CouncilRules.CheckMembership(start, Membership.EndDate, term))
            {
                ModelState.AddModelError("Membership." + violation.Field, t[violation.Message]);
            }
        }

        if (!ModelState.IsValid)
        {
            var entered = Membership;
            await OnGetAsync(id, ct);
            Membership = entered; // keep what was typed
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var membership = new Membership
        {
            PersonId = Person.Id,
            OrganizationId = organization!.Id,
            LegislativeTermId = term!.Id,
            Role = Membership.Role!.Trim(),
            VotingRight = Membership.VotingRight,
            StartDate = Membership.StartDate!.Value,
            EndDate = Membership.EndDate,
            OnBehalfOfId = faction?.Id,
        };
        membership.Stamp(now);
        db.CouncilMemberships.Add(membership);
        Person.Modified = now; // OParl embeds memberships in the person
        await db.SaveChangesAsync(ct);
        audit.Record("Membership.Created", nameof(Model.Membership), membership.Id.ToString(CultureInfo.InvariantCulture), null, MembershipSnapshot(membership));
        await db.SaveChangesAsync(ct);
        Message = t["Die Mitgliedschaft in {0} ist gespeichert.", organization.Name];
        return Redirect($"/intern/rat/person/{Person.Id.ToString(CultureInfo.InvariantCulture)}");
    }

    public async Task<IActionResult> OnPostDeleteMembershipAsync(int id, int membershipId, CancellationToken ct)
    {
        var membership = await db.CouncilMemberships.Include(m => m.Person).SingleOrDefaultAsync(m => m.Id == membershipId && m.PersonId == id && !m.Deleted, ct);
        if (membership is null)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        membership.Deleted = true;
        membership.Modified = now;
        membership.Person!.Modified = now;
        audit.Record("Membership.Deleted", nameof(Model.Membership), membershipId.ToString(CultureInfo.InvariantCulture), MembershipSnapshot(membership), null);
        await db.SaveChangesAsync(ct);
        Message = t["Die Mitgliedschaft ist gelöscht."];
        return Redirect($"/intern/rat/person/{id.ToString(CultureInfo.InvariantCulture)}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Person is null)
        {
            return NotFound();
        }

        // The memberships are part of the person (OParl embeds them): they go with it.
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var membership in Person.Memberships.Where(m => !m.Deleted))
        {
            membership.Deleted = true;
            membership.Modified = now;
        }

        Person.Deleted = true;
        Person.Modified = now;
        audit.Record("Person.Deleted", nameof(Model.Person), id.ToString(CultureInfo.InvariantCulture), Snapshot(Person), null);
        await db.SaveChangesAsync(ct);
        Message = t["{0} ist gelöscht.", Person.Name];
        return Redirect("/intern/rat/stammdaten");
    }

    private async Task<bool> LoadAsync(int? id, CancellationToken ct)
    {
        if (id is int personId)
        {
            Person = await db.CouncilPersons
                .Include(p => p.Memberships).ThenInclude(m => m.Organization)
                .Include(p => p.Memberships).ThenInclude(m => m.OnBehalfOf)
                .SingleOrDefaultAsync(p => p.Id == personId && !p.Deleted, ct);
            if (Person is null)
            {
                return false;
            }
        }

        var organizations = await db.CouncilOrganizations.AsNoTracking().Where(o => !o.Deleted).OrderBy(o => o.Kind).ThenBy(o => o.Name).ToListAsync(ct);
        OrganizationItems = organizations.Select(o => new SelectListItem(o.Name, o.Id.ToString(CultureInfo.InvariantCulture))).ToList();
        FactionItems = organizations.Where(o => !o.IsCommittee).Select(o => new SelectListItem(o.Name, o.Id.ToString(CultureInfo.InvariantCulture))).ToList();
        TermItems = await db.LegislativeTerms.AsNoTracking().Where(x => !x.Deleted).OrderByDescending(x => x.StartDate)
            .Select(x => new SelectListItem(x.Name, x.Id.ToString(CultureInfo.InvariantCulture))).ToListAsync(ct);
        return true;
    }

    private static object Snapshot(Person p) => new { p.FormOfAddress, p.Title, p.GivenName, p.FamilyName };

    private static object MembershipSnapshot(Membership m) =>
        new { m.PersonId, m.OrganizationId, m.LegislativeTermId, m.Role, m.VotingRight, m.StartDate, m.EndDate, m.OnBehalfOfId };
}

public sealed class PersonInput
{
    [Display(Name = "Anrede")]
    [StringLength(20, ErrorMessage = "Die Anrede darf höchstens {1} Zeichen lang sein.")]
    public string? FormOfAddress { get; set; }

    [Display(Name = "Titel")]
    [StringLength(50, ErrorMessage = "Der Titel darf höchstens {1} Zeichen lang sein.")]
    public string? Title { get; set; }

    [Display(Name = "Vorname")]
    [Required(ErrorMessage = "Bitte geben Sie den Vornamen an.")]
    [StringLength(100, ErrorMessage = "Der Vorname darf höchstens {1} Zeichen lang sein.")]
    public string? GivenName { get; set; }

    [Display(Name = "Familienname")]
    [Required(ErrorMessage = "Bitte geben Sie den Familiennamen an.")]
    [StringLength(100, ErrorMessage = "Der Familienname darf höchstens {1} Zeichen lang sein.")]
    public string? FamilyName { get; set; }
}

public sealed class MembershipInput
{
    [Display(Name = "Gremium")]
    [Required(ErrorMessage = "Bitte wählen Sie das Gremium.")]
    public int? OrganizationId { get; set; }

    [Display(Name = "Wahlperiode")]
    [Required(ErrorMessage = "Bitte wählen Sie die Wahlperiode.")]
    public int? LegislativeTermId { get; set; }

    [Display(Name = "Rolle")]
    [Required(ErrorMessage = "Bitte geben Sie die Rolle an.")]
    [StringLength(100, ErrorMessage = "Die Rolle darf höchstens {1} Zeichen lang sein.")]
    public string? Role { get; set; }

    [Display(Name = "Stimmberechtigt")]
    public bool VotingRight { get; set; } = true;

    [Display(Name = "Von")]
    [Required(ErrorMessage = "Bitte geben Sie den Beginn der Mitgliedschaft an.")]
    public DateOnly? StartDate { get; set; }

    [Display(Name = "Bis")]
    public DateOnly? EndDate { get; set; }

    [Display(Name = "Für Fraktion oder Gruppe")]
    public int? OnBehalfOfId { get; set; }
}
