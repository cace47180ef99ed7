using Rathaus.Platform.Audit;

namespace Rathaus.Platform.OrgChart;

/// <summary>Org chart entries are deactivated, never deleted: cases and the audit log keep pointing at them.</summary>
public interface IDeactivatable
{
    bool IsActive { get; set; }

    /// <summary>The natural key the audit log names the entry by (unit code, mailbox, site code).</summary>
    string AuditKey { get; }

    object Snapshot();
}

public static class Deactivation
{
    /// <summary>Switches the entry on or off and records it as <c>Type.Deactivated</c> / <c>Type.Reactivated</c>.</summary>
    public static void SetActive<T>(this AuditLog audit, T entry, bool active) where T : IDeactivatable
    {
        var before = entry.Snapshot();
        entry.IsActive = active;
        audit.Record($"{typeof(T).Name}.{(active ? "Reactivated" : "Deactivated")}", typeof(T).Name, entry.AuditKey, before, entry.Snapshot());
    }
}
