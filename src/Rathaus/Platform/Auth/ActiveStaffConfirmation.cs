using Microsoft.AspNetCore.Identity;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Platform.Auth;

/// <summary>A deactivated account cannot sign in at all (not even for the one request until its cookie is checked).</summary>
internal sealed class ActiveStaffConfirmation : IUserConfirmation<StaffMember>
{
    public Task<bool> IsConfirmedAsync(UserManager<StaffMember> manager, StaffMember user) => Task.FromResult(user.IsActive);
}
