using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Rathaus.Data;
using Rathaus.Platform.Audit;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Platform.Auth.Account;

/// <summary>A staff member's own account: who they are in the org chart, password, two-factor status.</summary>
public sealed class AccountModel(
    RathausDb db, UserManager<StaffMember> users, SignInManager<StaffMember> signIn, AuditLog audit,
    IOptions<AuthOptions> auth, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public StaffMember Staff { get; private set; } = null!;
    public bool TwoFactorRequired => auth.Value.RequireTwoFactor;

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : Challenge();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Record first: ChangePasswordAsync saves the context, and with it the audit entry.
        audit.Record("StaffMember.PasswordChanged", nameof(StaffMember), Staff.UserName!, null, null);
        var result = await users.ChangePasswordAsync(Staff, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).ToList().ForEach(e => e.State = EntityState.Detached);
            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(Input.CurrentPassword) : nameof(Input.NewPassword);
                ModelState.AddModelError($"{nameof(Input)}.{field}", error.Description);
            }

            return Page();
        }

        await signIn.RefreshSignInAsync(Staff);
        Message = t["Ihr Passwort wurde geändert."];
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var id = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var staff = await db.StaffMembers.Include(s => s.Positions).ThenInclude(p => p.OrgUnit).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (staff is null)
        {
            return false;
        }

        Staff = staff;
        return true;
    }
}

public sealed class PasswordInput
{
    [Display(Name = "Bisheriges Passwort")]
    [Required(ErrorMessage = "Bitte geben Sie Ihr bisheriges Passwort ein.")]
    public string CurrentPassword { get; set; } = "";

    [Display(Name = "Neues Passwort")]
    [Required(ErrorMessage = "Bitte geben Sie ein neues Passwort ein.")]
    [StringLength(200, ErrorMessage = "Das Passwort ist zu lang.")]
    public string NewPassword { get; set; } = "";

    [Display(Name = "Neues Passwort wiederholen")]
    [Compare(nameof(NewPassword), ErrorMessage = "Die beiden neuen Passwörter stimmen nicht überein.")]
    public string ConfirmPassword { get; set; } = "";
}
