using Microsoft.AspNetCore.Identity;

namespace Rathaus.Platform.OrgChart;

/// <summary>A Beschäftigte(r): a person who logs in and holds one or more positions.</summary>
public sealed class StaffMember : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }
    public bool IsActive { get; set; } = true;
    public List<Position> Positions { get; set; } = [];

    public object Snapshot() => new { UserName, DisplayName, Email, IsActive, Positions = Positions.Select(p => p.Mailbox).Order().ToList() };
}
