using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Post;
using Rathaus.Tests.Concerns.Deadlines;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Post;

public abstract class PostFollowUpTests(DeadlineApp app)
{
    [Fact]
    public async Task A_letter_set_for_follow_up_comes_back_on_top_of_the_tray_and_its_position_is_told_once()
    {
        app.Clock.UtcNow = new DateTime(2027, 9, 6, 8, 0, 0, DateTimeKind.Utc); // Monday
        await using var db = app.Db();
        var unit = await db.OrgUnits.SingleAsync(u => u.Code == "7.1");
        var position = await db.Positions.SingleAsync(p => p.Mailbox.StartsWith("strassen@"));
        var subject = "Gutachten Brückenprüfung " + Guid.NewGuid();
        RegisteredPost letter;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            letter = await scope.ServiceProvider.GetRequiredService<PostBook>().RegisterAsync(
                new PostRegistration(Guid.NewGuid(), unit.SiteId!.Value, PostKind.OfficialDocument, "Ingenieurbüro Nord", null, subject, unit.Id, position.Id, 12, null, null, null, null),
                t => t, CancellationToken.None);
        }

        using var worker = await app.LoggedInAsync("l.hoppe");
        var past = await worker.SubmitAsync("/intern/posteingang", new() { ["FollowUpOn"] = "2027-09-01" }, button: $"Wiedervorlage von Nr. {letter.Number} speichern");
        Assert.Contains("Das Datum der Wiedervorlage darf nicht in der Vergangenheit liegen.", (await worker.FollowAsync(past)).QuerySelector("main")!.TextContent);
        var saved = await worker.SubmitAsync("/intern/posteingang", new() { ["FollowUpOn"] = "2027-09-08" }, button: $"Wiedervorlage von Nr. {letter.Number} speichern");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Null((await worker.GetPageAsync("/intern/posteingang")).QuerySelector("#wiedervorlage"));

        // Wednesday morning: the letter is due.
        app.Clock.UtcNow = new DateTime(2027, 9, 8, 4, 30, 0, DateTimeKind.Utc);
        await app.RunAsync<PostFollowUps>(job => job.RunAsync());
        await app.RunAsync<PostFollowUps>(job => job.RunAsync());

        using var nextDay = await app.LoggedInAsync("l.hoppe"); // yesterday's session has expired
        var tray = await nextDay.GetPageAsync("/intern/posteingang");
        Assert.Contains(subject, tray.QuerySelector("main section[aria-labelledby=wiedervorlage]")!.TextContent);
        var mail = Assert.Single(await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "Post.FollowUp" && m.TextBody.Contains(letter.Number)).ToListAsync());
        Assert.Equal(position.Mailbox, mail.To);
        Assert.Equal($"Wiedervorlage heute: Brief Nr. {letter.Number}", mail.Subject);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "PostItem.FollowUpSet" && a.EntityKey == letter.Number));
    }
}

[Collection(nameof(SqliteDeadlineApp))]
public sealed class PostFollowUpTests_Sqlite(SqliteDeadlineApp app) : PostFollowUpTests(app);

[Collection(nameof(PostgresDeadlineApp))]
public sealed class PostFollowUpTests_PostgreSql(PostgresDeadlineApp app) : PostFollowUpTests(app);
