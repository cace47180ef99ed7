using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace Rathaus.Platform.OrgChart;

/// <summary>German names of the org chart's enumerations (the keys of their English translations).</summary>
public static class OrgTexts
{
    public static string KindName(OrgUnitKind kind) => kind switch
    {
        OrgUnitKind.Executive => "Verwaltungsspitze",
        OrgUnitKind.Department => "Dezernat",
        OrgUnitKind.Division => "Fachbereich",
        OrgUnitKind.Section => "Bereich",
        OrgUnitKind.Team => "Sachgebiet",
        OrgUnitKind.StaffUnit => "Stabsstelle",
        _ => kind.ToString(),
    };

    public static string RoleName(PositionRole role) => role switch
    {
        PositionRole.Administrator => "Administration",
        PositionRole.Mailroom => "Poststelle",
        PositionRole.CentralTriage => "Bürgerbüro (zentrale Anliegenstelle)",
        PositionRole.CouncilOffice => "Ratsbüro",
        PositionRole.CaseWork => "Sachbearbeitung",
        _ => role.ToString(),
    };

    public static IEnumerable<SelectListItem> KindItems(IStringLocalizer t) =>
        Enum.GetValues<OrgUnitKind>().Select(k => new SelectListItem(t[KindName(k)], k.ToString()));

    /// <summary>Units as select options, indented by depth so the tree stays readable in a drop-down.</summary>
    public static IEnumerable<SelectListItem> UnitItems(IReadOnlyList<OrgUnit> units, Func<OrgUnit, bool>? include = null)
    {
        var children = units.ToLookup(u => u.ParentId);
        var items = new List<SelectListItem>();
        void Walk(int? parentId, int depth)
        {
            foreach (var unit in children[parentId].OrderBy(u => u.Code, StringComparer.Ordinal))
            {
                if (include?.Invoke(unit) ?? true)
                {
                    items.Add(new SelectListItem(new string('\u00A0', depth * 3) + unit.Code + " – " + unit.Name, unit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }

                Walk(unit.Id, depth + 1);
            }
        }

        Walk(null, 0);
        return items;
    }
}
