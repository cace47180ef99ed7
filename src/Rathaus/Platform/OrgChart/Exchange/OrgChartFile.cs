namespace Rathaus.Platform.OrgChart.Exchange;

public enum ExchangeFormat
{
    Csv,
    Json,
}

/// <summary>How a field's text is read: as it is, as ja/nein, as a list, or as a yyyy-MM-dd date.</summary>
internal enum FieldType
{
    Text,
    Flag,
    List,
    Date,
}

/// <summary>One field of a row: a property in the JSON file, a column in the CSV file.</summary>
internal sealed record ExchangeField(string Json, string Csv, FieldType Type = FieldType.Text);

/// <summary>A kind of row: a section of the JSON file, a Satzart of the CSV file.</summary>
internal sealed record RowKind(string Section, string CsvName, IReadOnlyList<ExchangeField> Fields);

/// <summary>The layout both formats share (documented in README.md next to this file).</summary>
internal static class OrgChartSchema
{
    public const string FormatName = "rathaus-orgchart";
    public const int Version = 1;
    public const string KindColumn = "Satzart";

    public static readonly ExchangeField Code = new("code", "Kuerzel");
    public static readonly ExchangeField Name = new("name", "Name");
    public static readonly ExchangeField Street = new("street", "Strasse");
    public static readonly ExchangeField PostalCode = new("postalCode", "PLZ");
    public static readonly ExchangeField City = new("city", "Ort");
    public static readonly ExchangeField OpeningHours = new("openingHours", "Oeffnungszeiten");
    public static readonly ExchangeField Active = new("active", "Aktiv", FieldType.Flag);
    public static readonly ExchangeField Kind = new("kind", "Art");
    public static readonly ExchangeField Parent = new("parent", "Uebergeordnet");
    public static readonly ExchangeField Site = new("site", "Standort");
    public static readonly ExchangeField Mailbox = new("mailbox", "Postfach");
    public static readonly ExchangeField Title = new("title", "Name");
    public static readonly ExchangeField Unit = new("unit", "Einheit");
    public static readonly ExchangeField Lead = new("lead", "Leitung", FieldType.Flag);
    public static readonly ExchangeField Roles = new("roles", "Rollen", FieldType.List);
    public static readonly ExchangeField UserName = new("userName", "Benutzername");
    public static readonly ExchangeField DisplayName = new("displayName", "Name");
    public static readonly ExchangeField Email = new("email", "EMail");
    public static readonly ExchangeField Positions = new("positions", "Stellen", FieldType.List);
    public static readonly ExchangeField Position = new("position", "Stelle");
    public static readonly ExchangeField Substitute = new("substitute", "Vertretung");
    public static readonly ExchangeField From = new("from", "Von", FieldType.Date);
    public static readonly ExchangeField Until = new("until", "Bis", FieldType.Date);
    public static readonly ExchangeField Reason = new("reason", "Grund");

    public static readonly RowKind Sites = new("sites", "Standort", [Code, Name, Street, PostalCode, City, OpeningHours, Active]);
    public static readonly RowKind Units = new("units", "Einheit", [Code, Name, Kind, Parent, Site, Active]);
    public static readonly RowKind PositionRows = new("positions", "Stelle", [Mailbox, Title, Unit, Lead, Roles, Active]);
    public static readonly RowKind Staff = new("staff", "Beschaeftigte", [UserName, DisplayName, Email, Positions, Active]);
    public static readonly RowKind Substitutions = new("substitutions", "Vertretung", [Position, Substitute, From, Until, Reason]);

    /// <summary>In this order in both files, so that what a row refers to usually comes before it.</summary>
    public static readonly IReadOnlyList<RowKind> Kinds = [Sites, Units, PositionRows, Staff, Substitutions];

    /// <summary>The fixed CSV header: keys first, then the other columns, Aktiv last.</summary>
    public static readonly IReadOnlyList<string> CsvColumns =
    [
        KindColumn, "Kuerzel", "Postfach", "Benutzername", "Name", "Art", "Uebergeordnet", "Standort", "Einheit",
        "Strasse", "PLZ", "Ort", "Oeffnungszeiten", "Leitung", "Rollen", "EMail", "Stellen",
        "Stelle", "Vertretung", "Von", "Bis", "Grund", "Aktiv",
    ];

    public const string DateFormat = "yyyy-MM-dd";
    public const string Yes = "ja";
    public const string No = "nein";
}

/// <summary>
/// One row of an org chart file as text, before it is checked. <see cref="Where"/> names it as the user finds it:
/// the line number in a CSV file (header = line 1), the section and index in a JSON file (<c>units[3]</c>).
/// </summary>
internal sealed class FileRow(RowKind kind, string where)
{
    private readonly Dictionary<ExchangeField, string> _texts = [];
    private readonly Dictionary<ExchangeField, IReadOnlyList<string>> _lists = [];

    public RowKind Kind => kind;
    public string Where => where;

    public string? this[ExchangeField field]
    {
        get => _texts.GetValueOrDefault(field);
        set
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                _texts.Remove(field);
            }
            else
            {
                _texts[field] = value.Trim();
            }
        }
    }

    public IReadOnlyList<string> List(ExchangeField field) => _lists.GetValueOrDefault(field) ?? [];

    public void SetList(ExchangeField field, IEnumerable<string> items) =>
        _lists[field] = items.Select(i => i.Trim()).Where(i => i.Length > 0).ToList();

    public static string Flag(bool value) => value ? OrgChartSchema.Yes : OrgChartSchema.No;
}

/// <summary>A whole org chart file as rows, in the order they appear.</summary>
internal sealed class OrgChartFile(ExchangeFormat format)
{
    public ExchangeFormat Format => format;
    public List<FileRow> Rows { get; } = [];

    public string FieldName(ExchangeField field) => format == ExchangeFormat.Csv ? field.Csv : field.Json;

    public IEnumerable<FileRow> RowsOf(RowKind kind) => Rows.Where(r => r.Kind == kind);
}

/// <summary>Something wrong in an import file: where (row as in the file, field) and what, in plain German.</summary>
public sealed record ImportProblem(string Row, string Field, string Message)
{
    public override string ToString() => $"{Row} / {Field}: {Message}";
}
