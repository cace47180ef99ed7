using System.Globalization;
using System.Net.Mail;
using Microsoft.Extensions.Localization;
using Schema = Rathaus.Platform.OrgChart.Exchange.OrgChartSchema;

namespace Rathaus.Platform.OrgChart.Exchange;

internal sealed record SiteImport(FileRow Row, string Code, string Name, string Street, string PostalCode, string City, string? OpeningHours, bool Active);

internal sealed record UnitImport(FileRow Row, string Code, string Name, OrgUnitKind Kind, string? Parent, string? Site, bool Active);

internal sealed record PositionImport(FileRow Row, string Mailbox, string Title, string Unit, bool Lead, PositionRole Roles, bool Active);

internal sealed record StaffImport(FileRow Row, string UserName, string DisplayName, string? Email, IReadOnlyList<string> Positions, bool Active);

internal sealed record SubstitutionImport(FileRow Row, string Position, string Substitute, DateOnly From, DateOnly? Until, string? Reason, bool Complete);

/// <summary>
/// Checks every row of an import file against the form rules and the stored org chart, collecting all problems
/// instead of stopping at the first, so the user can fix the whole file at once. References may point to rows of the
/// same file or to stored data. The rules themselves come from <see cref="OrgRules"/>.
/// </summary>
internal sealed class ImportCheck(OrgChartFile file, StoredOrgChart stored, IStringLocalizer t, string allowedUserNameCharacters)
{
    private readonly Dictionary<string, FileRow> _siteRows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileRow> _unitRows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileRow> _positionRows = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, FileRow> _staffRows = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string, string, DateOnly), FileRow> _substitutionRows = [];

    public List<ImportProblem> Problems { get; } = [];
    public List<SiteImport> Sites { get; } = [];
    public List<UnitImport> Units { get; } = [];
    public List<PositionImport> Positions { get; } = [];
    public List<StaffImport> Staff { get; } = [];
    public List<SubstitutionImport> Substitutions { get; } = [];

    public ImportCheck Run()
    {
        foreach (var row in file.Rows)
        {
            var read = new RowReader(this, row);
            if (row.Kind == Schema.Sites)
            {
                ReadSite(read);
            }
            else if (row.Kind == Schema.Units)
            {
                ReadUnit(read);
            }
            else if (row.Kind == Schema.PositionRows)
            {
                ReadPosition(read);
            }
            else if (row.Kind == Schema.Staff)
            {
                ReadStaff(read);
            }
            else
            {
                ReadSubstitution(read);
            }
        }

        CheckReferences();
        CheckUnitTree();
        CheckSubstitutionRules();
        return this;
    }

    private void ReadSite(RowReader read)
    {
        var code = read.Required(Schema.Code, 20, t["Bitte geben Sie das Kürzel des Standorts an."]);
        var site = new SiteImport(read.Row, code,
            read.Required(Schema.Name, 200, t["Bitte geben Sie den Namen des Standorts an."]),
            read.Required(Schema.Street, 200, t["Bitte geben Sie Straße und Hausnummer an."]),
            read.Required(Schema.PostalCode, 10, t["Bitte geben Sie die Postleitzahl an."]),
            read.Required(Schema.City, 100, t["Bitte geben Sie den Ort an."]),
            read.Optional(Schema.OpeningHours, 1000),
            read.Flag(Schema.Active, true));
        if (code.Length > 0 && IsFirst(_siteRows, code, read, Schema.Code, t["Der Standort „{0}“ steht mehrmals in der Datei (zuerst in {1}).", code, Place(_siteRows.GetValueOrDefault(code))]))
        {
            Sites.Add(site);
        }
    }

    private void ReadUnit(RowReader read)
    {
        var code = read.Required(Schema.Code, 20, t["Bitte geben Sie das Kürzel der Organisationseinheit an."]);
        var unit = new UnitImport(read.Row, code,
            read.Required(Schema.Name, 200, t["Bitte geben Sie den Namen der Organisationseinheit an."]),
            read.Choice<OrgUnitKind>(Schema.Kind, t["Bitte geben Sie die Art der Organisationseinheit an."], OrgTexts.KindName) ?? OrgUnitKind.Team,
            read.Optional(Schema.Parent, 20),
            read.Optional(Schema.Site, 20),
            read.Flag(Schema.Active, true));
        if (code.Length > 0 && IsFirst(_unitRows, code, read, Schema.Code, t["Die Organisationseinheit „{0}“ steht mehrmals in der Datei (zuerst in {1}).", code, Place(_unitRows.GetValueOrDefault(code))]))
        {
            Units.Add(unit);
        }
    }

    private void ReadPosition(RowReader read)
    {
        var mailbox = read.Mailbox(Schema.Mailbox, required: true) ?? "";
        var roles = read.Row.List(Schema.Roles).Select(r => read.ChoiceValue<PositionRole>(Schema.Roles, r, OrgTexts.RoleName)).Aggregate(PositionRole.None, (all, r) => all | (r ?? 0));
        var position = new PositionImport(read.Row, mailbox,
            read.Required(Schema.Title, 200, t["Bitte geben Sie die Bezeichnung der Stelle an."]),
            read.Required(Schema.Unit, 20, t["Bitte geben Sie die Organisationseinheit der Stelle an; eine Stelle gehört immer zu einer Einheit."]),
            read.Flag(Schema.Lead, false),
            roles,
            read.Flag(Schema.Active, true));
        if (mailbox.Length == 0 || !IsFirst(_positionRows, mailbox, read, Schema.Mailbox, t["Die Funktionspostfach-Adresse „{0}“ steht mehrmals in der Datei (zuerst in {1}).", mailbox, Place(_positionRows.GetValueOrDefault(mailbox))]))
        {
            return;
        }

        if (stored.PositionByMailbox(mailbox) is { } other && other.Mailbox != mailbox)
        {
            // The key is exact; an address that differs only in case is the same mailbox for mail servers.
            read.Problem(Schema.Mailbox, t["Die Funktionspostfach-Adresse „{0}“ ist schon an die Stelle „{1}“ vergeben (als „{2}“).", mailbox, other.Title, other.Mailbox]);
        }

        Positions.Add(position);
    }

    private void ReadStaff(RowReader read)
    {
        var userName = read.Required(Schema.UserName, 256, t["Bitte geben Sie den Benutzernamen an."]);
        if (userName.Any(c => !allowedUserNameCharacters.Contains(c)))
        {
            read.Problem(Schema.UserName, t["Der Benutzername „{0}“ enthält unzulässige Zeichen. Erlaubt sind Buchstaben ohne Umlaute, Ziffern und - . _ @ +", userName]);
        }

        var staff = new StaffImport(read.Row, userName,
            read.Required(Schema.DisplayName, 200, t["Bitte geben Sie den Namen der oder des Beschäftigten an."]),
            read.Mailbox(Schema.Email, required: false),
            read.Row.List(Schema.Positions).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            read.Flag(Schema.Active, true));
        if (userName.Length > 0 && IsFirst(_staffRows, userName, read, Schema.UserName, t["Der Benutzername „{0}“ steht mehrmals in der Datei (zuerst in {1}).", userName, Place(_staffRows.GetValueOrDefault(userName))]))
        {
            Staff.Add(staff);
        }
    }

    private void ReadSubstitution(RowReader read)
    {
        var position = read.Required(Schema.Position, 254, t["Bitte geben Sie die Funktionspostfach-Adresse der vertretenen Stelle an."]);
        var substitute = read.Required(Schema.Substitute, 254, t["Bitte geben Sie die Funktionspostfach-Adresse der vertretenden Stelle an."]);
        var from = read.Date(Schema.From, t["Bitte geben Sie den ersten Tag der Vertretung an."]);
        var until = read.Date(Schema.Until, null);
        var reason = read.Optional(Schema.Reason, 500);
        if (position.Length == 0 || substitute.Length == 0 || from is not DateOnly first)
        {
            return;
        }

        var key = (position.ToUpperInvariant(), substitute.ToUpperInvariant(), first);
        if (IsFirst(_substitutionRows, key, read, Schema.From, t["Diese Vertretung steht mehrmals in der Datei (zuerst in {0}).", Place(_substitutionRows.GetValueOrDefault(key))]))
        {
            Substitutions.Add(new(read.Row, position, substitute, first, until, reason, read.Complete));
        }
    }

    private void CheckReferences()
    {
        foreach (var unit in Units)
        {
            if (unit.Parent is { } parent && !UnitExists(parent))
            {
                Problem(unit.Row, Schema.Parent, t["Die übergeordnete Einheit „{0}“ gibt es weder in der Datei noch im Organigramm.", parent]);
            }

            if (unit.Site is { } site && !_siteRows.ContainsKey(site) && stored.SiteByCode(site) is null)
            {
                Problem(unit.Row, Schema.Site, t["Den Standort „{0}“ gibt es weder in der Datei noch im Organigramm.", site]);
            }
        }

        foreach (var position in Positions.Where(p => p.Unit.Length > 0 && !UnitExists(p.Unit)))
        {
            Problem(position.Row, Schema.Unit, t["Die Organisationseinheit „{0}“ gibt es weder in der Datei noch im Organigramm.", position.Unit]);
        }

        foreach (var staff in Staff)
        {
            foreach (var mailbox in staff.Positions.Where(m => !PositionExists(m)))
            {
                Problem(staff.Row, Schema.Positions, t["Die Stelle „{0}“ gibt es weder in der Datei noch im Organigramm.", mailbox]);
            }
        }

        foreach (var substitution in Substitutions)
        {
            foreach (var (field, mailbox) in new[] { (Schema.Position, substitution.Position), (Schema.Substitute, substitution.Substitute) }.Where(m => !PositionExists(m.Item2)))
            {
                Problem(substitution.Row, field, t["Die Stelle „{0}“ gibt es weder in der Datei noch im Organigramm.", mailbox]);
            }
        }
    }

    /// <summary>The file's parent changes laid onto the stored tree; a change that closes a loop is refused.</summary>
    private void CheckUnitTree()
    {
        var ids = stored.Units.ToDictionary(u => u.Code, u => u.Id, StringComparer.Ordinal);
        foreach (var unit in Units.Where(u => !ids.ContainsKey(u.Code)))
        {
            ids[unit.Code] = -ids.Count - 1; // not stored yet: a temporary id that no stored unit has
        }

        var parentOf = stored.Units.ToDictionary(u => u.Id, u => u.ParentId);
        var moved = new List<(UnitImport Unit, int Id, int ParentId)>();
        foreach (var unit in Units)
        {
            if (unit.Parent is { } parentCode && !ids.ContainsKey(parentCode))
            {
                continue; // unknown parent, reported above
            }

            int? parentId = unit.Parent is null ? null : ids[unit.Parent];
            var id = ids[unit.Code];
            if (parentOf.GetValueOrDefault(id) != parentId && parentId is int newParent)
            {
                moved.Add((unit, id, newParent));
            }

            parentOf[id] = parentId;
        }

        foreach (var move in moved.Where(m => OrgRules.CreatesCycle(parentOf, m.Id, m.ParentId)))
        {
            Problem(move.Unit.Row, Schema.Parent, t["Mit der übergeordneten Einheit „{0}“ entstünde ein Kreis im Organigramm: eine Einheit läge unter sich selbst.", move.Unit.Parent!]);
        }
    }

    /// <summary>New and changed substitutions against the stored ones and each other, as the form checks them.</summary>
    private void CheckSubstitutionRules()
    {
        var positionIds = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var position in stored.Positions.OrderBy(p => p.Id))
        {
            positionIds.TryAdd(position.Mailbox, position.Id);
        }

        foreach (var position in Positions)
        {
            positionIds.TryAdd(position.Mailbox, -positionIds.Count - 1); // not stored yet: a temporary id
        }

        var candidates = new List<(SubstitutionImport Import, Substitution Candidate, bool Changes)>();
        foreach (var import in Substitutions.Where(s => s.Complete))
        {
            if (!positionIds.TryGetValue(import.Position, out var positionId) || !positionIds.TryGetValue(import.Substitute, out var substituteId))
            {
                continue;
            }

            var existing = stored.SubstitutionByKey(positionId, substituteId, import.From);
            var candidate = new Substitution { Id = existing?.Id ?? -candidates.Count - 1, PositionId = positionId, SubstitutePositionId = substituteId, From = import.From, Until = import.Until };
            candidates.Add((import, candidate, existing is null || existing.Until != import.Until));
        }

        var replaced = candidates.Select(c => c.Candidate.Id).ToHashSet();
        var all = stored.Substitutions.Where(s => !replaced.Contains(s.Id)).Concat(candidates.Select(c => c.Candidate)).ToList();
        foreach (var (import, candidate, _) in candidates.Where(c => c.Changes))
        {
            foreach (var violation in OrgRules.CheckSubstitution(candidate, all))
            {
                var field = violation.Field switch
                {
                    nameof(Substitution.SubstitutePositionId) => Schema.Substitute,
                    nameof(Substitution.Until) => Schema.Until,
                    _ => Schema.From,
                };
                Problem(import.Row, field, t[violation.Message]);
            }
        }
    }

    private bool UnitExists(string code) => _unitRows.ContainsKey(code) || stored.UnitByCode(code) is not null;

    private bool PositionExists(string mailbox) => _positionRows.ContainsKey(mailbox) || stored.PositionByMailbox(mailbox) is not null;

    private static bool IsFirst<TKey>(Dictionary<TKey, FileRow> seen, TKey key, RowReader read, ExchangeField field, string duplicateMessage)
        where TKey : notnull
    {
        if (seen.TryAdd(key, read.Row))
        {
            return true;
        }

        read.Problem(field, duplicateMessage);
        return false;
    }

    private string Place(FileRow? row) => row is null ? "" : file.Format == ExchangeFormat.Csv ? t["Zeile {0}", row.Where] : row.Where;

    /// <summary>The localizer, for <see cref="RowReader"/>.</summary>
    private IStringLocalizer Texts => t;

    private void Problem(FileRow row, ExchangeField field, string message) => Problems.Add(new(row.Where, file.FieldName(field), message));

    /// <summary>Reads the fields of one row, reporting each problem with the row and field it concerns.</summary>
    private sealed class RowReader(ImportCheck check, FileRow row)
    {
        private static readonly string[] DateFormats = [Schema.DateFormat, "dd.MM.yyyy", "d.M.yyyy"];

        public FileRow Row => row;

        /// <summary>False once a field of the row is wrong: rules that combine fields then leave the row alone.</summary>
        public bool Complete { get; private set; } = true;

        private IStringLocalizer T => check.Texts;

        public void Problem(ExchangeField field, string message)
        {
            check.Problem(row, field, message);
            Complete = false;
        }

        public string Required(ExchangeField field, int maxLength, string missing)
        {
            if (row[field] is not { } value)
            {
                Problem(field, missing);
                return "";
            }

            return Checked(field, value, maxLength);
        }

        public string? Optional(ExchangeField field, int maxLength) => row[field] is { } value ? Checked(field, value, maxLength) : null;

        public bool Flag(ExchangeField field, bool whenEmpty)
        {
            var value = row[field];
            if (value is null)
            {
                return whenEmpty;
            }

            if (value.Equals(Schema.Yes, StringComparison.OrdinalIgnoreCase) || value.Equals("true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (value.Equals(Schema.No, StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            Problem(field, T["„{0}“ ist hier kein gültiger Wert. Erlaubt sind „ja“ und „nein“.", value]);
            return whenEmpty;
        }

        public DateOnly? Date(ExchangeField field, string? missing)
        {
            var value = row[field];
            if (value is null)
            {
                if (missing is not null)
                {
                    Problem(field, missing);
                }

                return null;
            }

            // Excel in German turns 2026-11-25 into 25.11.2026 when it saves, so both are read.
            if (DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            Problem(field, T["„{0}“ ist kein gültiges Datum. Bitte im Format JJJJ-MM-TT angeben, zum Beispiel 2026-11-25.", value]);
            return null;
        }

        public string? Mailbox(ExchangeField field, bool required)
        {
            var value = required
                ? Required(field, 254, T["Bitte geben Sie die Funktionspostfach-Adresse der Stelle an."])
                : Optional(field, 256);
            if (string.IsNullOrEmpty(value))
            {
                return required ? null : value;
            }

            if (!MailAddress.TryCreate(value, out var address) || address.Address != value || address.DisplayName.Length > 0)
            {
                Problem(field, T["„{0}“ ist keine gültige E-Mail-Adresse.", value]);
            }

            return value;
        }

        /// <summary>A required enumeration value, given by its English name (as exported), e.g. <c>Division</c>.</summary>
        public TEnum? Choice<TEnum>(ExchangeField field, string missing, Func<TEnum, string> germanName)
            where TEnum : struct, Enum
        {
            if (row[field] is not { } value)
            {
                Problem(field, missing);
                return null;
            }

            return ChoiceValue(field, value, germanName);
        }

        public TEnum? ChoiceValue<TEnum>(ExchangeField field, string value, Func<TEnum, string> germanName)
            where TEnum : struct, Enum
        {
            // PositionRole.None is no role to choose: an empty list says it.
            var names = Enum.GetValues<TEnum>().Where(v => v is not PositionRole.None).ToList();
            foreach (var name in names.Where(n => n.ToString().Equals(value, StringComparison.OrdinalIgnoreCase)))
            {
                return name;
            }

            Problem(field, T["„{0}“ gibt es hier nicht. Erlaubt sind: {1}.", value, string.Join(", ", names.Select(n => $"{n} ({T[germanName(n)]})"))]);
            return null;
        }

        private string Checked(ExchangeField field, string value, int maxLength)
        {
            if (value.Length > maxLength)
            {
                Problem(field, T["Der Wert darf höchstens {0} Zeichen lang sein (hier {1}).", maxLength, value.Length]);
            }

            return value;
        }
    }
}
