using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Model;
using Rathaus.Data;
using static Rathaus.Council.Import.OParlFields;

namespace Rathaus.Council.Import;

/// <summary>
/// Turns OParl objects (1.0 or 1.1) into council objects of this installation, matched by their OParl id: a known id
/// updates its object, an unknown one adds it. Embedded objects (a person's memberships, a meeting's agenda items, a
/// paper's consultations, files) are imported one by one, so one malformed embedded object costs only itself.
/// One instance works one page; its problems are collected for the job.
/// </summary>
internal sealed class OParlObjectImport(RathausDb db, OParlFileDownload files, Body? body, DateTime now)
{
    public static readonly string WrongType = Texts.Key("Das Objekt hat nicht den erwarteten Typ {0}.");
    public static readonly string NoId = Texts.Key("Das Objekt hat keine gültige id.");
    public static readonly string UnknownReference = Texts.Key("Das Objekt verweist auf {0}, das (noch) nicht importiert ist.");
    public static readonly string ReferenceTaken = Texts.Key("Die Drucksachennummer {0} gehört hier schon einer anderen Drucksache.");
    public static readonly string NoTerm = Texts.Key("Zum Beginn der Mitgliedschaft ({0}) gibt es keine Wahlperiode.");

    public List<(string ObjectId, string Message, string? Detail)> Problems { get; } = [];

    /// <summary>Imports one object of a list; false (and a problem) when it is malformed.</summary>
    public async Task<bool> ImportAsync(string list, JsonObject o, CancellationToken ct)
    {
        return list switch
        {
            "body" => await TryAsync(o, "Body", () => BodyAsync(o, ct)),
            "locationList" => await TryAsync(o, "Location", () => LocationAsync(o, ct)),
            "legislativeTermList" => await TryAsync(o, "LegislativeTerm", () => TermAsync(o, ct)),
            "organization" => await TryAsync(o, "Organization", () => OrganizationAsync(o, ct)),
            "person" => await TryAsync(o, "Person", () => PersonAsync(o, ct)),
            "membership" => await TryAsync(o, "Membership", () => MembershipAsync(o, null, ct)),
            "meeting" => await TryAsync(o, "Meeting", () => MeetingAsync(o, ct)),
            "agendaItem" => await TryAsync(o, "AgendaItem", () => AgendaItemAsync(o, null, ct)),
            "paper" => await TryAsync(o, "Paper", () => PaperAsync(o, ct)),
            "consultation" => await TryAsync(o, "Consultation", () => ConsultationAsync(o, null, 0, ct)),
            "file" => await TryAsync(o, "File", () => FileAsync(o, null, null, null, null, ct)),
            _ => true,
        };
    }

    /// <summary>Runs one object's import; a malformed object becomes a problem with its id.</summary>
    private async Task<bool> TryAsync(JsonObject o, string type, Func<Task> import)
    {
        string id;
        try
        {
            id = Url(o, "id") ?? throw new MalformedObjectException(NoId);
        }
        catch (MalformedObjectException)
        {
            Problems.Add((Describe(o), NoId, null));
            return false;
        }

        var outer = _changing;
        try
        {
            if (TypeName(o) is { } actual && actual != type)
            {
                throw new MalformedObjectException(WrongType, type);
            }

            _changing = null;
            await import();
            return true;
        }
        catch (MalformedObjectException e)
        {
            if (_changing is { } changed && changed.ExternalId == id)
            {
                await db.Entry(changed).ReloadAsync(); // back to what is stored
            }

            Problems.Add((id, e.Message, e.Detail));
            return false;
        }
        finally
        {
            _changing = outer;
        }
    }

    // An object without id is named by what it has, so the office can still find it at the source.
    private static string Describe(JsonObject o)
    {
        var text = o.ToJsonString();
        return text.Length > 200 ? text[..200] + "…" : text;
    }

    /// <summary>The object with this OParl id, in this page's work or in the database.</summary>
    private async Task<T?> FindAsync<T>(string? externalId, CancellationToken ct) where T : CouncilObject
    {
        if (externalId is null)
        {
            return null;
        }

        return db.Set<T>().Local.FirstOrDefault(x => x.ExternalId == externalId)
            ?? await db.Set<T>().SingleOrDefaultAsync(x => x.ExternalId == externalId, ct);
    }

    private async Task<T> RequireAsync<T>(string externalId, CancellationToken ct) where T : CouncilObject =>
        await FindAsync<T>(externalId, ct) ?? throw new MalformedObjectException(UnknownReference, externalId);

    /// <summary>
    /// Finds the object for this OParl object, or makes a new one that is not yet tracked: it is added (<see cref="Keep"/>)
    /// only once all its fields were read, so a malformed object leaves nothing behind. A deleted one is only marked
    /// (OParl never drops objects).
    /// </summary>
    private async Task<(T? Entity, bool Stop)> UpsertAsync<T>(JsonObject o, Func<T> create, CancellationToken ct) where T : CouncilObject
    {
        var id = Url(o, "id")!;
        var entity = await FindAsync<T>(id, ct);
        if (Bool(o, "deleted") == true)
        {
            if (entity is not null)
            {
                entity.Deleted = true;
                entity.Modified = now;
            }

            return (entity, true);
        }

        if (entity is null)
        {
            entity = create();
            entity.ExternalId = id;
            entity.Created = Instant(o, "created") ?? now;
        }
        else
        {
            _changing = entity;
        }

        entity.Deleted = false;
        entity.Modified = now;
        return (entity, false);
    }

    /// <summary>Adds a new object once it is complete; a known one is tracked already.</summary>
    private T Keep<T>(T entity) where T : CouncilObject
    {
        if (db.Entry(entity).State == EntityState.Detached)
        {
            db.Add(entity);
        }

        return entity;
    }

    // The known object being updated, so a malformed update can be undone.
    private CouncilObject? _changing;

    private Body CurrentBody => body ?? throw new InvalidOperationException("A body list needs its body.");

    private async Task BodyAsync(JsonObject o, CancellationToken ct)
    {
        var (b, stop) = await UpsertAsync(o, () => new Body { Name = "" }, ct);
        if (stop)
        {
            return;
        }

        b!.Name = Text(o, "name", 200) ?? throw new MalformedObjectException(MissingField, "name");
        b.ShortName = Text(o, "shortName", 100);
        b.Website = Text(o, "website", 500);
        b.Ags = Text(o, "ags", 8);
        b.Rgs = Text(o, "rgs", 12);
        b.ContactEmail = Text(o, "contactEmail", 200)?.Replace("mailto:", "", StringComparison.OrdinalIgnoreCase);
        b.ContactName = Text(o, "contactName", 200);
        b.Classification = Text(o, "classification", 100);
        b.Location = EmbeddedOne(o, "location") is { } location ? await LocationAsync(location, ct) : null;
        b.LocationId = b.Location is null ? null : b.LocationId;
        Keep(b);

        // OParl 1.0 has no legislativeTermList: the terms come inside the body.
        foreach (var term in Embedded(o, "legislativeTerm"))
        {
            await TryAsync(term, "LegislativeTerm", () => TermAsync(term, ct, b));
        }
    }

    private async Task<Location?> LocationAsync(JsonObject o, CancellationToken ct)
    {
        var (l, stop) = await UpsertAsync(o, () => new Location { Description = "" }, ct);
        if (stop)
        {
            return null;
        }

        l!.StreetAddress = Text(o, "streetAddress", 200);
        l.Room = Text(o, "room", 200);
        l.PostalCode = Text(o, "postalCode", 10);
        l.Locality = Text(o, "locality", 100);
        l.Description = Text(o, "description", 500)
            ?? string.Join(", ", new[] { l.Room, l.StreetAddress, string.Join(' ', new[] { l.PostalCode, l.Locality }.Where(p => p is not null)) }.Where(p => !string.IsNullOrEmpty(p)));
        if (l.Description.Length == 0)
        {
            throw new MalformedObjectException(MissingField, "description");
        }

        return Keep(l);
    }

    private async Task TermAsync(JsonObject o, CancellationToken ct, Body? owner = null)
    {
        var (t, stop) = await UpsertAsync(o, () => new LegislativeTerm { Name = "" }, ct);
        if (stop)
        {
            return;
        }

        t!.Body = owner ?? CurrentBody;
        t.Name = Text(o, "name", 100) ?? throw new MalformedObjectException(MissingField, "name");
        t.StartDate = Date(o, "startDate") ?? throw new MalformedObjectException(MissingField, "startDate");
        t.EndDate = Date(o, "endDate") ?? DateOnly.MaxValue;
        Keep(t);
    }

    private async Task OrganizationAsync(JsonObject o, CancellationToken ct)
    {
        var (org, stop) = await UpsertAsync(o, () => new Organization { Name = "" }, ct);
        if (stop)
        {
            return;
        }

        org!.Body = CurrentBody;
        org.Name = Text(o, "name", 200) ?? throw new MalformedObjectException(MissingField, "name");
        org.ShortName = Text(o, "shortName", 50);
        org.Kind = KindOf(Text(o, "classification"), Text(o, "organizationType"));
        org.StartDate = Date(o, "startDate");
        org.EndDate = Date(o, "endDate");
        org.Website = Text(o, "website", 500);
        org.Location = EmbeddedOne(o, "location") is { } location ? await LocationAsync(location, ct)
            : Url(o, "location") is { } url ? await FindAsync<Location>(url, ct) : null;
        org.LocationId = org.Location is null ? null : org.LocationId; // a navigation set to null clears nothing unless loaded
        Keep(org);
    }

    /// <summary>The kind from the classification this application writes, else from the spec's organizationType.</summary>
    internal static OrganizationKind KindOf(string? classification, string? organizationType)
    {
        foreach (var kind in Enum.GetValues<OrganizationKind>())
        {
            if (string.Equals(classification, CouncilNames.Kind(kind), StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        var text = (classification + " " + organizationType).ToUpperInvariant();
        return text switch
        {
            _ when text.Contains("GRUPPE", StringComparison.Ordinal) => OrganizationKind.Group,
            _ when text.Contains("FRAKTION", StringComparison.Ordinal) || text.Contains("PARTEI", StringComparison.Ordinal) => OrganizationKind.Faction,
            _ when text.Contains("VERWALTUNGSAUSSCHUSS", StringComparison.Ordinal) || text.Contains("HAUPTAUSSCHUSS", StringComparison.Ordinal) => OrganizationKind.MainCommittee,
            _ when text.Contains("ORTSRAT", StringComparison.Ordinal) || text.Contains("BEZIRK", StringComparison.Ordinal) => OrganizationKind.LocalCouncil,
            _ when text.Trim() is "RAT" or "STADTRAT" or "GEMEINDERAT" or "KREISTAG" or "RAT GREMIUM" => OrganizationKind.Council,
            _ => OrganizationKind.Committee,
        };
    }

    private async Task PersonAsync(JsonObject o, CancellationToken ct)
    {
        var (p, stop) = await UpsertAsync(o, () => new Person { FamilyName = "", GivenName = "" }, ct);
        if (stop)
        {
            return;
        }

        p!.Body = CurrentBody;
        var name = Text(o, "name");
        p.FamilyName = Text(o, "familyName", 100) ?? name?.Split(' ')[^1] ?? throw new MalformedObjectException(MissingField, "familyName");
        p.GivenName = Text(o, "givenName", 100) ?? (name is not null && name.Contains(' ', StringComparison.Ordinal) ? name[..name.LastIndexOf(' ')] : "");
        p.FormOfAddress = Text(o, "formOfAddress", 20);
        p.Title = o["title"] is JsonArray titles ? string.Join(' ', titles.OfType<JsonValue>().Select(t => t.ToString())) is { Length: > 0 } joined ? joined[..Math.Min(joined.Length, 50)] : null : Text(o, "title", 50);
        p.Gender = Text(o, "gender", 20);
        Keep(p);
        foreach (var membership in Embedded(o, "membership"))
        {
            await TryAsync(membership, "Membership", () => MembershipAsync(membership, p, ct));
        }
    }

    private async Task MembershipAsync(JsonObject o, Person? person, CancellationToken ct)
    {
        var (m, stop) = await UpsertAsync(o, () => new Membership { Role = "" }, ct);
        if (stop)
        {
            return;
        }

        m!.Person = person ?? await RequireAsync<Person>(Url(o, "person") ?? throw new MalformedObjectException(MissingField, "person"), ct);
        m.Organization = await RequireAsync<Organization>(Url(o, "organization") ?? throw new MalformedObjectException(MissingField, "organization"), ct);
        m.Role = Text(o, "role", 100) ?? "Mitglied"; // data, as the source would have written it
        m.VotingRight = Bool(o, "votingRight") ?? true;
        m.StartDate = Date(o, "startDate") ?? throw new MalformedObjectException(MissingField, "startDate");
        m.EndDate = Date(o, "endDate");
        m.OnBehalfOf = Url(o, "onBehalfOf") is { } faction ? await RequireAsync<Organization>(faction, ct) : null;
        m.OnBehalfOfId = m.OnBehalfOf is null ? null : m.OnBehalfOfId;

        // OParl has no term on a membership; this model files it under the term its start falls in.
        var bodyId = m.Person.BodyId != 0 ? m.Person.BodyId : CurrentBody.Id;
        var terms = db.LegislativeTerms.Local.Where(t => !t.Deleted && (t.BodyId == bodyId || t.Body == m.Person.Body)).ToList();
        terms.AddRange(await db.LegislativeTerms.Where(t => t.BodyId == bodyId && !t.Deleted).ToListAsync(ct));
        m.LegislativeTerm = terms.Distinct().OrderBy(t => t.StartDate).LastOrDefault(t => t.Contains(m.StartDate))
            ?? throw new MalformedObjectException(NoTerm, m.StartDate.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture));
        Keep(m);
    }

    private async Task MeetingAsync(JsonObject o, CancellationToken ct)
    {
        var (m, stop) = await UpsertAsync(o, () => new Meeting { Name = "" }, ct);
        if (stop)
        {
            return;
        }

        if (m!.Id != 0)
        {
            await db.Entry(m).Collection(x => x.Organizations).LoadAsync(ct);
        }

        m.Name = Text(o, "name", 300) ?? throw new MalformedObjectException(MissingField, "name");
        m.Start = Instant(o, "start") ?? throw new MalformedObjectException(MissingField, "start");
        m.End = Instant(o, "end") ?? m.Start.AddHours(2); // the spec makes end optional; the model needs one
        if (m.End < m.Start)
        {
            throw new MalformedObjectException(InvalidField, "end");
        }

        m.Cancelled = Bool(o, "cancelled") ?? false;
        m.State = m.Cancelled ? MeetingState.Cancelled : StateOf(Text(o, "meetingState"), m.Start, now);
        m.Location = EmbeddedOne(o, "location") is { } location ? await LocationAsync(location, ct)
            : Url(o, "location") is { } url ? await FindAsync<Location>(url, ct) : null;
        m.LocationId = m.Location is null ? null : m.LocationId;
        var organizations = new List<Organization>();
        foreach (var organization in Urls(o, "organization"))
        {
            organizations.Add(await RequireAsync<Organization>(organization, ct));
        }

        m.Organizations.RemoveAll(x => !organizations.Contains(x));
        m.Organizations.AddRange(organizations.Where(x => !m.Organizations.Contains(x)));
        Keep(m);

        await EmbeddedFileAsync(o, "invitation", FileRole.Invitation, null, m, null, ct);
        await EmbeddedFileAsync(o, "resultsProtocol", FileRole.ResultsProtocol, null, m, null, ct);
        await EmbeddedFileAsync(o, "verbatimProtocol", FileRole.Auxiliary, null, m, null, ct);
        await EmbeddedFileAsync(o, "auxiliaryFile", FileRole.Auxiliary, null, m, null, ct);
        var order = 0;
        foreach (var item in Embedded(o, "agendaItem"))
        {
            var position = ++order;
            await TryAsync(item, "AgendaItem", () => AgendaItemAsync(item, m, ct, position));
        }
    }

    internal static MeetingState StateOf(string? state, DateTime start, DateTime now)
    {
        foreach (var s in Enum.GetValues<MeetingState>())
        {
            if (string.Equals(state, CouncilNames.State(s), StringComparison.OrdinalIgnoreCase))
            {
                return s;
            }
        }

        // Other systems write free text ("terminiert", "öffentlich bekannt gemacht" …): judged by the date.
        return start < now ? MeetingState.Held : MeetingState.Planned;
    }

    private async Task AgendaItemAsync(JsonObject o, Meeting? meeting, CancellationToken ct, int position = 0)
    {
        var (a, stop) = await UpsertAsync(o, () => new AgendaItem { Name = "", Number = "" }, ct);
        if (stop)
        {
            return;
        }

        a!.Meeting = meeting ?? await RequireAsync<Meeting>(Url(o, "meeting") ?? throw new MalformedObjectException(MissingField, "meeting"), ct);
        a.Number = Text(o, "number", 20) ?? "";
        a.Order = Int(o, "order") ?? (position > 0 ? position : a.Order);
        a.Name = Text(o, "name", 500) ?? throw new MalformedObjectException(MissingField, "name");
        a.Public = Bool(o, "public") ?? true;
        a.Result = Text(o, "result", 200);
        a.ResolutionText = Text(o, "resolutionText", 20000);
        Keep(a);
        await EmbeddedFileAsync(o, "resolutionFile", FileRole.Resolution, null, null, a, ct);
        await EmbeddedFileAsync(o, "auxiliaryFile", FileRole.Auxiliary, null, null, a, ct);
    }

    private async Task PaperAsync(JsonObject o, CancellationToken ct)
    {
        var (p, stop) = await UpsertAsync(o, () => new Paper { Name = "", Reference = "" }, ct);
        if (stop)
        {
            return;
        }

        if (p!.Id != 0)
        {
            await db.Entry(p).Collection(x => x.RelatedPapers).LoadAsync(ct);
        }

        var reference = Text(o, "reference", 20) ?? throw new MalformedObjectException(MissingField, "reference");
        if (db.Papers.Local.Any(x => x != p && x.Reference == reference) || await db.Papers.AnyAsync(x => x.Reference == reference && x.ExternalId != p.ExternalId, ct))
        {
            throw new MalformedObjectException(ReferenceTaken, reference);
        }

        p.Body = CurrentBody;
        p.Reference = reference;
        p.Name = Text(o, "name", 500) ?? throw new MalformedObjectException(MissingField, "name");
        p.Type = TypeOf(Text(o, "paperType"));
        p.Date = Date(o, "date") ?? DateOnly.FromDateTime(p.Created);
        p.OriginatorOrganization = Urls(o, "originatorOrganization") is [var first, ..] ? await FindAsync<Organization>(first, ct) : null;
        p.OriginatorOrganizationId = p.OriginatorOrganization is null ? null : p.OriginatorOrganizationId;
        foreach (var url in Urls(o, "relatedPaper"))
        {
            if (await FindAsync<Paper>(url, ct) is { } related && related != p)
            {
                if (related.Id != 0)
                {
                    await db.Entry(related).Collection(x => x.RelatedPapers).LoadAsync(ct);
                }

                if (p.RelatedPapers.Contains(related) || related.RelatedPapers.Contains(p))
                {
                    continue;
                }

                p.RelatedPapers.Add(related);
            }
        }

        Keep(p);
        await EmbeddedFileAsync(o, "mainFile", FileRole.MainFile, p, null, null, ct);
        await EmbeddedFileAsync(o, "auxiliaryFile", FileRole.Auxiliary, p, null, null, ct);
        var order = 0;
        foreach (var consultation in Embedded(o, "consultation"))
        {
            var position = ++order;
            await TryAsync(consultation, "Consultation", () => ConsultationAsync(consultation, p, position, ct));
        }
    }

    internal static PaperType TypeOf(string? type)
    {
        foreach (var t in Enum.GetValues<PaperType>())
        {
            if (string.Equals(type, CouncilNames.PaperType(t), StringComparison.OrdinalIgnoreCase))
            {
                return t;
            }
        }

        var text = type?.ToUpperInvariant() ?? "";
        return text.Contains("ANFRAGE", StringComparison.Ordinal) ? PaperType.Inquiry
            : text.Contains("ANTRAG", StringComparison.Ordinal) ? PaperType.Motion
            : text.Contains("MITTEILUNG", StringComparison.Ordinal) || text.Contains("INFORMATION", StringComparison.Ordinal) ? PaperType.Communication
            : PaperType.ResolutionProposal;
    }

    private async Task ConsultationAsync(JsonObject o, Paper? paper, int position, CancellationToken ct)
    {
        var (c, stop) = await UpsertAsync(o, () => new Consultation { Role = "" }, ct);
        if (stop)
        {
            return;
        }

        c!.Paper = paper ?? await RequireAsync<Paper>(Url(o, "paper") ?? throw new MalformedObjectException(MissingField, "paper"), ct);
        c.Meeting = Url(o, "meeting") is { } meeting ? await RequireAsync<Meeting>(meeting, ct) : null;
        var item = Url(o, "agendaItem") is { } agendaItem ? await RequireAsync<AgendaItem>(agendaItem, ct) : null;
        if (item is not null && (db.Consultations.Local.Any(x => x != c && x.AgendaItem == item) || await db.Consultations.AnyAsync(x => x.AgendaItemId == item.Id && item.Id != 0 && x.ExternalId != c.ExternalId, ct)))
        {
            item = null; // this model links an agenda item to one consultation; the first one keeps it
        }

        c.AgendaItem = item;
        c.AgendaItemId = item is null ? null : c.AgendaItemId;
        c.Meeting ??= item is null ? null : item.Meeting ?? await db.CouncilMeetings.SingleAsync(x => x.Id == item.MeetingId, ct);
        c.MeetingId = c.Meeting is null ? null : c.MeetingId;
        c.Organization = Urls(o, "organization") is [var first, ..] ? await RequireAsync<Organization>(first, ct)
            : c.Meeting is { } m ? (m.Organizations.FirstOrDefault() ?? await db.Entry(m).Collection(x => x.Organizations).Query().FirstOrDefaultAsync(ct))
            : null;
        if (c.Organization is null)
        {
            throw new MalformedObjectException(MissingField, "organization");
        }

        c.Role = Text(o, "role", 100) ?? "Beratung";
        c.Authoritative = Bool(o, "authoritative") ?? false;
        c.Order = position > 0 ? position : c.Order;
        c.Result = item?.Result;
        Keep(c);
    }

    private async Task EmbeddedFileAsync(JsonObject o, string field, FileRole role, Paper? paper, Meeting? meeting, AgendaItem? item, CancellationToken ct)
    {
        foreach (var file in o[field] is JsonArray ? Embedded(o, field) : EmbeddedOne(o, field) is { } one ? [one] : [])
        {
            await TryAsync(file, "File", () => FileAsync(file, role, paper, meeting, item, ct));
        }
    }

    private async Task FileAsync(JsonObject o, FileRole? role, Paper? paper, Meeting? meeting, AgendaItem? item, CancellationToken ct)
    {
        var id = Url(o, "id")!;
        var existing = await FindAsync<CouncilFile>(id, ct);
        if (paper is null && meeting is null && item is null)
        {
            // From the file list: the owner is named by back references (1.1), the first one counts.
            paper = Urls(o, "paper") is [var p, ..] ? await FindAsync<Paper>(p, ct) : null;
            meeting = paper is null && Urls(o, "meeting") is [var m, ..] ? await FindAsync<Meeting>(m, ct) : null;
            item = paper is null && meeting is null && Urls(o, "agendaItem") is [var a, ..] ? await FindAsync<AgendaItem>(a, ct) : null;
            if (paper is null && meeting is null && item is null && existing is null)
            {
                throw new MalformedObjectException(UnknownReference, Urls(o, "paper").Concat(Urls(o, "meeting")).Concat(Urls(o, "agendaItem")).FirstOrDefault() ?? "paper");
            }
        }

        var checksum = Text(o, "sha512Checksum");
        byte[]? content = null;
        if (Bool(o, "deleted") != true && (existing is null || (checksum is not null && checksum != existing.Sha512)))
        {
            var url = Url(o, "downloadUrl") ?? Url(o, "accessUrl") ?? throw new MalformedObjectException(MissingField, "accessUrl");
            content = await files.GetAsync(url, ct);
            if (checksum is not null && !string.Equals(checksum, Convert.ToHexStringLower(SHA512.HashData(content)), StringComparison.OrdinalIgnoreCase))
            {
                throw new MalformedObjectException(OParlFileDownload.ChecksumMismatch, url);
            }
        }

        var (f, stop) = await UpsertAsync(o, () => new CouncilFile { Name = "", FileName = "", MimeType = "", Sha256 = "", Sha512 = "", Content = [] }, ct);
        if (stop)
        {
            return;
        }

        if (content is not null)
        {
            var fresh = CouncilFile.From("", "", "", content, now);
            f!.Content = content;
            f.Size = fresh.Size;
            f.Sha256 = fresh.Sha256;
            f.Sha512 = fresh.Sha512;
        }

        var fromUrl = Path.GetFileName(new Uri(Url(o, "accessUrl") ?? id).AbsolutePath);
        f!.FileName = Text(o, "fileName", 255) ?? (fromUrl.Length > 0 ? fromUrl : "Datei");
        f.Name = Text(o, "name", 300) ?? f.FileName;
        f.MimeType = Text(o, "mimeType", 100) ?? "application/octet-stream";
        f.Date = Date(o, "date");
        f.Text = Text(o, "text");
        if (role is { } r)
        {
            f.Role = r;
        }

        if (paper is not null || meeting is not null || item is not null)
        {
            (f.Paper, f.Meeting, f.AgendaItem) = (paper, meeting, item);
            (f.PaperId, f.MeetingId, f.AgendaItemId) = (paper is null ? null : f.PaperId, meeting is null ? null : f.MeetingId, item is null ? null : f.AgendaItemId);
        }

        Keep(f);
    }
}
