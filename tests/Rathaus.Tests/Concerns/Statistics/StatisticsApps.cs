using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Model;
using Rathaus.Data;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Concerns.Statistics;

/// <summary>Installations of their own: the statistics count every concern, so other tests' concerns would disturb them.</summary>
public sealed class StatisticsSqliteApp() : RathausApp(DatabaseProvider.Sqlite);

public sealed class StatisticsPostgresApp() : RathausApp(DatabaseProvider.PostgreSql);

[CollectionDefinition(nameof(StatisticsSqliteApp))]
public sealed class StatisticsSqliteCollection : ICollectionFixture<StatisticsSqliteApp>;

[CollectionDefinition(nameof(StatisticsPostgresApp))]
public sealed class StatisticsPostgresCollection : ICollectionFixture<StatisticsPostgresApp>;

/// <summary>A concern as it ends up in the statistics: submitted through the intake, then moved into a past year.</summary>
public sealed record PastConcern(
    ConcernKind Kind,
    string? CategoryCode,
    string? District,
    Channel Channel,
    DateTime ReceivedAt,
    double? ReplyAfterDays = null,
    double? ClosedAfterDays = null,
    double? DueAfterDays = null,
    ConcernStatus Status = ConcernStatus.Received);

internal static class PastConcerns
{
    public static async Task<long> SubmitAsync(RathausApp app, PastConcern c, string description, long? mergedInto = null)
    {
        await using var db = app.Db();
        int? categoryId = c.CategoryCode is null ? null : await db.Categories.Where(x => x.Code == c.CategoryCode).Select(x => x.Id).SingleAsync();
        long id;
        using (var scope = app.Services.CreateScope())
        {
            var intake = scope.ServiceProvider.GetRequiredService<ConcernIntake>();
            var submitted = await intake.SubmitAsync(
                new ConcernSubmission(Guid.NewGuid(), c.Kind, categoryId, description, "Am Sande " + description, c.District,
                    "Name " + description, "mail-" + description + "@example.org", "0413 " + description, "de", c.Channel, []),
                token => "/anliegen/" + token,
                CancellationToken.None);
            id = submitted.Id;
        }

        var at = DateTime.SpecifyKind(c.ReceivedAt, DateTimeKind.Utc);
        DateTime? After(double? days) => days is { } d ? at.AddDays(d) : null;
        await db.Concerns.Where(x => x.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.ReceivedAt, at)
            .SetProperty(x => x.FirstReplyAt, After(c.ReplyAfterDays))
            .SetProperty(x => x.ClosedAt, After(c.ClosedAfterDays))
            .SetProperty(x => x.DueAt, After(c.DueAfterDays))
            .SetProperty(x => x.Status, c.Status)
            .SetProperty(x => x.MergedIntoId, mergedInto));
        return id;
    }
}
