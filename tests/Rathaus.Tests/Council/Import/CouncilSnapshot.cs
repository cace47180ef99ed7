using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Model;
using Rathaus.Data;

namespace Rathaus.Tests.Council.Import;

/// <summary>
/// What the public sees of a council, one line per object with its key fields and what it refers to by name (ids
/// differ between installations): the measure of "the same objects" after an import.
/// </summary>
internal sealed record CouncilSnapshot(
    List<string> Terms, List<string> Locations, List<string> Organizations, List<string> Persons, List<string> Memberships,
    List<string> Meetings, List<string> AgendaItems, List<string> Papers, List<string> Consultations, List<string> Files)
{
    private static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
    // OParl writes date-times to the second: a meeting another test created "now" comes back without its fraction.
    private static string T(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);

    public static async Task<CouncilSnapshot> OfAsync(RathausDb db)
    {
        var terms = await db.LegislativeTerms.Where(t => !t.Deleted).ToListAsync();
        var locations = await db.CouncilLocations.Where(l => !l.Deleted).ToListAsync();
        var organizations = await db.CouncilOrganizations.Include(o => o.Location).Where(o => !o.Deleted).ToListAsync();
        var persons = await db.CouncilPersons.Where(p => !p.Deleted).ToListAsync();
        var memberships = await db.CouncilMemberships.Include(m => m.Person).Include(m => m.Organization).Include(m => m.OnBehalfOf).Include(m => m.LegislativeTerm)
            .Where(m => !m.Deleted && !m.Person!.Deleted).ToListAsync();
        var meetings = await db.CouncilMeetings.Include(m => m.Location).Include(m => m.Organizations).Where(m => !m.Deleted).ToListAsync();
        var items = await db.AgendaItems.Include(a => a.Meeting).Where(a => !a.Deleted && a.Public && !a.Meeting!.Deleted).ToListAsync();
        var papers = await db.Papers.Include(p => p.OriginatorOrganization).Include(p => p.RelatedPapers).Where(p => !p.Deleted).ToListAsync();
        var related = papers.SelectMany(p => p.RelatedPapers.Where(r => !r.Deleted).SelectMany(r => new[] { (p.Reference, r.Reference), (r.Reference, p.Reference) })).Distinct().ToLookup(x => x.Item1, x => x.Item2);
        var consultations = await db.Consultations.Include(c => c.Paper).Include(c => c.Organization).Include(c => c.Meeting).Include(c => c.AgendaItem)
            .Where(c => !c.Deleted && !c.Paper!.Deleted).ToListAsync();
        var files = await db.CouncilFiles.Include(f => f.Paper).Include(f => f.Meeting).Include(f => f.AgendaItem)
            .Where(f => !f.Deleted && (f.AgendaItem == null || f.AgendaItem.Public))
            .Select(f => new { f.Name, f.FileName, f.MimeType, f.Sha256, f.Role, f.Date, Paper = f.Paper!.Reference, Meeting = f.Meeting!.Name, Item = f.AgendaItem!.Name })
            .ToListAsync();

        static List<string> Sorted(IEnumerable<string> lines) => lines.Order(StringComparer.Ordinal).ToList();
        return new CouncilSnapshot(
            Sorted(terms.Select(t => $"{t.Name}|{D(t.StartDate)}|{D(t.EndDate)}")),
            Sorted(locations.Select(l => $"{l.Description}|{l.Room}|{l.StreetAddress}|{l.PostalCode}|{l.Locality}")),
            Sorted(organizations.Select(o => $"{o.Name}|{o.ShortName}|{o.Kind}|{D(o.StartDate)}|{D(o.EndDate)}|{o.Location?.Description}")),
            Sorted(persons.Select(p => $"{p.Title}|{p.GivenName}|{p.FamilyName}|{p.FormOfAddress}|{p.Gender}")),
            Sorted(memberships.Select(m => $"{m.Person!.Name}|{m.Organization!.Name}|{m.Role}|{m.VotingRight}|{D(m.StartDate)}|{D(m.EndDate)}|{m.OnBehalfOf?.Name}|{m.LegislativeTerm!.Name}")),
            Sorted(meetings.Select(m => $"{m.Name}|{T(m.Start)}|{T(m.End)}|{m.State}|{m.Cancelled}|{m.Location?.Description}|{string.Join(",", m.Organizations.Select(o => o.Name).Order())}")),
            Sorted(items.Select(a => $"{a.Meeting!.Name}|{a.Number}|{a.Order}|{a.Name}|{a.Result}|{a.ResolutionText}")),
            Sorted(papers.Select(p => $"{p.Reference}|{p.Name}|{p.Type}|{D(p.Date)}|{p.OriginatorOrganization?.Name}|{string.Join(",", related[p.Reference].Order())}")),
            Sorted(consultations.Select(c => $"{c.Paper!.Reference}|{c.Organization!.Name}|{c.Role}|{c.Authoritative}|{c.Order}|{c.Meeting?.Name}|{(c.AgendaItem is { Public: true } a ? a.Number : "")}")),
            Sorted(files.Select(f => $"{f.Name}|{f.FileName}|{f.MimeType}|{f.Sha256}|{f.Role}|{D(f.Date)}|{f.Paper}|{f.Meeting}|{f.Item}")));
    }

    public void AssertSameAs(CouncilSnapshot expected)
    {
        Assert.Equal(expected.Terms, Terms);
        Assert.Equal(expected.Locations, Locations);
        Assert.Equal(expected.Organizations, Organizations);
        Assert.Equal(expected.Persons, Persons);
        Assert.Equal(expected.Memberships, Memberships);
        Assert.Equal(expected.Meetings, Meetings);
        Assert.Equal(expected.AgendaItems, AgendaItems);
        Assert.Equal(expected.Papers, Papers);
        Assert.Equal(expected.Consultations, Consultations);
        Assert.Equal(expected.Files, Files);
    }
}
