namespace Rathaus.Platform.OrgChart;

/// <summary>
/// A Vertretung: while active, <see cref="SubstitutePosition"/> acts for <see cref="Position"/>.
/// Between positions, not persons, so work stays with the office when people change.
/// </summary>
public sealed class Substitution
{
    public int Id { get; set; }
    public int PositionId { get; set; }
    public Position? Position { get; set; }
    public int SubstitutePositionId { get; set; }
    public Position? SubstitutePosition { get; set; }

    /// <summary>First day of the substitution (inclusive).</summary>
    public DateOnly From { get; set; }

    /// <summary>Last day (inclusive); open-ended when null.</summary>
    public DateOnly? Until { get; set; }

    public string? Reason { get; set; }

    public object Snapshot() => new { PositionId, SubstitutePositionId, From, Until, Reason };

    public bool IsActiveOn(DateOnly day) => From <= day && (Until is null || day <= Until);
}
