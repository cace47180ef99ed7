using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rathaus.Data;
using Rathaus.Platform.Audit;

namespace Rathaus.Platform.OrgChart.Exchange;

/// <summary>A downloadable org chart file: its name, content type and bytes.</summary>
public sealed record ExportedFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Writes the whole org chart with natural keys (codes, mailboxes, user names) and no database ids, so the file can
/// be edited and imported into this or another installation. Passwords and two-factor secrets never leave.
/// </summary>
public sealed class OrgChartExport(RathausDb db, AuditLog audit, TimeProvider clock)
{
    public async Task<ExportedFile> ExportAsync(ExchangeFormat format, CancellationToken ct = default)
    {
        var file = await ReadAsync(format, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        using var content = new MemoryStream();
        if (format == ExchangeFormat.Csv)
        {
            OrgChartCsv.Write(file, content);
        }
        else
        {
            OrgChartJson.Write(file, now, content);
        }

        var date = clock.GetLocalNow().ToString(OrgChartSchema.DateFormat, CultureInfo.InvariantCulture);
        var result = format == ExchangeFormat.Csv
            ? new ExportedFile($"organigramm-{date}.csv", "text/csv; charset=utf-8", content.ToArray())
            : new ExportedFile($"organigramm-{date}.json", "application/json; charset=utf-8", content.ToArray());

        var counts = OrgChartSchema.Kinds.ToDictionary(k => k.Section, k => file.RowsOf(k).Count());
        audit.Record("OrgChart.Exported", "OrgChart", result.FileName, null, new { result.FileName, Format = format.ToString(), Rows = counts });
        await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>The stored org chart as rows of a file, in a stable order (parents before their children).</summary>
    internal async Task<OrgChartFile> ReadAsync(ExchangeFormat format, CancellationToken ct)
    {
        var sites = await db.Sites.AsNoTracking().ToListAsync(ct);
        var units = await db.OrgUnits.AsNoTracking().ToListAsync(ct);
        var positions = await db.Positions.AsNoTracking().ToListAsync(ct);
        var staff = await db.StaffMembers.AsNoTracking().Include(s => s.Positions).ToListAsync(ct);
        var substitutions = await db.Substitutions.AsNoTracking().ToListAsync(ct);

        var siteCodes = sites.ToDictionary(s => s.Id, s => s.Code);
        var unitCodes = units.ToDictionary(u => u.Id, u => u.Code);
        var mailboxes = positions.ToDictionary(p => p.Id, p => p.Mailbox);
        var unitOrder = TreeOrder(units);

        var file = new OrgChartFile(format);
        file.Rows.AddRange(sites.OrderBy(s => s.Code, StringComparer.Ordinal).Select(SiteRow));
        file.Rows.AddRange(unitOrder.Select(u => UnitRow(u, unitCodes, siteCodes)));
        var unitRank = unitOrder.Select((u, i) => (u.Id, i)).ToDictionary(x => x.Id, x => x.i);
        file.Rows.AddRange(positions
            .OrderBy(p => unitRank.GetValueOrDefault(p.OrgUnitId)).ThenByDescending(p => p.IsLead).ThenBy(p => p.Mailbox, StringComparer.Ordinal)
            .Select(p => PositionRow(p, unitCodes)));
        file.Rows.AddRange(staff.OrderBy(s => s.UserName, StringComparer.Ordinal).Select(StaffRow));
        file.Rows.AddRange(substitutions
            .OrderBy(s => mailboxes[s.PositionId], StringComparer.Ordinal).ThenBy(s => s.From)
            .Select(s => SubstitutionRow(s, mailboxes)));
        return file;
    }

    private static List<OrgUnit> TreeOrder(List<OrgUnit> units)
    {
        var children = units.ToLookup(u => u.ParentId);
        var ordered = new List<OrgUnit>();
        void Walk(int? parentId)
        {
            foreach (var unit in children[parentId].OrderBy(u => u.Code, StringComparer.Ordinal))
            {
                ordered.Add(unit);
                Walk(unit.Id);
            }
        }

        Walk(null);
        ordered.AddRange(units.Except(ordered)); // only if the stored tree were broken: export everything anyway
        return ordered;
    }

    private static FileRow SiteRow(Site site) => new(OrgChartSchema.Sites, "")
    {
        [OrgChartSchema.Code] = site.Code,
        [OrgChartSchema.Name] = site.Name,
        [OrgChartSchema.Street] = site.Street,
        [OrgChartSchema.PostalCode] = site.PostalCode,
        [OrgChartSchema.City] = site.City,
        [OrgChartSchema.OpeningHours] = site.OpeningHours,
        [OrgChartSchema.Active] = FileRow.Flag(site.IsActive),
    };

    private static FileRow UnitRow(OrgUnit unit, Dictionary<int, string> unitCodes, Dictionary<int, string> siteCodes) => new(OrgChartSchema.Units, "")
    {
        [OrgChartSchema.Code] = unit.Code,
        [OrgChartSchema.Name] = unit.Name,
        [OrgChartSchema.Kind] = unit.Kind.ToString(),
        [OrgChartSchema.Parent] = unit.ParentId is int parent ? unitCodes[parent] : null,
        [OrgChartSchema.Site] = unit.SiteId is int site ? siteCodes[site] : null,
        [OrgChartSchema.Active] = FileRow.Flag(unit.IsActive),
    };

    private static FileRow PositionRow(Position position, Dictionary<int, string> unitCodes)
    {
        var row = new FileRow(OrgChartSchema.PositionRows, "")
        {
            [OrgChartSchema.Mailbox] = position.Mailbox,
            [OrgChartSchema.Title] = position.Title,
            [OrgChartSchema.Unit] = unitCodes[position.OrgUnitId],
            [OrgChartSchema.Lead] = FileRow.Flag(position.IsLead),
            [OrgChartSchema.Active] = FileRow.Flag(position.IsActive),
        };
        row.SetList(OrgChartSchema.Roles, Enum.GetValues<PositionRole>().Where(r => r != PositionRole.None && position.Roles.HasFlag(r)).Select(r => r.ToString()));
        return row;
    }

    private static FileRow StaffRow(StaffMember staff)
    {
        var row = new FileRow(OrgChartSchema.Staff, "")
        {
            [OrgChartSchema.UserName] = staff.UserName,
            [OrgChartSchema.DisplayName] = staff.DisplayName,
            [OrgChartSchema.Email] = staff.Email,
            [OrgChartSchema.Active] = FileRow.Flag(staff.IsActive),
        };
        row.SetList(OrgChartSchema.Positions, staff.Positions.Select(p => p.Mailbox).Order(StringComparer.Ordinal));
        return row;
    }

    private static FileRow SubstitutionRow(Substitution substitution, Dictionary<int, string> mailboxes) => new(OrgChartSchema.Substitutions, "")
    {
        [OrgChartSchema.Position] = mailboxes[substitution.PositionId],
        [OrgChartSchema.Substitute] = mailboxes[substitution.SubstitutePositionId],
        [OrgChartSchema.From] = substitution.From.ToString(OrgChartSchema.DateFormat, CultureInfo.InvariantCulture),
        [OrgChartSchema.Until] = substitution.Until?.ToString(OrgChartSchema.DateFormat, CultureInfo.InvariantCulture),
        [OrgChartSchema.Reason] = substitution.Reason,
    };
}
