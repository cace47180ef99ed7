using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Platform.Auth;

[AllowAnonymous]
[EnableRateLimiting("login")]
public sealed class LoginTwoFactorModel(SignInManager<StaffMember> signIn, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public TwoFactorInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("Login");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(Input.Code.Replace(" ", "", StringComparison.Ordinal));
        if (result.Succeeded)
        {
            return LocalRedirect(LoginModel.SafeReturnUrl(ReturnUrl));
        }

        ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Code)}", result.IsLockedOut
            ? t["Das Konto ist nach mehreren Fehlversuchen für 15 Minuten gesperrt."]
            : t["Der Code ist ungültig oder abgelaufen."]);
        return Page();
    }
}

public sealed class TwoFactorInput
{
    [Display(Name = "Code")]
    [Required(ErrorMessage = "Bitte geben Sie den Code ein.")]
    [StringLength(20, ErrorMessage = "Der Code ist zu lang.")]
    public string Code { get; set; } = "";
}
