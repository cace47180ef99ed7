using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Model;
using Rathaus.Platform.Alerts;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Platform.Alerts;

/// <summary>What the alert tests do again and again: run the scheduled work, file a map report, read links from mails.</summary>
internal static partial class AlertTestKit
{
    [GeneratedRegex(@"https?://[^\s/]+(/benachrichtigungen/(?:bestaetigen|abmelden)/[A-Za-z0-9_-]{43})")]
    private static partial Regex AlertLink();

    /// <summary>The digest as the scheduler runs it: in a scope (and transaction) of its own.</summary>
    public static async Task<int> RunDigestAsync(RathausApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Rathaus.Data.RathausDb>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var mails = await scope.ServiceProvider.GetRequiredService<AlertDigest>().RunAsync();
        await transaction.CommitAsync();
        return mails;
    }

    public static async Task<int> RunCleanupAsync(RathausApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AlertCleanup>().RunAsync();
    }

    /// <summary>A pothole reported on the map by a citizen with a name, so tests can check the name never goes out.</summary>
    public static async Task<(long Id, string Reference)> ReportAsync(RathausApp app, double latitude, double longitude, string description, string categoryCode = "schlagloch")
    {
        await using var db = app.Db();
        var categoryId = await db.Categories.Where(c => c.Code == categoryCode).Select(c => c.Id).SingleAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var submitted = await scope.ServiceProvider.GetRequiredService<ConcernIntake>().SubmitAsync(
            new ConcernSubmission(Guid.NewGuid(), ConcernKind.DefectReport, categoryId, description, "Am Sande 5", null, "Erika Mustermann", null, "0151 1234567", "de", Channel.Map, [],
                Latitude: latitude, Longitude: longitude),
            token => "/anliegen/" + token,
            CancellationToken.None);
        return (submitted.Id, submitted.ReferenceNumber);
    }

    /// <summary>The path of the confirmation or unsubscribe link in a mail's text.</summary>
    public static string LinkIn(MimeMessage mail, string kind)
    {
        var link = AlertLink().Matches(mail.TextBody ?? "").Select(m => m.Groups[1].Value).SingleOrDefault(p => p.Contains("/" + kind + "/", StringComparison.Ordinal));
        Assert.True(link is not null, $"No {kind} link in: {mail.TextBody}");
        return link;
    }

    public static async Task<int> OutboxCountAsync(RathausApp app, string address)
    {
        await using var db = app.Db();
        return await db.OutboxMessages.CountAsync(m => m.To == address);
    }
}
