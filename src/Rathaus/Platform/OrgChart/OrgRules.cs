namespace Rathaus.Platform.OrgChart;

/// <summary>A broken org rule: the field it concerns and a German message (the localization key).</summary>
public sealed record OrgRuleViolation(string Field, string Message);

/// <summary>The rules of the org chart, free of the database so they can be checked anywhere (pages, import).</summary>
public static class OrgRules
{
    /// <summary>True when making <paramref name="newParentId"/> the parent of <paramref name="unitId"/> closes a loop.</summary>
    public static bool CreatesCycle(IReadOnlyDictionary<int, int?> parentOf, int unitId, int? newParentId)
    {
        var seen = new HashSet<int>();
        for (var current = newParentId; current is int id; current = parentOf.GetValueOrDefault(id))
        {
            if (id == unitId || !seen.Add(id))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The unit and its ancestors, nearest first: the Dienstweg upwards.</summary>
    public static IEnumerable<int> PathUp(IReadOnlyDictionary<int, int?> parentOf, int unitId)
    {
        var seen = new HashSet<int>();
        for (int? current = unitId; current is int id && seen.Add(id); current = parentOf.GetValueOrDefault(id))
        {
            yield return id;
        }
    }

    /// <summary>The unit and all units below it.</summary>
    public static IReadOnlySet<int> Subtree(IReadOnlyDictionary<int, int?> parentOf, int unitId)
    {
        var children = parentOf.Where(p => p.Value is not null).ToLookup(p => p.Value!.Value, p => p.Key);
        var result = new HashSet<int>();
        var queue = new Queue<int>([unitId]);
        while (queue.TryDequeue(out var id))
        {
            if (result.Add(id))
            {
                foreach (var child in children[id])
                {
                    queue.Enqueue(child);
                }
            }
        }

        return result;
    }

    /// <summary>
    /// The nearest active lead position at or above the unit. With <paramref name="skipOwnUnit"/> the search starts
    /// at the parent: the next step of an escalation.
    /// </summary>
    public static Position? NearestLead(IReadOnlyDictionary<int, int?> parentOf, IEnumerable<Position> positions, int unitId, bool skipOwnUnit = false)
    {
        var leadsByUnit = positions.Where(p => p.IsLead && p.IsActive).ToLookup(p => p.OrgUnitId);
        return PathUp(parentOf, unitId)
            .Skip(skipOwnUnit ? 1 : 0)
            .Select(id => leadsByUnit[id].OrderBy(p => p.Id).FirstOrDefault())
            .FirstOrDefault(p => p is not null);
    }

    public static IReadOnlyList<OrgRuleViolation> CheckSubstitution(Substitution candidate, IEnumerable<Substitution> existing)
    {
        var violations = new List<OrgRuleViolation>();
        if (candidate.PositionId == candidate.SubstitutePositionId)
        {
            violations.Add(new(nameof(Substitution.SubstitutePositionId), "Eine Stelle kann sich nicht selbst vertreten."));
        }

        if (candidate.Until is DateOnly until && until < candidate.From)
        {
            violations.Add(new(nameof(Substitution.Until), "Das Ende der Vertretung liegt vor ihrem Beginn."));
        }

        var overlapping = existing.Any(s => s.Id != candidate.Id && s.PositionId == candidate.PositionId && Overlaps(s, candidate));
        if (overlapping && violations.Count == 0)
        {
            violations.Add(new(nameof(Substitution.From), "Für diese Stelle gibt es im gewählten Zeitraum schon eine Vertretung."));
        }

        return violations;
    }

    private static bool Overlaps(Substitution a, Substitution b) =>
        a.From <= (b.Until ?? DateOnly.MaxValue) && b.From <= (a.Until ?? DateOnly.MaxValue);
}
