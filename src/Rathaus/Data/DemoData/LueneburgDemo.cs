using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Rathaus.Concerns.Categories;
using Rathaus.Concerns.Templates;
using Rathaus.Platform;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Data.DemoData;

/// <summary>
/// A plausible administration of the Hansestadt Lüneburg: real town hall address, fictional staff, other sites and
/// mailboxes. Loaded only into an empty database.
/// </summary>
internal sealed partial class LueneburgDemo(RathausDb db, IPasswordHasher<StaffMember> hasher, TimeProvider clock, ILogger<LueneburgDemo> logger)
{
    /// <summary>Password of every demo account (documented in the README). Demo data only.</summary>
    public const string DemoPassword = "Rathaus-Demo-2026";

    public const string AdminUserName = "admin";
    public const string MailDomain = "rathaus-lueneburg.example";

    public async Task LoadIntoEmptyAsync(CancellationToken ct = default)
    {
        if (await db.OrgUnits.AnyAsync(ct) || await db.StaffMembers.AnyAsync(ct))
        {
            return;
        }

        var sites = NewSites().ToDictionary(s => s.Code);
        db.Sites.AddRange(sites.Values);

        var units = new Dictionary<string, OrgUnit>();
        foreach (var (code, name, kind, parent, site) in Units)
        {
            var unit = new OrgUnit { Code = code, Name = name, Kind = kind, Parent = parent is null ? null : units[parent], Site = sites[site] };
            units.Add(code, unit);
        }

        db.OrgUnits.AddRange(units.Values);

        var positions = new Dictionary<string, Position>();
        foreach (var (mailbox, title, unit, isLead, roles) in Positions)
        {
            positions.Add(mailbox, new Position
            {
                Mailbox = $"{mailbox}@{MailDomain}",
                Title = title,
                OrgUnit = units[unit],
                IsLead = isLead,
                Roles = roles,
            });
        }

        db.Positions.AddRange(positions.Values);

        // One hash for all demo accounts: hashing forty passwords would slow the first start by seconds.
        var passwordHash = hasher.HashPassword(null!, DemoPassword);
        foreach (var (userName, name, held) in Staff)
        {
            db.StaffMembers.Add(new StaffMember
            {
                Id = Guid.CreateVersion7(),
                UserName = userName,
                NormalizedUserName = userName.ToUpperInvariant(),
                Email = $"{userName}@{MailDomain}",
                NormalizedEmail = $"{userName}@{MailDomain}".ToUpperInvariant(),
                EmailConfirmed = true,
                DisplayName = name,
                PasswordHash = passwordHash,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                LockoutEnabled = true,
                Positions = held.Select(m => positions[m]).ToList(),
            });
        }

        var today = clock.Today();
        foreach (var (absent, substitute, fromDays, untilDays, reason) in Substitutions)
        {
            db.Substitutions.Add(new Substitution
            {
                Position = positions[absent],
                SubstitutePosition = positions[substitute],
                From = today.AddDays(fromDays),
                Until = untilDays is int d ? today.AddDays(d) : null,
                Reason = reason,
            });
        }

        var categories = new Dictionary<string, Category>();
        var order = 0;
        foreach (var (code, name, parent, unit) in Categories)
        {
            var category = new Category { Code = code, Name = name, Parent = parent is null ? null : categories[parent], SortOrder = order++ };
            categories.Add(code, category);
            db.Categories.Add(category);
            if (unit is not null)
            {
                db.ResponsibilityRules.Add(new ResponsibilityRule { Category = category, OrgUnit = units[unit] });
            }
        }

        foreach (var (title, unit, text) in ReplyTemplates)
        {
            db.ReplyTemplates.Add(new ReplyTemplate { Title = title, Text = text, OrgUnit = unit is null ? null : units[unit] });
        }

        var signers = Positions.GroupBy(p => p.Unit).ToDictionary(g => g.Key, g => (g.FirstOrDefault(p => !p.IsLead) is { Title: not null } worker ? worker : g.First()).Title);
        db.GazetteerAddresses.AddRange(LueneburgGazetteerDemo.Addresses());
        LueneburgCouncilDemo.Add(db, units, signers, clock);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Loaded the Lüneburg demo city: {Units} units, {Positions} positions, {Staff} staff members, {Categories} categories",
            units.Count, positions.Count, Staff.Length, categories.Count);
    }
}
