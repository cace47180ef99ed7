using Microsoft.EntityFrameworkCore;
using Rathaus.Data;

namespace Rathaus.Platform.OrgChart.Exchange;

/// <summary>
/// The stored org chart, tracked, looked up by the natural keys of the file. An org chart has hundreds of rows, not
/// millions, so all of it is loaded once instead of a query per row.
/// </summary>
internal sealed class StoredOrgChart
{
    private readonly Dictionary<string, Site> _sites;
    private readonly Dictionary<string, OrgUnit> _units;
    private readonly Dictionary<string, Position> _positions;
    private readonly Dictionary<string, Position> _positionsIgnoringCase = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, StaffMember> _staff = new(StringComparer.Ordinal);
    private readonly Func<string, string> _normalizeUserName;

    private StoredOrgChart(
        List<Site> sites, List<OrgUnit> units, List<Position> positions, List<StaffMember> staff, List<Substitution> substitutions, Func<string, string> normalizeUserName)
    {
        _normalizeUserName = normalizeUserName;
        Sites = sites;
        Units = units;
        Positions = positions;
        Staff = staff;
        Substitutions = substitutions;
        _sites = sites.ToDictionary(s => s.Code, StringComparer.Ordinal);
        _units = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        _positions = positions.ToDictionary(p => p.Mailbox, StringComparer.Ordinal);
        foreach (var position in positions.OrderBy(p => p.Id))
        {
            _positionsIgnoringCase.TryAdd(position.Mailbox, position);
        }

        foreach (var member in staff.Where(s => s.UserName is not null))
        {
            // Normalized here rather than read from NormalizedUserName, which rows written without Identity may lack.
            _staff.TryAdd(normalizeUserName(member.UserName!), member);
        }
    }

    public List<Site> Sites { get; }
    public List<OrgUnit> Units { get; }
    public List<Position> Positions { get; }
    public List<StaffMember> Staff { get; }
    public List<Substitution> Substitutions { get; }

    public static async Task<StoredOrgChart> LoadAsync(RathausDb db, Func<string, string> normalizeUserName, CancellationToken ct) => new(
        await db.Sites.ToListAsync(ct),
        await db.OrgUnits.ToListAsync(ct),
        await db.Positions.ToListAsync(ct),
        await db.StaffMembers.Include(s => s.Positions).ToListAsync(ct),
        await db.Substitutions.ToListAsync(ct),
        normalizeUserName);

    public Site? SiteByCode(string code) => _sites.GetValueOrDefault(code);

    public OrgUnit? UnitByCode(string code) => _units.GetValueOrDefault(code);

    /// <summary>By the exact address, else by the address ignoring case, as mail servers treat it.</summary>
    public Position? PositionByMailbox(string mailbox) => _positions.GetValueOrDefault(mailbox) ?? _positionsIgnoringCase.GetValueOrDefault(mailbox);

    /// <summary>By user name ignoring case, as Identity compares them at login.</summary>
    public StaffMember? StaffByUserName(string userName) => _staff.GetValueOrDefault(_normalizeUserName(userName));

    public Substitution? SubstitutionByKey(int positionId, int substitutePositionId, DateOnly from) =>
        Substitutions.FirstOrDefault(s => s.PositionId == positionId && s.SubstitutePositionId == substitutePositionId && s.From == from);

    /// <summary>Keeps the lookups right when the import adds an entity that later rows refer to.</summary>
    public void Added(object entity)
    {
        switch (entity)
        {
            case Site site:
                Sites.Add(site);
                _sites[site.Code] = site;
                break;
            case OrgUnit unit:
                Units.Add(unit);
                _units[unit.Code] = unit;
                break;
            case Position position:
                Positions.Add(position);
                _positions[position.Mailbox] = position;
                _positionsIgnoringCase.TryAdd(position.Mailbox, position);
                break;
            case StaffMember staff:
                Staff.Add(staff);
                _staff.TryAdd(_normalizeUserName(staff.UserName!), staff);
                break;
            case Substitution substitution:
                Substitutions.Add(substitution);
                break;
        }
    }
}
