using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Model;
using Rathaus.Data;

namespace Rathaus.Tests.Council.Resolutions;

/// <summary>A held committee meeting of its own for a test: a public item treating a new paper, and a non-public item.</summary>
internal sealed record HeldMeeting(int MeetingId, int OrganizationId, int PublicItemId, string PublicName, int SecretItemId, string SecretName, int PaperId, string PaperReference);

internal static class ResolutionFixtures
{
    public static async Task<HeldMeeting> HeldMeetingAsync(RathausDb db, DateTime start)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var committee = await db.CouncilOrganizations.FirstAsync(o => o.Kind == OrganizationKind.Committee);
        var body = await db.CouncilBodies.FirstAsync();
        var location = await db.CouncilLocations.FirstAsync();
        var now = DateTime.UtcNow;
        var meeting = new Meeting { Name = "Sitzung Beschlusskontrolle " + tag, Start = start, End = start.AddHours(2), Location = location, State = MeetingState.Held, Organizations = [committee] };
        meeting.Stamp(now);
        var paper = new Paper { Body = body, Reference = "T" + tag[..6], Name = "Radweg Testallee " + tag, Type = PaperType.ResolutionProposal, Date = DateOnly.FromDateTime(start).AddDays(-14) };
        paper.Stamp(now);
        var open = new AgendaItem { Meeting = meeting, Number = "Ö 2", Order = 2, Name = "Radweg an der Testallee " + tag, Public = true };
        var secret = new AgendaItem { Meeting = meeting, Number = "N 1", Order = 3, Name = "Grundstücksankauf vertraulich " + tag, Public = false };
        open.Stamp(now);
        secret.Stamp(now);
        var consultation = new Consultation { Paper = paper, Meeting = meeting, AgendaItem = open, Organization = committee, Role = "Entscheidung", Authoritative = true, Order = 1 };
        consultation.Stamp(now);
        db.AddRange(meeting, paper, open, secret, consultation);
        await db.SaveChangesAsync();
        return new HeldMeeting(meeting.Id, committee.Id, open.Id, open.Name, secret.Id, secret.Name, paper.Id, paper.Reference);
    }

    public static async Task<int> UnitIdAsync(RathausDb db, string code) => await db.OrgUnits.Where(u => u.Code == code).Select(u => u.Id).SingleAsync();
}
