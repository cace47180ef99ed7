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
public sealed class LoginModel(SignInManager<StaffMember> signIn, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl(ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("LoginTwoFactor", new { ReturnUrl });
        }

        // One message for wrong name and wrong password, so the form does not reveal which accounts exist.
        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? t["Das Konto ist nach mehreren Fehlversuchen für 15 Minuten gesperrt."]
            : t["Benutzername oder Passwort ist falsch."]);
        return Page();
    }

    internal static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 1 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/intern";
}

public sealed class LoginInput
{
    [Display(Name = "Benutzername")]
    [Required(ErrorMessage = "Bitte geben Sie Ihren Benutzernamen ein.")]
    [StringLength(256, ErrorMessage = "Der Benutzername ist zu lang.")]
    public string UserName { get; set; } = "";

    [Display(Name = "Passwort")]
    [Required(ErrorMessage = "Bitte geben Sie Ihr Passwort ein.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";
}
