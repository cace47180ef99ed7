using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Council.Resolutions;
using Rathaus.Tests.Concerns.Deadlines;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Council.Resolutions;

/// <summary>Overdue resolutions: marked in the unit's list, and the unit's lead is told once, also with two nodes.</summary>
public abstract class OverdueResolutionTests(DeadlineApp app)
{
    private const string LeadMailbox = "strassen.leitung@rathaus-lueneburg.example"; // Leitung Straßenunterhaltung (7.1)

    [Fact]
    public async Task An_overdue_resolution_is_marked_and_its_units_lead_is_told_once()
    {
        app.Clock.UtcNow = new DateTime(2028, 3, 6, 9, 0, 0, DateTimeKind.Utc);
        HeldMeeting meeting;
        await using (var db = app.Db())
        {
            meeting = await ResolutionFixtures.HeldMeetingAsync(db, new DateTime(2027, 10, 5, 16, 0, 0, DateTimeKind.Utc));
            var streets = await ResolutionFixtures.UnitIdAsync(db, "7.1");
            await db.AgendaItems.Where(a => a.Id == meeting.PublicItemId || a.Id == meeting.SecretItemId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.ResolutionText, "Beschlossen."));
            var now = app.Clock.UtcNow;
            db.ResolutionTrackings.AddRange(
                new ResolutionTracking { AgendaItemId = meeting.PublicItemId, OrgUnitId = streets, Status = ResolutionStatus.InProgress, TargetDate = new DateOnly(2028, 3, 1), Created = now, Modified = now },
                new ResolutionTracking { AgendaItemId = meeting.SecretItemId, OrgUnitId = streets, Status = ResolutionStatus.Implemented, TargetDate = new DateOnly(2028, 2, 1), Created = now, Modified = now });
            await db.SaveChangesAsync();
        }

        // The unit's list marks the unfinished one; the finished one is not overdue.
        using (var worker = await app.LoggedInAsync(DemoAccounts.CaseWorker))
        {
            var rows = (await worker.GetPageAsync("/intern/beschluesse?ansicht=alle")).QuerySelectorAll("#beschluesse tbody tr");
            Assert.Contains("Überfällig", rows.Single(r => r.TextContent.Contains(meeting.PublicName)).TextContent);
            Assert.DoesNotContain("Überfällig", rows.Single(r => r.TextContent.Contains(meeting.SecretName)).TextContent);
        }

        // The job runs on this node, again, and on a second node: one mail to the lead.
        await app.RunAsync<OverdueResolutions>(job => job.RunAsync());
        await app.RunAsync<OverdueResolutions>(job => job.RunAsync());
        await using (var second = app.SecondNode())
        {
            await using var scope = second.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<OverdueResolutions>().RunAsync();
        }

        await using (var db = app.Db())
        {
            var mails = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "Resolution.Overdue").ToListAsync();
            var ours = mails.Where(m => m.TextBody.Contains(meeting.PublicName)).ToList();
            var toLead = Assert.Single(ours, m => m.To == LeadMailbox);
            Assert.Contains("umsetzen bis 01.03.2028", toLead.TextBody);
            Assert.DoesNotContain(mails, m => m.TextBody.Contains(meeting.SecretName));
            Assert.Equal(new DateOnly(2028, 3, 1), (await db.ResolutionTrackings.SingleAsync(r => r.AgendaItemId == meeting.PublicItemId)).OverdueNotifiedFor);

            // A new target date that passes again is reported again, once.
            await db.ResolutionTrackings.Where(r => r.AgendaItemId == meeting.PublicItemId).ExecuteUpdateAsync(s => s.SetProperty(r => r.TargetDate, new DateOnly(2028, 3, 3)));
        }

        await app.RunAsync<OverdueResolutions>(job => job.RunAsync());
        await app.RunAsync<OverdueResolutions>(job => job.RunAsync());
        await using (var db = app.Db())
        {
            var ours = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "Resolution.Overdue" && m.TextBody.Contains(meeting.PublicName)).ToListAsync();
            Assert.Equal(2, ours.Count(m => m.To == LeadMailbox));
        }
    }
}

[Collection(nameof(SqliteDeadlineApp))]
public sealed class OverdueResolutionTests_Sqlite(SqliteDeadlineApp app) : OverdueResolutionTests(app);

[Collection(nameof(PostgresDeadlineApp))]
public sealed class OverdueResolutionTests_Postgres(PostgresDeadlineApp app) : OverdueResolutionTests(app);
