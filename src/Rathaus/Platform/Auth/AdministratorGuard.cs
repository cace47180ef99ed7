using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Rathaus.Data;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Platform.Auth;

/// <summary>Refused: the change would leave nobody who can administer the org chart (and so undo the change).</summary>
public sealed class LastAdministratorException() : InvalidOperationException("The change would leave no active administrator.");

/// <summary>
/// Guards every save, from any page, the import or Identity: a change that touches administrative rights is checked
/// inside its transaction and rolled back when no active staff member with an active administrator position is left.
/// </summary>
internal static class AdministratorGuard
{
    public static bool TouchesAdministration(ChangeTracker tracker) =>
        tracker.Entries().Any(e => e switch
        {
            { Entity: StaffMember, State: EntityState.Modified } => e.Property(nameof(StaffMember.IsActive)).IsModified,
            { Entity: Position, State: EntityState.Modified } => e.Property(nameof(Position.IsActive)).IsModified || e.Property(nameof(Position.Roles)).IsModified,
            { Metadata.Name: "PositionHolders", State: EntityState.Deleted } => true,
            _ => false,
        });

    public static Task<int> CountAsync(RathausDb db, CancellationToken ct) =>
        db.StaffMembers.CountAsync(s => s.IsActive && s.Positions.Any(p => p.IsActive && (p.Roles & PositionRole.Administrator) != 0), ct);

    /// <summary>Saves through <paramref name="save"/>, refusing a result without administrators.</summary>
    public static async Task<int> SaveAsync(RathausDb db, Func<Task<int>> save, CancellationToken ct)
    {
        var before = await CountAsync(db, ct);
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var written = await save();
            if (before > 0 && await CountAsync(db, ct) == 0)
            {
                throw new LastAdministratorException();
            }

            if (own is not null)
            {
                await own.CommitAsync(ct);
            }

            return written;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }
}
