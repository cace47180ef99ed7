using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rathaus.Platform.Audit;
using Rathaus.Platform.OrgChart;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Platform.OrgChart;

/// <summary>Units and positions of a test's own, written straight to the database (the forms are tested elsewhere).</summary>
internal static class TestOrgChart
{
    public const string MailDomain = "test.rathaus-lueneburg.example";

    public static string Suffix() => Guid.NewGuid().ToString("N")[..8];

    public static async Task<OrgUnit> AddUnitAsync(RathausApp app, string name, bool isActive = true)
    {
        await using var db = app.Db();
        var unit = new OrgUnit
        {
            Code = "T" + Suffix(),
            Name = name,
            Kind = OrgUnitKind.Team,
            ParentId = await db.OrgUnits.Where(u => u.Code == "7").Select(u => (int?)u.Id).SingleAsync(),
            IsActive = isActive,
        };
        db.OrgUnits.Add(unit);
        await db.SaveChangesAsync();
        return unit;
    }

    public static async Task<Position> AddPositionAsync(RathausApp app, OrgUnit unit, string title, PositionRole roles = PositionRole.CaseWork, bool isActive = true, bool isLead = false)
    {
        await using var db = app.Db();
        var position = new Position { Title = title, Mailbox = $"stelle-{Suffix()}@{MailDomain}", OrgUnitId = unit.Id, Roles = roles, IsActive = isActive, IsLead = isLead };
        db.Positions.Add(position);
        await db.SaveChangesAsync();
        return position;
    }

    public static async Task<List<AuditEntry>> AuditAsync(RathausApp app, string entityKey)
    {
        await using var db = app.Db();
        return await db.AuditEntries.AsNoTracking().Where(e => e.EntityKey == entityKey).OrderBy(e => e.Id).ToListAsync();
    }

    public static JsonElement Json(string? snapshot)
    {
        Assert.NotNull(snapshot);
        return JsonDocument.Parse(snapshot).RootElement;
    }
}
