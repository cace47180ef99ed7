using System.Text.RegularExpressions;

namespace Rathaus.Council.Model;

/// <summary>A broken rule: the field it concerns and the German message (a resx key) for the person who entered it.</summary>
public sealed record CouncilRuleViolation(string Field, string Message);

/// <summary>
/// The council office's data rules as pure functions, so forms, the import and tests share them. An empty result
/// means the input is fine.
/// </summary>
public static partial class CouncilRules
{
    [GeneratedRegex(@"^\d{4}/\d{4}$")]
    private static partial Regex ReferenceFormat();

    public static IReadOnlyList<CouncilRuleViolation> CheckMeeting(DateTime start, DateTime end)
    {
        if (end <= start)
        {
            return [new(nameof(Meeting.End), Texts.Key("Die Sitzung muss nach ihrem Beginn enden."))];
        }

        return end - start > TimeSpan.FromDays(2)
            ? [new(nameof(Meeting.End), Texts.Key("Eine Sitzung dauert höchstens zwei Tage; bitte prüfen Sie das Ende."))]
            : [];
    }

    public static IReadOnlyList<CouncilRuleViolation> CheckMembership(DateOnly start, DateOnly? end, LegislativeTerm term)
    {
        var violations = new List<CouncilRuleViolation>();
        if (end is { } until && until < start)
        {
            violations.Add(new(nameof(Membership.EndDate), Texts.Key("Die Mitgliedschaft kann nicht enden, bevor sie beginnt.")));
        }

        if (!term.Contains(start))
        {
            violations.Add(new(nameof(Membership.StartDate), Texts.Key("Der Beginn der Mitgliedschaft liegt außerhalb der Wahlperiode.")));
        }

        if (end is { } last && !term.Contains(last))
        {
            violations.Add(new(nameof(Membership.EndDate), Texts.Key("Das Ende der Mitgliedschaft liegt außerhalb der Wahlperiode.")));
        }

        return violations;
    }

    /// <param name="referenceTaken">Whether another paper already has this reference (the caller asks the database).</param>
    public static IReadOnlyList<CouncilRuleViolation> CheckPaperReference(string? reference, bool referenceTaken)
    {
        if (string.IsNullOrWhiteSpace(reference) || !ReferenceFormat().IsMatch(reference.Trim()))
        {
            return [new(nameof(Paper.Reference), Texts.Key("Die Drucksachennummer hat die Form Jahr/Nummer, zum Beispiel 2026/0123."))];
        }

        return referenceTaken
            ? [new(nameof(Paper.Reference), Texts.Key("Diese Drucksachennummer ist schon vergeben."))]
            : [];
    }
}
