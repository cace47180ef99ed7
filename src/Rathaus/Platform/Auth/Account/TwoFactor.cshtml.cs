using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using QRCoder;
using Rathaus.Platform.Audit;
using Rathaus.Platform.Layout;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Platform.Auth.Account;

/// <summary>Enrol a TOTP authenticator (RFC 6238) with a QR code, see recovery codes, switch two-factor off.</summary>
public sealed class TwoFactorModel(
    UserManager<StaffMember> users, SignInManager<StaffMember> signIn, AuditLog audit,
    IOptions<AuthOptions> auth, IOptions<SiteTextOptions> site, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public TwoFactorInput Input { get; set; } = new();

    public bool Enabled { get; private set; }
    public bool Required => auth.Value.RequireTwoFactor;
    public int RecoveryCodesLeft { get; private set; }
    public string FormattedKey { get; private set; } = "";
    public string QrCodeDataUri { get; private set; } = "";

    [TempData]
    public string[]? RecoveryCodesOnce { get; set; }

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var staff = await users.GetUserAsync(User);
        if (staff is null)
        {
            return Challenge();
        }

        RecoveryCodes = RecoveryCodesOnce;
        await LoadAsync(staff);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var staff = await users.GetUserAsync(User);
        if (staff is null)
        {
            return Challenge();
        }

        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (ModelState.IsValid && !await users.VerifyTwoFactorTokenAsync(staff, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Code)}", t["Der Code ist ungültig oder abgelaufen."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(staff);
            return Page();
        }

        audit.Record("StaffMember.TwoFactorEnabled", nameof(StaffMember), staff.UserName!, new { TwoFactorEnabled = false }, new { TwoFactorEnabled = true });
        await users.SetTwoFactorEnabledAsync(staff, true);
        RecoveryCodesOnce = (await users.GenerateNewTwoFactorRecoveryCodesAsync(staff, 10))?.ToArray();
        await signIn.RefreshSignInAsync(staff);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostNewRecoveryCodesAsync()
    {
        var staff = await users.GetUserAsync(User);
        if (staff is null || !staff.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        audit.Record("StaffMember.RecoveryCodesRenewed", nameof(StaffMember), staff.UserName!, null, null);
        RecoveryCodesOnce = (await users.GenerateNewTwoFactorRecoveryCodesAsync(staff, 10))?.ToArray();
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var staff = await users.GetUserAsync(User);
        if (staff is null || Required)
        {
            return RedirectToPage();
        }

        audit.Record("StaffMember.TwoFactorDisabled", nameof(StaffMember), staff.UserName!, new { TwoFactorEnabled = true }, new { TwoFactorEnabled = false });
        await users.SetTwoFactorEnabledAsync(staff, false);
        await users.ResetAuthenticatorKeyAsync(staff);
        await signIn.RefreshSignInAsync(staff);
        return RedirectToPage();
    }

    private async Task LoadAsync(StaffMember staff)
    {
        Enabled = staff.TwoFactorEnabled;
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(staff);
        if (Enabled)
        {
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(staff);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(staff);
            key = (await users.GetAuthenticatorKeyAsync(staff))!;
        }

        FormattedKey = string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var issuer = Uri.EscapeDataString($"Rathaus {site.Value.CityName}");
        var uri = $"otpauth://totp/{issuer}:{Uri.EscapeDataString(staff.UserName!)}?secret={key}&issuer={issuer}&digits=6";
        using var qr = QRCodeGenerator.GenerateQrCode(Encoding.UTF8.GetBytes(uri), QRCodeGenerator.ECCLevel.M);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(qr).GetGraphic(6));
    }
}
