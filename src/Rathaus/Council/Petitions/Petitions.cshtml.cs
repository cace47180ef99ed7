using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Concerns.Inbox;
using Rathaus.Concerns.Model;
using Rathaus.Data;
using Rathaus.Platform.Auth;

namespace Rathaus.Council.Petitions;

/// <summary>
/// Ratsbüro: the Anregungen und Beschwerden addressed to the council, and turning a concern of the office's inbox
/// into one (a citizen asked for it by phone or letter, or a colleague forwarded it to the office).
/// </summary>
[Authorize(Roles = StaffRoles.CouncilOffice)]
public sealed class PetitionsModel(RathausDb db, ConcernAccess access, CouncilPetitions petitions, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public IReadOnlyList<PetitionRow> Rows { get; private set; } = [];

    [BindProperty]
    public ConvertInput Convert { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var reference = Convert.ReferenceNumber!.Trim();
            var concern = await access.FindVisibleAsync(User, reference, ct);
            if (concern is null)
            {
                ModelState.AddModelError("Convert.ReferenceNumber", t["Ein Anliegen mit dieser Vorgangsnummer gibt es in Ihrem Posteingang nicht. Lassen Sie es zuerst an das Ratsbüro weiterleiten."]);
            }
            else
            {
                var acting = await access.ActingPositionAsync(User, concern, ct);
                if (acting is null)
                {
                    return Forbid();
                }

                var (petition, refusal) = await petitions.ConvertAsync(concern, acting, clock.GetUtcNow().UtcDateTime, ct);
                if (petition is not null)
                {
                    await db.SaveChangesAsync(ct);
                    Message = t["Das Anliegen {0} ist jetzt eine Anregung oder Beschwerde an den Rat.", concern.ReferenceNumber];
                    return Redirect($"/intern/rat/anregungen/{petition.Id}");
                }

                ModelState.AddModelError("Convert.ReferenceNumber", t[refusal!]);
            }
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Rows = await db.CouncilPetitions.AsNoTracking().OrderBy(p => p.Status).ThenByDescending(p => p.Created)
            .Select(p => new PetitionRow(p.Id, p.Concern!.ReferenceNumber, p.Concern.Kind, p.Status, p.Created,
                p.AgendaItem != null ? p.AgendaItem.Meeting!.Name : null, p.AgendaItem != null ? p.AgendaItem.Number : null))
            .Take(500).ToListAsync(ct);
}

public sealed record PetitionRow(int Id, string ReferenceNumber, ConcernKind Kind, PetitionStatus Status, DateTime Created, string? MeetingName, string? ItemNumber);

public sealed class ConvertInput
{
    [Display(Name = "Vorgangsnummer")]
    [Required(ErrorMessage = "Bitte geben Sie die Vorgangsnummer des Anliegens an.")]
    [StringLength(20, ErrorMessage = "Die Vorgangsnummer darf höchstens {1} Zeichen lang sein.")]
    public string? ReferenceNumber { get; set; }
}

/// <summary>The German names of a petition's states (resx keys).</summary>
public static class PetitionTexts
{
    public static string Status(PetitionStatus status) => status switch
    {
        PetitionStatus.Received => Texts.Key("Eingegangen"),
        PetitionStatus.Scheduled => Texts.Key("Auf der Tagesordnung"),
        _ => Texts.Key("Beraten"),
    };
}
