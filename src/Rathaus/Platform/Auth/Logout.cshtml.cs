using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Platform.Auth;

/// <summary>POST only (a GET link could log people out from another site); the GET shows the result.</summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInManager<StaffMember> signIn) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return RedirectToPage();
    }
}
