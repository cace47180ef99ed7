using Microsoft.EntityFrameworkCore;
using Rathaus.Data;
using Rathaus.Platform.Audit;

namespace Rathaus.Platform.OrgChart.Exchange;

/// <summary>
/// Applies the checked rows of one kind: finds or creates each entity, sets its values, counts and audits what
/// changed with the same action names the admin pages use.
/// </summary>
internal sealed class ImportChanges(RathausDb db, AuditLog audit, StoredOrgChart stored)
{
    /// <param name="apply">Sets the row's values; returns true for a change EF does not see as a property (held positions).</param>
    public async Task<ImportCount> ApplyAsync<TImport, TEntity>(
        RowKind kind, IEnumerable<TImport> imports, Func<TImport, TEntity?> find, Func<TImport, TEntity> create, Func<TImport, TEntity, bool> apply, CancellationToken ct)
        where TEntity : class
    {
        // All entities exist before any values are set, so a row may refer to one further down (a child before its parent).
        var rows = new List<(TImport Import, TEntity Entity, object? Before)>();
        foreach (var import in imports)
        {
            var entity = find(import);
            var before = entity is null ? null : Describe(entity).Snapshot;
            if (entity is null)
            {
                entity = create(import);
                db.Add(entity);
                stored.Added(entity);
            }

            rows.Add((import, entity, before));
        }

        var done = rows.Select(r => (r.Entity, r.Before, OtherChange: apply(r.Import, r.Entity))).ToList();
        db.ChangeTracker.DetectChanges();
        var changes = done.Select(d => (d.Entity, d.Before, Action: ActionFor(d.Entity, d.OtherChange))).ToList();
        await db.SaveChangesAsync(ct);

        // Recorded after saving, so the snapshots hold the ids the database gave; the open transaction still makes the
        // entries commit together with the changes or not at all.
        foreach (var (entity, before, action) in changes.Where(c => c.Action is not null))
        {
            var (type, key, after) = Describe(entity);
            audit.Record(action!, type, key, before, after);
        }

        return new ImportCount(kind.Section,
            changes.Count(c => c.Action?.EndsWith(".Created", StringComparison.Ordinal) == true),
            changes.Count(c => c.Action is not null && !c.Action.EndsWith(".Created", StringComparison.Ordinal)),
            changes.Count(c => c.Action is null));
    }

    private string? ActionFor(object entity, bool otherChange)
    {
        var type = Describe(entity).Type;
        var entry = db.Entry(entity);
        if (entry.State == EntityState.Added)
        {
            return $"{type}.Created";
        }

        var modified = entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).ToList();
        if (modified.Count == 0 && !otherChange)
        {
            return null;
        }

        // As the pages name them: the active flag weighs most, then a move in the tree; the snapshots show the rest.
        if (modified.Contains("IsActive"))
        {
            return entry.Property("IsActive").CurrentValue is true ? $"{type}.Reactivated" : $"{type}.Deactivated";
        }

        return entity switch
        {
            OrgUnit when modified.Contains(nameof(OrgUnit.ParentId)) => "OrgUnit.Moved",
            Position when modified.Contains(nameof(Position.OrgUnitId)) => "Position.Moved",
            _ => $"{type}.Changed",
        };
    }

    private static (string Type, string Key, object Snapshot) Describe(object entity) => entity switch
    {
        Site site => (nameof(Site), site.Code, site.Snapshot()),
        OrgUnit unit => (nameof(OrgUnit), unit.Code, unit.Snapshot()),
        Position position => (nameof(Position), position.Mailbox, position.Snapshot()),
        StaffMember staff => (nameof(StaffMember), staff.UserName ?? staff.Id.ToString(), staff.Snapshot()),
        Substitution substitution => (nameof(Substitution), substitution.Position!.Mailbox, substitution.Snapshot()),
        _ => throw new ArgumentException($"No audit description for {entity.GetType().Name}.", nameof(entity)),
    };
}
