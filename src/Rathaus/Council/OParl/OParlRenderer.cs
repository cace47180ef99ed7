using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Model;
using Rathaus.Data;
using static Rathaus.Council.OParl.OParlJson;

namespace Rathaus.Council.OParl;

/// <summary>File metadata without the content, which lists never need.</summary>
internal sealed record FileMeta(int Id, string Name, string FileName, string MimeType, long Size, string Sha512, string? Text, DateOnly? Date,
    FileRole Role, int? PaperId, int? MeetingId, int? AgendaItemId, DateTime Created, DateTime Modified, bool Deleted);

/// <summary>
/// Turns council objects into OParl 1.1 JSON, field by field as the schema names them. Loads what a page of objects
/// embeds in a few queries. Non-public agenda items and their files are never loaded here.
/// </summary>
internal sealed class OParlRenderer(RathausDb db, OParlUrls urls, bool omitInternal = false)
{
    public static readonly System.Linq.Expressions.Expression<Func<CouncilFile, bool>> PublicFile = f => f.AgendaItem == null || f.AgendaItem.Public;

    /// <summary>What is left of a deleted object (spec 2.8): id, type, created, modified and deleted.</summary>
    public JsonObject Deleted(string type, string path, CouncilObject o) =>
        Object(type, urls.Of(path, o.Id), ("created", DateTime(o.Created)), ("modified", DateTime(o.Modified)), ("deleted", true));

    private static (string, JsonNode?)[] Stamps(CouncilObject o) =>
        [("created", DateTime(o.Created)), ("modified", DateTime(o.Modified)), ("deleted", o.Deleted)];

    public JsonObject System(Body? body) => Object("System", urls.System,
        ("oparlVersion", Schema),
        ("otherOparlVersions", new JsonArray()),
        ("body", urls.Bodies),
        ("name", "Ratsinformationssystem der Hansestadt Lüneburg"),
        ("contactEmail", Text(body?.ContactEmail)),
        ("contactName", Text(body?.ContactName)),
        ("website", Text(body?.Website)),
        ("product", "https://github.com/rathaus/rathaus"),
        ("web", urls.Web("/rat")));

    public async Task<JsonArray> BodiesAsync(List<Body> bodies)
    {
        var ids = bodies.Select(b => b.Id).ToList();
        var terms = (await db.LegislativeTerms.Where(t => ids.Contains(t.BodyId) && !t.Deleted).OrderBy(t => t.StartDate).ToListAsync()).ToLookup(t => t.BodyId);
        var councils = await db.CouncilOrganizations.Where(o => ids.Contains(o.BodyId) && o.Kind == OrganizationKind.Council && !o.Deleted)
            .Select(o => new { o.BodyId, o.Id }).ToListAsync();
        return Array(bodies.Select(b => b.Deleted ? Deleted("Body", "body", b) : (JsonNode)Object("Body", urls.Body(b.Id),
            ("system", urls.System),
            ("shortName", Text(b.ShortName)),
            ("name", b.Name),
            ("website", Text(b.Website)),
            ("ags", Text(b.Ags)),
            ("rgs", Text(b.Rgs)),
            ("contactEmail", Text(b.ContactEmail)),
            ("contactName", Text(b.ContactName)),
            ("organization", urls.BodyList(b.Id, "organization")),
            ("person", urls.BodyList(b.Id, "person")),
            ("meeting", urls.BodyList(b.Id, "meeting")),
            ("paper", urls.BodyList(b.Id, "paper")),
            ("legislativeTerm", omitInternal ? null : Array(terms[b.Id].Select(LegislativeTerm))),
            ("agendaItem", urls.BodyList(b.Id, "agendaItem")),
            ("consultation", urls.BodyList(b.Id, "consultation")),
            ("file", urls.BodyList(b.Id, "file")),
            ("locationList", urls.BodyList(b.Id, "locationList")),
            ("legislativeTermList", urls.BodyList(b.Id, "legislativeTermList")),
            ("membership", urls.BodyList(b.Id, "membership")),
            ("classification", Text(b.Classification)),
            ("location", b.Location is { Deleted: false } l ? Location(l) : null),
            ("mainOrganization", councils.FirstOrDefault(c => c.BodyId == b.Id) is { } council ? urls.Of("organization", council.Id) : null),
            ("web", urls.Web("/rat")),
            ("created", DateTime(b.Created)), ("modified", DateTime(b.Modified)), ("deleted", false))));
    }

    public JsonObject LegislativeTerm(LegislativeTerm t) => t.Deleted ? Deleted("LegislativeTerm", "legislativeTerm", t) : Object("LegislativeTerm", urls.Of("legislativeTerm", t.Id),
        [("body", urls.Body(t.BodyId)), ("name", t.Name), ("startDate", Date(t.StartDate)), ("endDate", Date(t.EndDate)), .. Stamps(t)]);

    public JsonObject Location(Location l) => l.Deleted ? Deleted("Location", "location", l) : Object("Location", urls.Of("location", l.Id),
        [("description", l.Description), ("streetAddress", Text(l.StreetAddress)), ("room", Text(l.Room)), ("postalCode", Text(l.PostalCode)), ("locality", Text(l.Locality)), .. Stamps(l)]);

    public async Task<JsonArray> OrganizationsAsync(List<Organization> organizations)
    {
        var ids = organizations.Select(o => o.Id).ToList();
        var memberships = (await db.CouncilMemberships.Where(m => ids.Contains(m.OrganizationId) && !m.Deleted).OrderBy(m => m.Id)
            .Select(m => new { m.OrganizationId, m.Id }).ToListAsync()).ToLookup(m => m.OrganizationId, m => urls.Of("membership", m.Id));
        return Array(organizations.Select(o => o.Deleted ? Deleted("Organization", "organization", o) : (JsonNode)Object("Organization", urls.Of("organization", o.Id),
        [
            ("body", urls.Body(o.BodyId)),
            ("name", o.Name),
            ("membership", Urls(memberships[o.Id])),
            ("meeting", urls.Of("organization", o.Id) + "/meeting"),
            ("consultation", urls.Of("organization", o.Id) + "/consultation"),
            ("shortName", Text(o.ShortName)),
            ("organizationType", o.IsCommittee ? "Gremium" : "Fraktion"),
            ("classification", CouncilNames.Kind(o.Kind)),
            ("startDate", Date(o.StartDate)),
            ("endDate", Date(o.EndDate)),
            ("website", Text(o.Website)),
            ("location", o.Location is { Deleted: false } l ? Location(l) : null),
            ("web", urls.Web($"/rat/gremien/{o.Id}")),
            .. Stamps(o),
        ])));
    }

    public JsonObject Membership(Membership m, bool embeddedInPerson = false) => m.Deleted ? Deleted("Membership", "membership", m) : Object("Membership", urls.Of("membership", m.Id),
    [
        ("person", embeddedInPerson ? null : urls.Of("person", m.PersonId)),
        ("organization", urls.Of("organization", m.OrganizationId)),
        ("role", m.Role),
        ("votingRight", m.VotingRight),
        ("startDate", Date(m.StartDate)),
        ("endDate", Date(m.EndDate)),
        ("onBehalfOf", m.OnBehalfOfId is int f ? urls.Of("organization", f) : null),
        .. Stamps(m),
    ]);

    public JsonArray Persons(List<Person> persons) => Array(persons.Select(p => p.Deleted ? Deleted("Person", "person", p) : (JsonNode)Object("Person", urls.Of("person", p.Id),
    [
        ("body", urls.Body(p.BodyId)),
        ("name", p.Name),
        ("familyName", p.FamilyName),
        ("givenName", p.GivenName),
        ("formOfAddress", Text(p.FormOfAddress)),
        ("title", p.Title is { Length: > 0 } title ? Urls([title]) : null),
        ("gender", Text(p.Gender)),
        ("membership", omitInternal ? null : Array(p.Memberships.Where(m => !m.Deleted).OrderBy(m => m.StartDate).ThenBy(m => m.Id).Select(m => Membership(m, embeddedInPerson: true)))),
        ("web", urls.Web($"/rat/personen/{p.Id}")),
        .. Stamps(p),
    ])));

    public static IQueryable<FileMeta> FileMetas(IQueryable<CouncilFile> files) => files.Where(PublicFile).OrderBy(f => f.Id).Select(f => new FileMeta(
        f.Id, f.Name, f.FileName, f.MimeType, f.Size, f.Sha512, f.Text, f.Date, f.Role, f.PaperId, f.MeetingId, f.AgendaItemId, f.Created, f.Modified, f.Deleted));

    public JsonObject File(FileMeta f) => f.Deleted
        ? Object("File", urls.Of("file", f.Id), ("accessUrl", urls.FileAccess(f.Id)), ("created", DateTime(f.Created)), ("modified", DateTime(f.Modified)), ("deleted", true))
        : Object("File", urls.Of("file", f.Id),
        [
            ("name", f.Name),
            ("fileName", f.FileName),
            ("mimeType", f.MimeType),
            ("date", Date(f.Date)),
            ("size", f.Size),
            ("sha512Checksum", f.Sha512),
            ("text", Text(f.Text)),
            ("accessUrl", urls.FileAccess(f.Id)),
            ("downloadUrl", urls.FileDownload(f.Id)),
            ("meeting", f.MeetingId is int m ? Urls([urls.Of("meeting", m)]) : null),
            ("agendaItem", f.AgendaItemId is int a ? Urls([urls.Of("agendaItem", a)]) : null),
            ("paper", f.PaperId is int p ? Urls([urls.Of("paper", p)]) : null),
            ("created", DateTime(f.Created)), ("modified", DateTime(f.Modified)), ("deleted", false),
        ]);

    public async Task<JsonArray> MeetingsAsync(List<Meeting> meetings)
    {
        var ids = meetings.Select(m => m.Id).ToList();
        var itemIds = meetings.SelectMany(m => m.AgendaItems).Select(a => a.Id).ToList();
        var files = await FileMetas(db.CouncilFiles.Where(f => !f.Deleted && ((f.MeetingId != null && ids.Contains(f.MeetingId.Value)) || (f.AgendaItemId != null && itemIds.Contains(f.AgendaItemId.Value)))))
            .ToListAsync();
        var byMeeting = files.Where(f => f.MeetingId is not null).ToLookup(f => f.MeetingId!.Value);
        var byItem = files.Where(f => f.AgendaItemId is not null).ToLookup(f => f.AgendaItemId!.Value);
        var implementations = omitInternal ? [] : await OParlImplementation.ForItemsAsync(db, urls, meetings.SelectMany(m => m.AgendaItems).Where(a => a.Public).Select(a => a.Id).ToList());
        return Array(meetings.Select(m => m.Deleted ? Deleted("Meeting", "meeting", m) : (JsonNode)Object("Meeting", urls.Of("meeting", m.Id),
        [
            ("name", m.Name),
            ("meetingState", CouncilNames.State(m.State)),
            ("cancelled", m.Cancelled),
            ("start", DateTime(m.Start)),
            ("end", DateTime(m.End)),
            ("location", m.Location is { Deleted: false } l ? Location(l) : null),
            ("organization", Urls(m.Organizations.OrderBy(o => o.Id).Select(o => urls.Of("organization", o.Id)))),
            ("invitation", byMeeting[m.Id].FirstOrDefault(f => f.Role == FileRole.Invitation) is { } invitation ? File(invitation) : null),
            ("resultsProtocol", byMeeting[m.Id].FirstOrDefault(f => f.Role == FileRole.ResultsProtocol) is { } protocol ? File(protocol) : null),
            ("auxiliaryFile", omitInternal ? null : Array(byMeeting[m.Id].Where(f => f.Role == FileRole.Auxiliary).Select(File))),
            ("agendaItem", omitInternal ? null : Array(m.AgendaItems.Where(a => a.Public && !a.Deleted).OrderBy(a => a.Order).Select(a => AgendaItem(a, byItem[a.Id], implementations.GetValueOrDefault(a.Id), embedded: true)))),
            ("web", urls.Web($"/rat/sitzungen/{m.Id}")),
            .. Stamps(m),
        ])));
    }

    public async Task<JsonArray> AgendaItemsAsync(List<AgendaItem> items)
    {
        var ids = items.Select(a => a.Id).ToList();
        var files = (await FileMetas(db.CouncilFiles.Where(f => !f.Deleted && f.AgendaItemId != null && ids.Contains(f.AgendaItemId.Value))).ToListAsync())
            .ToLookup(f => f.AgendaItemId!.Value);
        var implementations = await OParlImplementation.ForItemsAsync(db, urls, items.Where(a => a.Public).Select(a => a.Id).ToList());
        return Array(items.Select(a => (JsonNode)AgendaItem(a, files[a.Id], implementations.GetValueOrDefault(a.Id), embedded: false)));
    }

    /// <param name="implementation">The vendor extension <c>rathaus:implementation</c>, when the item's resolution is tracked.</param>
    private JsonObject AgendaItem(AgendaItem a, IEnumerable<FileMeta> files, JsonObject? implementation, bool embedded) => a.Deleted ? Deleted("AgendaItem", "agendaItem", a) : Object("AgendaItem", urls.Of("agendaItem", a.Id),
    [
        ("meeting", embedded ? null : urls.Of("meeting", a.MeetingId)),
        ("number", a.Number),
        ("order", a.Order),
        ("name", a.Name),
        ("public", a.Public),
        ("consultation", a.Consultation is { Deleted: false } c ? urls.Of("consultation", c.Id) : null),
        ("result", Text(a.Result)),
        ("resolutionText", Text(a.ResolutionText)),
        ("resolutionFile", files.FirstOrDefault(f => f.Role == FileRole.Resolution) is { } resolution ? File(resolution) : null),
        ("auxiliaryFile", omitInternal ? null : Array(files.Where(f => f.Role != FileRole.Resolution).Select(File))),
        ("web", urls.Web($"/rat/sitzungen/{a.MeetingId}#top-{a.Id}")),
        .. Stamps(a),
        (OParlImplementation.Property, a.Public ? implementation : null),
    ]);

    public async Task<JsonArray> PapersAsync(List<Paper> papers)
    {
        var ids = papers.Select(p => p.Id).ToList();
        var files = (await FileMetas(db.CouncilFiles.Where(f => !f.Deleted && f.PaperId != null && ids.Contains(f.PaperId.Value))).ToListAsync())
            .ToLookup(f => f.PaperId!.Value);

        // Only resolutions on public agenda items: a non-public one does not exist for the interface.
        var implementations = await OParlImplementation.ForItemsAsync(db, urls, papers.SelectMany(p => p.Consultations)
            .Where(c => !c.Deleted && c.AgendaItem is { Public: true, Deleted: false }).Select(c => c.AgendaItemId!.Value).ToList());
        JsonArray? ImplementationsOf(Paper p)
        {
            var found = p.Consultations.Where(c => !c.Deleted && c.AgendaItemId is int a && implementations.ContainsKey(a) && c.AgendaItem is { Public: true, Deleted: false })
                .OrderBy(c => c.Order).Select(c => (JsonNode)implementations[c.AgendaItemId!.Value]).ToList();
            return found.Count == 0 ? null : Array(found);
        }

        // A relation is stored once and published on both papers.
        var pairs = await db.Set<Dictionary<string, object>>("CouncilPaperRelations")
            .Where(r => ids.Contains(EF.Property<int>(r, "PaperId")) || ids.Contains(EF.Property<int>(r, "RelatedPaperId")))
            .Select(r => new { From = EF.Property<int>(r, "PaperId"), To = EF.Property<int>(r, "RelatedPaperId") }).ToListAsync();
        var others = pairs.SelectMany(r => new[] { r.From, r.To }).Distinct().ToList();
        var gone = await db.Papers.Where(p => others.Contains(p.Id) && p.Deleted).Select(p => p.Id).ToListAsync();
        var related = pairs.SelectMany(r => new[] { (r.From, r.To), (From: r.To, To: r.From) }).Where(r => !gone.Contains(r.To)).Distinct().ToLookup(r => r.From, r => r.To);
        return Array(papers.Select(p => p.Deleted ? Deleted("Paper", "paper", p) : (JsonNode)Object("Paper", urls.Of("paper", p.Id),
        [
            ("body", urls.Body(p.BodyId)),
            ("name", p.Name),
            ("reference", p.Reference),
            ("date", Date(p.Date)),
            ("paperType", CouncilNames.PaperType(p.Type)),
            ("relatedPaper", related[p.Id].Any() ? Urls(related[p.Id].Order().Select(r => urls.Of("paper", r))) : null),
            ("mainFile", files[p.Id].FirstOrDefault(f => f.Role == FileRole.MainFile) is { } main ? File(main) : null),
            ("auxiliaryFile", omitInternal ? null : Array(files[p.Id].Where(f => f.Role != FileRole.MainFile).Select(File))),
            ("originatorOrganization", p.OriginatorOrganizationId is int o ? Urls([urls.Of("organization", o)]) : null),
            ("consultation", Array(p.Consultations.Where(c => !c.Deleted).OrderBy(c => c.Order).Select(c => Consultation(c, embeddedInPaper: true)))),
            ("web", urls.Web($"/rat/vorlagen/{p.Id}")),
            .. Stamps(p),
            (OParlImplementation.Property, ImplementationsOf(p)),
        ])));
    }

    /// <summary>The link to a non-public agenda item is left out: the item does not exist for the public.</summary>
    public JsonObject Consultation(Consultation c, bool embeddedInPaper = false) => c.Deleted ? Deleted("Consultation", "consultation", c) : Object("Consultation", urls.Of("consultation", c.Id),
    [
        ("paper", embeddedInPaper ? null : urls.Of("paper", c.PaperId)),
        ("agendaItem", c.AgendaItemId is int a && c.AgendaItem is { Public: true } ? urls.Of("agendaItem", a) : null),
        ("meeting", c.MeetingId is int m ? urls.Of("meeting", m) : null),
        ("organization", Urls([urls.Of("organization", c.OrganizationId)])),
        ("authoritative", c.Authoritative),
        ("role", c.Role),
        .. Stamps(c),
    ]);
}
