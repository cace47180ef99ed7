using Microsoft.Extensions.Localization;

namespace Rathaus.Platform.OrgChart.Positions;

/// <summary>The roles an administrator can give a position, and their German names as a list.</summary>
public static class PositionRoles
{
    public static IReadOnlyList<PositionRole> Assignable { get; } = Enum.GetValues<PositionRole>().Where(r => r != PositionRole.None).ToList();

    public static IEnumerable<PositionRole> Split(PositionRole roles) => Assignable.Where(r => roles.HasFlag(r));

    public static PositionRole Combine(IEnumerable<PositionRole> roles) => roles.Aggregate(PositionRole.None, (all, r) => all | r);

    public static string Names(PositionRole roles, IStringLocalizer t) => string.Join(", ", Split(roles).Select(r => t[OrgTexts.RoleName(r)].Value));
}
