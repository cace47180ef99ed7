using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Model;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Council;

public abstract class CouncilDataTests(RathausApp app)
{
    [Fact]
    public async Task The_demo_council_has_two_terms_its_committees_and_factions_people_meetings_and_papers()
    {
        await using var db = app.Db();
        Assert.Equal("Hansestadt Lüneburg", (await db.CouncilBodies.SingleAsync()).Name);
        Assert.Equal(["Wahlperiode 2021–2026", "Wahlperiode 2026–2031"], await db.LegislativeTerms.OrderBy(t => t.StartDate).Select(t => t.Name).ToListAsync());
        var kinds = await db.CouncilOrganizations.GroupBy(o => o.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Assert.Equal(1, kinds[OrganizationKind.Council]);
        Assert.Equal(1, kinds[OrganizationKind.MainCommittee]);
        Assert.Equal(5, kinds[OrganizationKind.Committee]);
        Assert.Equal(4, kinds[OrganizationKind.Faction] + kinds[OrganizationKind.Group]);
        Assert.InRange(await db.CouncilPersons.CountAsync(), 35, 45);
        // Counted by the demo's names: other tests of the collection add meetings and papers of their own.
        Assert.InRange(await db.CouncilMeetings.CountAsync(m => EF.Functions.Like(m.Name, "Sitzung %")), 35, 45);
        Assert.InRange(await db.Papers.CountAsync(p => EF.Functions.Like(p.Reference, "____/____")), 190, 210);
        Assert.True(await db.Consultations.CountAsync() > 300);
        Assert.True(await db.AgendaItems.CountAsync(a => !a.Public) >= 5);
        Assert.True(await db.CouncilMeetings.CountAsync(m => m.Cancelled && m.State == MeetingState.Cancelled) >= 1);
        Assert.True(await db.CouncilMeetings.CountAsync(m => m.State == MeetingState.Held) >= 10);

        // Every membership lies inside its term, every meeting ends after it starts.
        var terms = await db.LegislativeTerms.ToDictionaryAsync(t => t.Id);
        foreach (var membership in await db.CouncilMemberships.ToListAsync())
        {
            Assert.Empty(CouncilRules.CheckMembership(membership.StartDate, membership.EndDate, terms[membership.LegislativeTermId]));
        }

        foreach (var meeting in await db.CouncilMeetings.ToListAsync())
        {
            Assert.Empty(CouncilRules.CheckMeeting(meeting.Start, meeting.End));
        }

        // The files are PDFs whose stored checksum is that of their content.
        var file = await db.CouncilFiles.OrderBy(f => f.Id).FirstAsync();
        Assert.Equal("application/pdf", file.MimeType);
        Assert.Equal(file.Size, file.Content.LongLength);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file.Content)), file.Sha256);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(file.Content, 0, 5));
    }

    [Fact]
    public async Task The_database_refuses_a_paper_reference_used_twice()
    {
        await using var db = app.Db();
        var existing = await db.Papers.OrderBy(p => p.Id).FirstAsync();
        db.Papers.Add(new Paper { BodyId = existing.BodyId, Reference = existing.Reference, Name = "Doppelt", Date = existing.Date });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Changing_a_meetings_time_place_or_state_raises_its_sequence_and_other_changes_do_not()
    {
        await using var db = app.Db();
        var meeting = await db.CouncilMeetings.OrderByDescending(m => m.Start).FirstAsync(m => !m.Cancelled);
        var sequence = meeting.Sequence;

        meeting.Name += " (geändert)";
        await db.SaveChangesAsync();
        Assert.Equal(sequence, meeting.Sequence);

        meeting.Start = meeting.Start.AddHours(1);
        meeting.End = meeting.End.AddHours(1);
        await db.SaveChangesAsync();
        Assert.Equal(sequence + 1, meeting.Sequence);

        meeting.State = MeetingState.Cancelled;
        meeting.Cancelled = true;
        await db.SaveChangesAsync();

        await using var fresh = app.Db();
        Assert.Equal(sequence + 2, (await fresh.CouncilMeetings.SingleAsync(m => m.Id == meeting.Id)).Sequence);
    }
}

[Collection(nameof(SqliteApp))]
public sealed class CouncilDataTests_Sqlite(SqliteApp app) : CouncilDataTests(app);

[Collection(nameof(PostgresApp))]
public sealed class CouncilDataTests_Postgres(PostgresApp app) : CouncilDataTests(app);
