using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Data;
using Rathaus.Platform.Audit;
using Rathaus.Platform.Auth;

namespace Rathaus.Open311.Clients;

/// <summary>
/// Issue and revoke the API keys of apps. A new key is shown once, in the answer to the form (not in TempData, which
/// would put it into a cookie); the database and the audit keep only its hash and its first characters.
/// </summary>
[Authorize(Roles = StaffRoles.Administrator)]
public sealed class ClientsModel(RathausDb db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public ClientInput Input { get; set; } = new();

    public IReadOnlyList<ApiClient> Clients { get; private set; } = [];
    public string? IssuedKey { get; private set; }
    public string? IssuedName { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var (key, hash) = ApiKeys.New();
        var client = new ApiClient
        {
            Name = Input.Name.Trim(),
            Contact = string.IsNullOrWhiteSpace(Input.Contact) ? null : Input.Contact.Trim(),
            KeyHash = hash,
            KeyPrefix = ApiKeys.Recognizable(key),
            RequestsPerMinute = Input.RequestsPerMinute ?? 60,
            IssuedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ApiClients.Add(client);
        audit.Record("ApiClient.Issued", nameof(ApiClient), client.Name, null, client.Snapshot());
        await db.SaveChangesAsync(ct);

        IssuedKey = key;
        IssuedName = client.Name;
        Input = new ClientInput();
        ModelState.Clear();
        await LoadAsync(ct);
        Response.Headers.CacheControl = "no-store"; // the key must not stay in a cache
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int clientId, CancellationToken ct)
    {
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null)
        {
            return NotFound();
        }

        if (client.IsActive)
        {
            var before = client.Snapshot();
            client.RevokedAt = clock.GetUtcNow().UtcDateTime;
            audit.Record("ApiClient.Revoked", nameof(ApiClient), client.Name, before, client.Snapshot());
            await db.SaveChangesAsync(ct);
        }

        Message = t["Der Schlüssel von „{0}“ wurde widerrufen.", client.Name];
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Clients = await db.ApiClients.AsNoTracking().OrderBy(c => c.RevokedAt != null).ThenBy(c => c.Name).ToListAsync(ct);
}

public sealed class ClientInput
{
    [Display(Name = "Name der App")]
    [Required(ErrorMessage = "Bitte geben Sie den Namen der App an.")]
    [StringLength(200, ErrorMessage = "Der Name darf höchstens {1} Zeichen lang sein.")]
    public string Name { get; set; } = "";

    [Display(Name = "Kontakt")]
    [StringLength(500, ErrorMessage = "Der Kontakt darf höchstens {1} Zeichen lang sein.")]
    public string? Contact { get; set; }

    [Display(Name = "Anfragen pro Minute")]
    [Required(ErrorMessage = "Bitte geben Sie an, wie viele Anfragen pro Minute die App senden darf.")]
    [Range(1, 100_000, ErrorMessage = "Die Anfragen pro Minute müssen eine Zahl zwischen {1} und {2} sein.")]
    public int? RequestsPerMinute { get; set; } = 60;
}
