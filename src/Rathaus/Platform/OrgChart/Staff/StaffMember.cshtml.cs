using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Data;
using Rathaus.Platform.Audit;
using Rathaus.Platform.Auth;

namespace Rathaus.Platform.OrgChart.Staff;

/// <summary>
/// Create and change a staff member's account, assign and remove positions, reset password and two-factor login.
/// Accounts go through <see cref="UserManager{TUser}"/> (normalized names, password policy, security stamp); it saves
/// on the same context, so each audit entry is recorded before the call that saves it.
/// </summary>
[Authorize(Roles = StaffRoles.Administrator)]
public sealed class StaffMemberModel(RathausDb db, UserManager<StaffMember> users, AuditLog audit, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>The route value of the form for a new staff member (the list owns the bare address).</summary>
    public const string NewKey = "neu";

    [BindProperty]
    public StaffInput Input { get; set; } = new();

    [BindProperty]
    [Display(Name = "Weitere Stelle")]
    public int? AssignPositionId { get; set; }

    [BindProperty]
    [Display(Name = "Neues Passwort")]
    [DataType(DataType.Password)]
    public string? NewPassword { get; set; }

    public StaffMember? Staff { get; private set; }
    public IEnumerable<SelectListItem> PositionItems { get; private set; } = [];
    public bool IsLockedOut { get; private set; }
    public int PasswordLength => users.Options.Password.RequiredLength;

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var candidate = new StaffMember
        {
            Id = Staff?.Id ?? Guid.CreateVersion7(),
            UserName = Input.UserName?.Trim(),
            DisplayName = Input.DisplayName?.Trim() ?? "",
            Email = string.IsNullOrWhiteSpace(Input.Email) ? null : Input.Email.Trim(),
            IsActive = Input.IsActive,
        };
        await CheckRulesAsync(candidate);
        if (!ModelState.IsValid)
        {
            return await ShowAsync(ct, keepInput: true);
        }

        var before = Staff?.Snapshot();
        var staff = Staff ?? candidate;
        var wasActive = Staff?.IsActive ?? true;
        staff.UserName = candidate.UserName;
        staff.DisplayName = candidate.DisplayName;
        staff.Email = candidate.Email;
        staff.IsActive = candidate.IsActive;
        var action = Staff is null ? "StaffMember.Created"
            : wasActive && !staff.IsActive ? "StaffMember.Deactivated"
            : !wasActive && staff.IsActive ? "StaffMember.Reactivated"
            : "StaffMember.Changed";
        audit.Record(action, nameof(StaffMember), staff.UserName!, before, staff.Snapshot());
        var result = action switch
        {
            "StaffMember.Created" => await users.CreateAsync(staff, Input.Password!),

            // A new security stamp ends the person's open sessions at their next request.
            "StaffMember.Deactivated" => await users.UpdateSecurityStampAsync(staff),
            _ => await users.UpdateAsync(staff),
        };
        if (!result.Succeeded)
        {
            return await RefuseAsync(id, result, "Input.Password", keepInput: true, ct);
        }

        Message = t["Die Angaben zu „{0}“ wurden gespeichert.", staff.DisplayName];
        return Redirect($"/intern/organisation/beschaeftigte/{staff.Id}");
    }

    public async Task<IActionResult> OnPostAssignPositionAsync(string id, CancellationToken ct)
    {
        // Only this small form was posted: the account fields' errors from binding do not apply.
        ModelState.Clear();
        if (!await LoadAsync(id, ct) || Staff is null)
        {
            return NotFound();
        }

        var position = AssignPositionId is int positionId ? await db.Positions.FindAsync([positionId], ct) : null;
        if (AssignPositionId is null)
        {
            ModelState.AddModelError(nameof(AssignPositionId), t["Bitte wählen Sie die Stelle aus, die zugewiesen werden soll."]);
        }
        else if (position is null)
        {
            ModelState.AddModelError(nameof(AssignPositionId), t["Die gewählte Stelle gibt es nicht."]);
        }
        else if (!position.IsActive)
        {
            ModelState.AddModelError(nameof(AssignPositionId), t["Die Stelle „{0}“ ist deaktiviert und kann nicht zugewiesen werden.", position.Title]);
        }
        else if (Staff.Positions.Any(p => p.Id == position.Id))
        {
            ModelState.AddModelError(nameof(AssignPositionId), t["{0} hat die Stelle „{1}“ schon.", Staff.DisplayName, position.Title]);
        }

        if (!ModelState.IsValid)
        {
            return await ShowAsync(ct);
        }

        var before = Staff.Snapshot();
        Staff.Positions.Add(position!);
        audit.Record("StaffMember.PositionAssigned", nameof(StaffMember), Staff.UserName!, before, Staff.Snapshot());
        await db.SaveChangesAsync(ct);
        Message = t["{0} hat jetzt die Stelle „{1}“.", Staff.DisplayName, position!.Title];
        return Redirect($"/intern/organisation/beschaeftigte/{Staff.Id}");
    }

    public async Task<IActionResult> OnPostRemovePositionAsync(string id, int positionId, CancellationToken ct)
    {
        ModelState.Clear();
        if (!await LoadAsync(id, ct) || Staff is null)
        {
            return NotFound();
        }

        var position = Staff.Positions.FirstOrDefault(p => p.Id == positionId);
        if (position is null)
        {
            ModelState.AddModelError(string.Empty, t["{0} hat diese Stelle nicht (mehr).", Staff.DisplayName]);
            return await ShowAsync(ct);
        }

        var before = Staff.Snapshot();
        Staff.Positions.Remove(position);
        audit.Record("StaffMember.PositionRemoved", nameof(StaffMember), Staff.UserName!, before, Staff.Snapshot());
        await db.SaveChangesAsync(ct);
        Message = t["{0} hat die Stelle „{1}“ nicht mehr.", Staff.DisplayName, position.Title];
        return Redirect($"/intern/organisation/beschaeftigte/{Staff.Id}");
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(string id, CancellationToken ct)
    {
        ModelState.Clear();
        if (!await LoadAsync(id, ct) || Staff is null)
        {
            return NotFound();
        }

        if (string.IsNullOrEmpty(NewPassword))
        {
            ModelState.AddModelError(nameof(NewPassword), t["Bitte geben Sie das neue Passwort ein."]);
        }
        else
        {
            await CheckPasswordAsync(Staff, NewPassword, nameof(NewPassword));
        }

        if (!ModelState.IsValid)
        {
            return await ShowAsync(ct);
        }

        // The snapshot holds no password data: the entry says that, not what, was reset.
        audit.Record("StaffMember.PasswordReset", nameof(StaffMember), Staff.UserName!, null, Staff.Snapshot());

        // An administrator's reset also lifts a lockout after failed attempts.
        Staff.LockoutEnd = null;
        Staff.AccessFailedCount = 0;
        var token = await users.GeneratePasswordResetTokenAsync(Staff);
        var result = await users.ResetPasswordAsync(Staff, token, NewPassword!);
        if (!result.Succeeded)
        {
            return await RefuseAsync(id, result, nameof(NewPassword), keepInput: false, ct);
        }

        Message = t["Das Passwort von „{0}“ wurde neu gesetzt.", Staff.DisplayName];
        return Redirect($"/intern/organisation/beschaeftigte/{Staff.Id}");
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(string id, CancellationToken ct)
    {
        ModelState.Clear();
        if (!await LoadAsync(id, ct) || Staff is null)
        {
            return NotFound();
        }

        audit.Record("StaffMember.TwoFactorReset", nameof(StaffMember), Staff.UserName!,
            new { Staff.UserName, Staff.TwoFactorEnabled }, new { Staff.UserName, TwoFactorEnabled = false });
        Staff.TwoFactorEnabled = false;
        var result = await users.ResetAuthenticatorKeyAsync(Staff);
        if (result.Succeeded)
        {
            // Zero new codes: the old recovery codes must not open the account once two-factor login is set up again.
            await users.GenerateNewTwoFactorRecoveryCodesAsync(Staff, 0);
        }
        else
        {
            return await RefuseAsync(id, result, string.Empty, keepInput: false, ct);
        }

        Message = t["Die Zwei-Faktor-Anmeldung von „{0}“ ist ausgeschaltet; beim nächsten Einrichten gibt es einen neuen Schlüssel.", Staff.DisplayName];
        return Redirect($"/intern/organisation/beschaeftigte/{Staff.Id}");
    }

    /// <summary>Reads the route value: <see cref="NewKey"/> for a new staff member, else an existing one's id.</summary>
    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        if (id == NewKey)
        {
            Staff = null;
            return true;
        }

        if (!Guid.TryParse(id, out var staffId))
        {
            return false;
        }

        Staff = await db.StaffMembers.Include(s => s.Positions).ThenInclude(p => p.OrgUnit).AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Id == staffId, ct);
        return Staff is not null;
    }

    private async Task CheckRulesAsync(StaffMember candidate)
    {
        // Identity's own validators: allowed characters and uniqueness of the normalized user name.
        if (!string.IsNullOrEmpty(candidate.UserName))
        {
            foreach (var validator in users.UserValidators)
            {
                AddErrors(await validator.ValidateAsync(users, candidate), "Input.Password");
            }
        }

        if (Staff is null)
        {
            if (string.IsNullOrEmpty(Input.Password))
            {
                ModelState.AddModelError("Input.Password", t["Bitte legen Sie ein erstes Passwort fest."]);
            }
            else
            {
                await CheckPasswordAsync(candidate, Input.Password, "Input.Password");
            }
        }
        else if (!candidate.IsActive && Staff.IsActive && Staff.Id.ToString() == users.GetUserId(User))
        {
            ModelState.AddModelError("Input.IsActive", t["Sie können Ihr eigenes Konto nicht deaktivieren."]);
        }
    }

    private async Task CheckPasswordAsync(StaffMember staff, string password, string field)
    {
        foreach (var validator in users.PasswordValidators)
        {
            AddErrors(await validator.ValidateAsync(users, staff, password), field);
        }
    }

    /// <summary>Identity's errors next to the field they concern.</summary>
    private void AddErrors(IdentityResult result, string passwordField)
    {
        foreach (var error in result.Errors)
        {
            var field = error.Code switch
            {
                _ when error.Code.Contains("Password", StringComparison.Ordinal) => passwordField,
                _ when error.Code.Contains("UserName", StringComparison.Ordinal) => "Input.UserName",
                _ when error.Code.Contains("Email", StringComparison.Ordinal) => "Input.Email",
                _ => string.Empty,
            };
            ModelState.AddModelError(field, error.Description);
        }
    }

    /// <summary>UserManager refused after all (e.g. a concurrent change): nothing was saved, so drop the pending audit entry.</summary>
    private async Task<IActionResult> RefuseAsync(string id, IdentityResult result, string passwordField, bool keepInput, CancellationToken ct)
    {
        AddErrors(result, passwordField);
        db.ChangeTracker.Clear();
        await LoadAsync(id, ct);
        return await ShowAsync(ct, keepInput);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct, bool keepInput = false)
    {
        if (Staff is not null)
        {
            if (!keepInput)
            {
                Input = StaffInput.From(Staff);
            }

            IsLockedOut = await users.IsLockedOutAsync(Staff);
            var held = Staff.Positions.Select(p => p.Id).ToList();
            var positions = await db.Positions.AsNoTracking().Include(p => p.OrgUnit)
                .Where(p => p.IsActive && !held.Contains(p.Id))
                .ToListAsync(ct);
            PositionItems = positions
                .OrderBy(p => p.OrgUnit!.Code, StringComparer.Ordinal).ThenBy(p => p.Title, StringComparer.CurrentCulture)
                .Select(p => new SelectListItem($"{p.OrgUnit!.Code} – {p.Title} ({p.Mailbox})", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .ToList();
        }

        return Page();
    }
}

public sealed class StaffInput
{
    [Display(Name = "Name")]
    [Required(ErrorMessage = "Bitte geben Sie den Namen an.")]
    [StringLength(200, ErrorMessage = "Der Name darf höchstens {1} Zeichen lang sein.")]
    public string DisplayName { get; set; } = "";

    [Display(Name = "Benutzername")]
    [Required(ErrorMessage = "Bitte geben Sie einen Benutzernamen an.")]
    [StringLength(256, ErrorMessage = "Der Benutzername darf höchstens {1} Zeichen lang sein.")]
    public string UserName { get; set; } = "";

    [Display(Name = "E-Mail-Adresse")]
    [EmailAddress(ErrorMessage = "Die E-Mail-Adresse ist ungültig.")]
    [StringLength(256, ErrorMessage = "Die E-Mail-Adresse darf höchstens {1} Zeichen lang sein.")]
    public string? Email { get; set; }

    [Display(Name = "Aktiv (kann sich anmelden)")]
    public bool IsActive { get; set; } = true;

    /// <summary>Only when the account is created; later an administrator resets it with its own form.</summary>
    [Display(Name = "Erstes Passwort")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    public static StaffInput From(StaffMember staff) => new()
    {
        DisplayName = staff.DisplayName,
        UserName = staff.UserName ?? "",
        Email = staff.Email,
        IsActive = staff.IsActive,
    };
}
