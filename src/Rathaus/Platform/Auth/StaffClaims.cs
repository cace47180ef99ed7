using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Data;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Platform.Auth;

/// <summary>Role names; a staff member's roles follow from the positions they hold.</summary>
public static class StaffRoles
{
    public const string Administrator = nameof(Administrator);
    public const string Mailroom = nameof(Mailroom);
    public const string CentralTriage = nameof(CentralTriage);
    public const string CouncilOffice = nameof(CouncilOffice);
    public const string CaseWork = nameof(CaseWork);
    public const string Lead = nameof(Lead);

    public static IEnumerable<string> Of(Position position)
    {
        foreach (var role in Enum.GetValues<PositionRole>().Where(r => r != PositionRole.None && position.Roles.HasFlag(r)))
        {
            yield return role.ToString();
        }

        if (position.IsLead)
        {
            yield return Lead;
        }
    }
}

public static class StaffClaims
{
    public const string DisplayName = "rathaus:display_name";
    public const string PositionId = "rathaus:position";
    public const string ActingPositionId = "rathaus:acting_position";
    public const string ActingPositionTitle = "rathaus:acting_position_title";
    public const string TwoFactorEnabled = "rathaus:2fa";
}

/// <summary>
/// Derives roles and positions from the database on every request, so a change in the org chart (a new position,
/// a deactivated account) takes effect at once instead of at the next login. Runs as the cookie's
/// OnValidatePrincipal, after Identity's security-stamp check: a deactivated account is signed out.
/// </summary>
internal static class PositionClaims
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        var principal = context.Principal;
        if (principal is null || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var staffId))
        {
            return;
        }

        var db = context.HttpContext.RequestServices.GetRequiredService<RathausDb>();
        var staff = await db.StaffMembers.AsNoTracking()
            .Where(s => s.Id == staffId)
            .Select(s => new { s.DisplayName, s.IsActive, s.TwoFactorEnabled, Positions = s.Positions.Where(p => p.IsActive).OrderBy(p => p.Id).ToList() })
            .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        if (staff is null || !staff.IsActive)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        var identity = new ClaimsIdentity();
        identity.AddClaim(new Claim(StaffClaims.DisplayName, staff.DisplayName));
        if (staff.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(StaffClaims.TwoFactorEnabled, "true"));
        }

        foreach (var role in staff.Positions.SelectMany(StaffRoles.Of).Distinct())
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        foreach (var position in staff.Positions)
        {
            identity.AddClaim(new Claim(StaffClaims.PositionId, position.Id.ToString(CultureInfo.InvariantCulture)));
        }

        // The audit log names the office that acted: the administrative position when there is one.
        var acting = staff.Positions.FirstOrDefault(p => p.Roles.HasFlag(PositionRole.Administrator)) ?? staff.Positions.FirstOrDefault();
        if (acting is not null)
        {
            identity.AddClaim(new Claim(StaffClaims.ActingPositionId, acting.Id.ToString(CultureInfo.InvariantCulture)));
            identity.AddClaim(new Claim(StaffClaims.ActingPositionTitle, acting.Title));
        }

        // Only the cookie's own identity is kept; the derived one is rebuilt on every request, never stored.
        var result = new ClaimsPrincipal(principal.Identities.First());
        result.AddIdentity(identity);
        context.ReplacePrincipal(result);
    }
}
