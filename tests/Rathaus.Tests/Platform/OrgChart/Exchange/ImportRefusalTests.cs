using Microsoft.EntityFrameworkCore;
using Rathaus.Platform.OrgChart.Exchange;
using Rathaus.Tests.Infrastructure;
using static Rathaus.Tests.Platform.OrgChart.Exchange.ExchangeFiles;

namespace Rathaus.Tests.Platform.OrgChart.Exchange;

/// <summary>
/// Files that break a rule of the admin forms. Each also holds a new site and a new unit that would be fine on their
/// own: the import is all-or-nothing, so they must not be stored either.
/// </summary>
public abstract class ImportRefusalTests(RathausApp app)
{
    private readonly string _id = TestOrgChart.Suffix();

    private string SiteCode => $"S-{_id}";
    private string UnitCode => $"U-{_id}";
    private string FileName => $"abgelehnt-{_id}.csv";

    /// <summary>Header = line 1, the harmless site = line 2, the harmless unit = line 3, the given rows from line 4.</summary>
    private async Task<ImportResult> RefusedAsync(params string[] rows)
    {
        var result = await ImportAsync(app, FileName, Csv([Site(SiteCode), Unit(UnitCode, "7", site: SiteCode), .. rows]));

        Assert.False(result.Succeeded);
        Assert.Empty(result.Counts);
        await using var db = app.Db();
        Assert.False(await db.Sites.AnyAsync(s => s.Code == SiteCode), "the valid site of a refused file was stored");
        Assert.False(await db.OrgUnits.AnyAsync(u => u.Code == UnitCode), "the valid unit of a refused file was stored");
        Assert.False(await db.AuditEntries.AnyAsync(e => e.EntityKey == FileName || e.EntityKey == SiteCode || e.EntityKey == UnitCode));
        return result;
    }

    [Fact]
    public async Task Two_units_under_each_other_are_a_cycle()
    {
        var result = await RefusedAsync(Unit($"A-{_id}", $"B-{_id}"), Unit($"B-{_id}", $"A-{_id}"));

        Assert.Contains("Kreis im Organigramm", ProblemAt(result, "5", "Uebergeordnet").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moving_a_stored_unit_under_a_new_unit_below_it_is_a_cycle()
    {
        // 7 would go under X, which is under 7.1, which is under 7.
        var result = await RefusedAsync(Unit($"X-{_id}", "7.1"), Row("Einheit", ("Kuerzel", "7"), ("Name", "Fachbereich 7 – Straßen und Tiefbau"), ("Art", "Division"), ("Uebergeordnet", $"X-{_id}"), ("Standort", "TR")));

        ProblemAt(result, "5", "Uebergeordnet");
        await using var db = app.Db();
        Assert.Equal("DEZ IV", await db.OrgUnits.Where(u => u.Code == "7").Select(u => u.Parent!.Code).SingleAsync());
    }

    [Fact]
    public async Task A_position_without_a_unit_is_refused()
    {
        var result = await RefusedAsync(Position(Mailbox("p-" + _id), unit: ""));

        Assert.Equal("Bitte geben Sie die Organisationseinheit der Stelle an; eine Stelle gehört immer zu einer Einheit.", ProblemAt(result, "4", "Einheit").Message);
        Assert.Single(result.Problems);
    }

    [Fact]
    public async Task A_position_cannot_substitute_itself()
    {
        var result = await RefusedAsync(Substitution("strassen@rathaus-lueneburg.example", "strassen@rathaus-lueneburg.example", "2031-01-05", "2031-01-09"));

        Assert.Equal("Eine Stelle kann sich nicht selbst vertreten.", ProblemAt(result, "4", "Vertretung").Message);
    }

    [Fact]
    public async Task A_substitution_that_ends_before_it_starts_is_refused()
    {
        var result = await RefusedAsync(Substitution("strassen2@rathaus-lueneburg.example", "strassen@rathaus-lueneburg.example", "2031-03-10", "01.03.2031"));

        Assert.Equal("Das Ende der Vertretung liegt vor ihrem Beginn.", ProblemAt(result, "4", "Bis").Message);
    }

    [Fact]
    public async Task A_substitution_overlapping_a_stored_one_is_refused()
    {
        var (absent, substitute, other) = (Mailbox("weg-" + _id), Mailbox("da-" + _id), Mailbox("auch-" + _id));
        var stored = await ImportAsync(app, $"vorher-{_id}.csv", Csv(
            Unit($"V-{_id}", "7"), Position(absent, $"V-{_id}"), Position(substitute, $"V-{_id}"), Position(other, $"V-{_id}"),
            Substitution(absent, substitute, "2031-07-01", "2031-07-31")));
        Assert.True(stored.Succeeded, string.Join("\n", stored.Problems));

        var result = await RefusedAsync(Substitution(absent, other, "2031-07-20", "2031-08-10"));

        Assert.Equal("Für diese Stelle gibt es im gewählten Zeitraum schon eine Vertretung.", ProblemAt(result, "4", "Von").Message);
    }

    [Fact]
    public async Task A_mailbox_twice_in_the_file_or_taken_in_another_spelling_is_refused()
    {
        var mailbox = Mailbox("doppelt-" + _id);
        var result = await RefusedAsync(
            Position(mailbox, UnitCode),
            Position(mailbox.ToUpperInvariant(), UnitCode),
            Position("Strassen@rathaus-lueneburg.example", UnitCode));

        Assert.Contains("mehrmals in der Datei (zuerst in Zeile 4)", ProblemAt(result, "5", "Postfach").Message, StringComparison.Ordinal);
        var taken = ProblemAt(result, "6", "Postfach").Message;
        Assert.StartsWith("Die Funktionspostfach-Adresse „Strassen@rathaus-lueneburg.example“ ist schon an die Stelle „", taken, StringComparison.Ordinal);
        Assert.EndsWith("vergeben (als „strassen@rathaus-lueneburg.example“).", taken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_with_a_wrong_header_is_refused_with_the_expected_columns()
    {
        var file = "Satzart;Kuerzel;Name;Abteilung\r\nEinheit;W-" + _id + ";Test;7\r\n";

        var result = await ImportAsync(app, FileName, file);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("1", problem.Row);
        Assert.Contains("Abteilung", problem.Field, StringComparison.Ordinal);
        Assert.Contains("Unbekannte Spalten: Abteilung.", problem.Message, StringComparison.Ordinal);
        Assert.Contains(CsvHeader, problem.Message, StringComparison.Ordinal);
        await using var db = app.Db();
        Assert.False(await db.OrgUnits.AnyAsync(u => u.Code == "W-" + _id));
    }

    [Fact]
    public async Task Every_bad_row_and_field_is_reported_at_once()
    {
        var result = await RefusedAsync(
            Row("Abteilung", ("Kuerzel", "Q")),
            Row("Einheit", ("Kuerzel", $"V-{_id}"), ("Name", "V"), ("Art", "Referat"), ("Uebergeordnet", "gibt-es-nicht"), ("Standort", "XX"), ("Aktiv", "vielleicht")),
            Row("Stelle", ("Postfach", "kein-postfach"), ("Name", "T"), ("Einheit", UnitCode), ("Rollen", "CaseWork, Chef"), ("EMail", "x@y.example")),
            Row("Beschaeftigte", ("Benutzername", "m.müller"), ("Name", "M"), ("EMail", "m@"), ("Stellen", "niemand@rathaus-lueneburg.example")),
            Substitution("strassen@rathaus-lueneburg.example", "strassen2@rathaus-lueneburg.example", "31.02.2031"),
            Row("Standort", ("Kuerzel", UnitCode)));

        var expected = new[]
        {
            ("4", "Satzart"), ("5", "Art"), ("5", "Uebergeordnet"), ("5", "Standort"), ("5", "Aktiv"),
            ("6", "Postfach"), ("6", "Rollen"), ("6", "EMail"),
            ("7", "Benutzername"), ("7", "EMail"), ("7", "Stellen"),
            ("8", "Von"),
            ("9", "Name"), ("9", "Strasse"), ("9", "PLZ"), ("9", "Ort"),
        };
        foreach (var (row, field) in expected)
        {
            ProblemAt(result, row, field);
        }

        Assert.Equal(expected.Length, result.Problems.Count);
        Assert.Contains("Chef", ProblemAt(result, "6", "Rollen").Message, StringComparison.Ordinal);
        Assert.Contains("gilt nicht für die Satzart „Stelle“", ProblemAt(result, "6", "EMail").Message, StringComparison.Ordinal);
    }
}

[Collection(nameof(SqliteApp))]
public sealed class ImportRefusalTests_Sqlite(SqliteApp app) : ImportRefusalTests(app);

[Collection(nameof(PostgresApp))]
public sealed class ImportRefusalTests_PostgreSql(PostgresApp app) : ImportRefusalTests(app);
