using Rathaus.Platform.OrgChart;

namespace Rathaus.Tests.Platform.OrgChart;

public sealed class OrgRulesTests
{
    // 1 Verwaltungsspitze ─┬─ 2 Dezernat ── 3 Fachbereich ── 4 Bereich
    //                      └─ 5 Stabsstelle
    private static readonly Dictionary<int, int?> Tree = new()
    {
        [1] = null,
        [2] = 1,
        [3] = 2,
        [4] = 3,
        [5] = 1,
    };

    [Fact]
    public void A_unit_cannot_become_its_own_parent() => Assert.True(OrgRules.CreatesCycle(Tree, 2, 2));

    [Fact]
    public void Moving_a_unit_under_its_child_is_a_cycle() => Assert.True(OrgRules.CreatesCycle(Tree, 2, 3));

    [Fact]
    public void Moving_a_unit_under_its_grandchild_is_a_cycle() => Assert.True(OrgRules.CreatesCycle(Tree, 2, 4));

    [Fact]
    public void Moving_a_unit_under_an_unrelated_branch_is_fine() => Assert.False(OrgRules.CreatesCycle(Tree, 3, 5));

    [Fact]
    public void Moving_a_unit_to_the_top_level_is_fine() => Assert.False(OrgRules.CreatesCycle(Tree, 3, null));

    [Fact]
    public void Subtree_holds_the_unit_and_everything_below_it_but_nothing_beside_it()
    {
        Assert.Equal([2, 3, 4], OrgRules.Subtree(Tree, 2).Order());
        Assert.Equal([4], OrgRules.Subtree(Tree, 4));
        Assert.Equal([1, 2, 3, 4, 5], OrgRules.Subtree(Tree, 1).Order());
    }

    [Fact]
    public void PathUp_follows_the_Dienstweg_from_the_unit_to_the_top() =>
        Assert.Equal([4, 3, 2, 1], OrgRules.PathUp(Tree, 4));

    [Fact]
    public void Nearest_lead_is_the_lead_of_the_unit_itself()
    {
        var positions = new[] { Lead(10, unit: 3), Lead(11, unit: 2), Lead(12, unit: 1) };
        Assert.Equal(10, OrgRules.NearestLead(Tree, positions, 3)?.Id);
    }

    [Fact]
    public void Nearest_lead_skips_an_inactive_lead()
    {
        var positions = new[] { Lead(10, unit: 3, active: false), Lead(11, unit: 2) };
        Assert.Equal(11, OrgRules.NearestLead(Tree, positions, 3)?.Id);
    }

    [Fact]
    public void Nearest_lead_goes_up_when_the_unit_has_only_case_workers()
    {
        var positions = new[] { CaseWorker(20, unit: 4), Lead(10, unit: 3) };
        Assert.Equal(10, OrgRules.NearestLead(Tree, positions, 4)?.Id);
    }

    [Fact]
    public void Escalation_skips_the_own_unit_and_reaches_the_next_lead_up()
    {
        var positions = new[] { Lead(10, unit: 3), Lead(12, unit: 1) };
        Assert.Equal(12, OrgRules.NearestLead(Tree, positions, 3, skipOwnUnit: true)?.Id);
    }

    [Fact]
    public void There_is_no_lead_above_the_top()
    {
        var positions = new[] { Lead(12, unit: 1), CaseWorker(20, unit: 5) };
        Assert.Null(OrgRules.NearestLead(Tree, positions, 1, skipOwnUnit: true));
        Assert.Null(OrgRules.NearestLead(Tree, [CaseWorker(20, unit: 1)], 1));
    }

    [Fact]
    public void A_position_cannot_substitute_itself()
    {
        var violations = OrgRules.CheckSubstitution(Period(10, 10, "2026-03-01", "2026-03-05"), []);
        var violation = Assert.Single(violations);
        Assert.Equal(nameof(Substitution.SubstitutePositionId), violation.Field);
        Assert.Equal("Eine Stelle kann sich nicht selbst vertreten.", violation.Message);
    }

    [Fact]
    public void A_substitution_cannot_end_before_it_starts()
    {
        var violation = Assert.Single(OrgRules.CheckSubstitution(Period(10, 11, "2026-03-05", "2026-03-04"), []));
        Assert.Equal(nameof(Substitution.Until), violation.Field);
        Assert.Equal("Das Ende der Vertretung liegt vor ihrem Beginn.", violation.Message);
    }

    [Fact]
    public void A_one_day_substitution_is_fine() =>
        Assert.Empty(OrgRules.CheckSubstitution(Period(10, 11, "2026-03-05", "2026-03-05"), []));

    [Theory]
    [InlineData("2026-03-05", "2026-03-15")] // starts inside
    [InlineData("2026-02-20", "2026-03-01")] // ends on the first day
    [InlineData("2026-02-01", null)] // open-ended, started before
    [InlineData("2026-03-10", "2026-03-10")] // the last day
    public void Overlapping_substitutions_for_the_same_position_are_refused(string from, string? until)
    {
        var existing = Period(10, 12, "2026-03-01", "2026-03-10", id: 1);
        var violation = Assert.Single(OrgRules.CheckSubstitution(Period(10, 11, from, until), [existing]));
        Assert.Equal(nameof(Substitution.From), violation.Field);
        Assert.Equal("Für diese Stelle gibt es im gewählten Zeitraum schon eine Vertretung.", violation.Message);
    }

    [Fact]
    public void An_open_ended_substitution_overlaps_everything_after_its_start()
    {
        var existing = Period(10, 12, "2026-03-01", null, id: 1);
        Assert.Single(OrgRules.CheckSubstitution(Period(10, 11, "2027-01-01", "2027-01-02"), [existing]));
        Assert.Empty(OrgRules.CheckSubstitution(Period(10, 11, "2026-02-01", "2026-02-28"), [existing]));
    }

    [Fact]
    public void Adjacent_substitutions_do_not_overlap()
    {
        var existing = Period(10, 12, "2026-03-01", "2026-03-10", id: 1);
        Assert.Empty(OrgRules.CheckSubstitution(Period(10, 11, "2026-03-11", "2026-03-20"), [existing]));
        Assert.Empty(OrgRules.CheckSubstitution(Period(10, 11, "2026-02-20", "2026-02-28"), [existing]));
    }

    [Fact]
    public void Substitutions_of_other_positions_at_the_same_time_do_not_count()
    {
        var existing = Period(13, 12, "2026-03-01", "2026-03-10", id: 1);
        Assert.Empty(OrgRules.CheckSubstitution(Period(10, 11, "2026-03-01", "2026-03-10"), [existing]));
    }

    [Fact]
    public void Editing_a_substitution_does_not_count_it_as_overlapping_itself()
    {
        var stored = Period(10, 12, "2026-03-01", "2026-03-10", id: 7);
        var edited = Period(10, 11, "2026-03-01", "2026-03-20", id: 7);
        Assert.Empty(OrgRules.CheckSubstitution(edited, [stored]));
    }

    private static Position Lead(int id, int unit, bool active = true) =>
        new() { Id = id, Title = $"Leitung {unit}", Mailbox = $"leitung{id}@test.example", OrgUnitId = unit, IsLead = true, IsActive = active };

    private static Position CaseWorker(int id, int unit) =>
        new() { Id = id, Title = $"Sachbearbeitung {unit}", Mailbox = $"sb{id}@test.example", OrgUnitId = unit };

    private static Substitution Period(int position, int substitute, string from, string? until, int id = 0) => new()
    {
        Id = id,
        PositionId = position,
        SubstitutePositionId = substitute,
        From = DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
        Until = until is null ? null : DateOnly.Parse(until, System.Globalization.CultureInfo.InvariantCulture),
    };
}
