using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Rathaus.Data;
using Rathaus.Platform.Audit;

namespace Rathaus.Platform.OrgChart.Exchange;

/// <summary>How many rows of one kind (its JSON section name, e.g. <c>units</c>) an import created, changed and left alone.</summary>
public sealed record ImportCount(string Kind, int Created, int Changed, int Unchanged);

public sealed record ImportResult(string FileName, IReadOnlyList<ImportProblem> Problems, IReadOnlyList<ImportCount> Counts)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Imports a whole org chart file (CSV or JSON): creates what is new, updates what exists, never deletes. Everything
/// is checked first and all problems are reported together; only a file without any problem is applied, in one
/// transaction, so an import changes everything or nothing.
/// </summary>
public sealed class OrgChartImport(
    RathausDb db, AuditLog audit, IStringLocalizer<SharedResource> t, ILookupNormalizer normalizer, IOptions<IdentityOptions> identity)
{
    public const int MaxBytes = 5 * 1024 * 1024;

    public async Task<ImportResult> ImportAsync(Stream content, string fileName, CancellationToken ct = default)
    {
        var problems = new List<ImportProblem>();
        var file = await ReadFileAsync(content, fileName, problems, t, ct);
        if (file is null)
        {
            return new(fileName, problems, []);
        }

        var stored = await StoredOrgChart.LoadAsync(db, normalizer.NormalizeName, ct);
        var check = new ImportCheck(file, stored, t, identity.Value.User.AllowedUserNameCharacters).Run();
        problems.AddRange(check.Problems);
        if (problems.Count > 0)
        {
            db.ChangeTracker.Clear();
            return new(fileName, problems, []);
        }

        try
        {
            var counts = await ApplyAsync(check, stored, fileName, file.Format, ct);
            return new(fileName, [], counts);
        }
        catch (DbUpdateException)
        {
            // Someone changed the org chart at the same moment (a unique key now taken); the transaction rolled back.
            db.ChangeTracker.Clear();
            return new(fileName, [new("", "", t["Das Organigramm wurde während des Imports an anderer Stelle geändert. Es wurde nichts übernommen; bitte importieren Sie die Datei noch einmal."])], []);
        }
    }

    /// <summary>Size, type and encoding of the upload, then the rows of the format its content shows.</summary>
    internal static async Task<OrgChartFile?> ReadFileAsync(Stream content, string fileName, List<ImportProblem> problems, IStringLocalizer t, CancellationToken ct)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension is not (".csv" or ".json" or ".txt" or ""))
        {
            problems.Add(new("", "", extension is ".xlsx" or ".xls" or ".ods"
                ? t["Das ist eine Arbeitsmappe ({0}), keine CSV-Datei. Speichern Sie sie in Excel mit „Speichern unter“ als „CSV UTF-8 (durch Trennzeichen getrennt)“ und laden Sie diese Datei hoch.", extension]
                : t["Dateien vom Typ „{0}“ können nicht importiert werden. Bitte laden Sie eine CSV- oder JSON-Datei hoch.", extension]));
            return null;
        }

        var bytes = await ReadAtMostAsync(content, MaxBytes, ct);
        if (bytes is null)
        {
            problems.Add(new("", "", t["Die Datei ist größer als {0} MB.", MaxBytes / 1024 / 1024]));
            return null;
        }

        var body = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes[Encoding.UTF8.Preamble.Length..] : bytes;
        if (!TryReadText(body, out var text))
        {
            problems.Add(new("", "", t["Die Datei ist keine UTF-8-Textdatei. Speichern Sie sie in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“ oder laden Sie eine JSON-Datei hoch."]));
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(new("", "", t["Die Datei ist leer."]));
            return null;
        }

        return text.TrimStart()[0] is '{' or '[' || extension == ".json"
            ? OrgChartJson.Read(body, problems, t)
            : OrgChartCsv.Read(body, problems, t);
    }

    /// <summary>
    /// False for invalid UTF-8 (Excel's "CSV (Trennzeichen-getrennt)" writes Windows-1252, "Unicode-Text" UTF-16) and
    /// for NUL characters (a binary file such as a workbook under a .csv name).
    /// </summary>
    private static bool TryReadText(byte[] body, out string text)
    {
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
            return !text.Contains('\0', StringComparison.Ordinal);
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    private static async Task<byte[]?> ReadAtMostAsync(Stream content, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    private async Task<IReadOnlyList<ImportCount>> ApplyAsync(ImportCheck check, StoredOrgChart stored, string fileName, ExchangeFormat format, CancellationToken ct)
    {
        var changes = new ImportChanges(db, audit, stored);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var counts = new List<ImportCount>
        {
            await changes.ApplyAsync(OrgChartSchema.Sites, check.Sites, s => stored.SiteByCode(s.Code), s => new Site { Code = s.Code, Name = "", Street = "", PostalCode = "", City = "" }, (s, site) =>
            {
                site.Name = s.Name;
                site.Street = s.Street;
                site.PostalCode = s.PostalCode;
                site.City = s.City;
                site.OpeningHours = s.OpeningHours;
                site.IsActive = s.Active;
                return false;
            }, ct),

            await changes.ApplyAsync(OrgChartSchema.Units, check.Units, u => stored.UnitByCode(u.Code), u => new OrgUnit { Code = u.Code, Name = "" }, (u, unit) =>
            {
                unit.Name = u.Name;
                unit.Kind = u.Kind;
                unit.Parent = u.Parent is null ? null : stored.UnitByCode(u.Parent) ?? throw new InvalidOperationException($"Unit {u.Parent} was checked but is missing.");
                unit.Site = u.Site is null ? null : stored.SiteByCode(u.Site);
                unit.IsActive = u.Active;
                return false;
            }, ct),

            await changes.ApplyAsync(OrgChartSchema.PositionRows, check.Positions, p => stored.PositionByMailbox(p.Mailbox), p => new Position { Mailbox = p.Mailbox, Title = "" }, (p, position) =>
            {
                position.Mailbox = p.Mailbox;
                position.Title = p.Title;
                position.OrgUnit = stored.UnitByCode(p.Unit);
                position.IsLead = p.Lead;
                position.Roles = p.Roles;
                position.IsActive = p.Active;
                return false;
            }, ct),

            await changes.ApplyAsync(OrgChartSchema.Staff, check.Staff, s => stored.StaffByUserName(s.UserName), NewStaffMember, (s, staff) =>
            {
                staff.UserName = s.UserName;
                staff.NormalizedUserName = normalizer.NormalizeName(s.UserName);
                staff.DisplayName = s.DisplayName;
                staff.Email = s.Email;
                staff.NormalizedEmail = s.Email is null ? null : normalizer.NormalizeEmail(s.Email);
                if (staff.IsActive && !s.Active)
                {
                    staff.SecurityStamp = Guid.NewGuid().ToString("N"); // ends open sessions, as the staff page does
                }

                staff.IsActive = s.Active;
                return HoldOnly(staff, s.Positions.Select(m => stored.PositionByMailbox(m)!).Distinct().ToList());
            }, ct),

            await changes.ApplyAsync(OrgChartSchema.Substitutions, check.Substitutions, s => FindSubstitution(stored, s), NewSubstitution(stored), (s, substitution) =>
            {
                substitution.Until = s.Until;
                substitution.Reason = s.Reason;
                return false;
            }, ct),
        };

        audit.Record("OrgChart.Imported", "OrgChart", fileName, null, new
        {
            FileName = fileName,
            Format = format.ToString(),
            Rows = counts.ToDictionary(c => c.Kind, c => new { c.Created, c.Changed, c.Unchanged }),
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return counts;
    }

    private static StaffMember NewStaffMember(StaffImport s) => new()
    {
        // No password: an administrator sets one before the person can log in.
        Id = Guid.CreateVersion7(),
        UserName = s.UserName,
        DisplayName = s.DisplayName,
        SecurityStamp = Guid.NewGuid().ToString("N"),
        LockoutEnabled = true,
    };

    /// <summary>Makes <paramref name="positions"/> the positions the staff member holds; true when that changed anything.</summary>
    private static bool HoldOnly(StaffMember staff, List<Position> positions)
    {
        var dropped = staff.Positions.Where(p => !positions.Contains(p)).ToList();
        var added = positions.Where(p => !staff.Positions.Contains(p)).ToList();
        dropped.ForEach(p => staff.Positions.Remove(p));
        staff.Positions.AddRange(added);
        return dropped.Count > 0 || added.Count > 0;
    }

    private static Substitution? FindSubstitution(StoredOrgChart stored, SubstitutionImport s) =>
        stored.PositionByMailbox(s.Position) is { } position && stored.PositionByMailbox(s.Substitute) is { } substitute
            ? stored.SubstitutionByKey(position.Id, substitute.Id, s.From)
            : null;

    private static Func<SubstitutionImport, Substitution> NewSubstitution(StoredOrgChart stored) => s => new Substitution
    {
        Position = stored.PositionByMailbox(s.Position),
        SubstitutePosition = stored.PositionByMailbox(s.Substitute),
        From = s.From,
    };
}
