using System.Diagnostics;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Rathaus.Data;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Mail.Inbound;

/// <summary>
/// The promise of the email channel under the worst case: the application, a real process reading a real mailbox, is
/// killed (SIGKILL, no shutdown) in the middle of a batch of 500 mails and started again. Every mail ends as exactly
/// one concern and lies in "Verarbeitet".
/// </summary>
[Collection(nameof(MailServerCollection))]
public sealed class KillTests
{
    private const int Mails = 500;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Killed_in_the_middle_of_500_mails_and_restarted_every_mail_becomes_exactly_one_concern(DatabaseProvider provider)
    {
        MailServer.SkipUnlessAvailable();
        Assert.SkipWhen(TestDatabases.Unavailable(provider) is not null, TestDatabases.PostgresMissing);
        var city = MailServer.NewCityAddress();
        var tag = Guid.NewGuid().ToString("N")[..10];
        await MailServer.AppendAsync(city, Enumerable.Range(1, Mails).Select(i => Mail(tag, i, city)));
        var connectionString = await TestDatabases.CreateAsync(provider, "kill");
        try
        {
            var inbox = MailServer.Inbox(city);
            var environment = new Dictionary<string, string>
            {
                ["Database__Provider"] = provider.ToString(),
                ["Database__ConnectionString"] = connectionString,
                ["Database__DemoData"] = "true",
                ["Mail__Inboxes__0__Name"] = inbox.Name,
                ["Mail__Inboxes__0__Host"] = inbox.Host,
                ["Mail__Inboxes__0__Port"] = inbox.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Mail__Inboxes__0__Security"] = "None",
                ["Mail__Inboxes__0__UserName"] = inbox.UserName,
                ["Mail__Inboxes__0__Password"] = inbox.Password,
                ["Mail__Intake__PollSeconds"] = "1",
                ["Mail__Intake__ClaimSeconds"] = "5", // the restarted node takes over 5 seconds after the kill
            };

            int takenBeforeKill;
            using (var first = Start(environment))
            {
                Assert.True(await Eventually.TrueAsync(async () => await TakenAsync(provider, connectionString) >= 50, seconds: 120), "the first process took in nothing");
                first.Kill(entireProcessTree: true);
                await first.WaitForExitAsync();
                takenBeforeKill = await TakenAsync(provider, connectionString);
            }

            Assert.True(takenBeforeKill < Mails, $"the process had taken in all {Mails} mails before it was killed; the test proves nothing");

            using (var second = Start(environment))
            {
                try
                {
                    Assert.True(await Eventually.TrueAsync(async () => await MailServer.CountAsync(city, "Verarbeitet") == Mails, seconds: 180),
                        $"only {await MailServer.CountAsync(city, "Verarbeitet")} of {Mails} mails reached Verarbeitet");
                }
                finally
                {
                    second.Kill(entireProcessTree: true);
                    await second.WaitForExitAsync();
                }
            }

            Assert.Equal(0, await MailServer.CountAsync(city));
            Assert.Equal(0, await MailServer.CountAsync(city, "Fehler"));
            await using var db = Open(provider, connectionString);
            Assert.Equal(Mails, await db.InboundMessages.CountAsync(m => m.Mailbox == city));
            var senders = await db.Concerns.Where(c => c.Description.StartsWith(tag)).Select(c => c.ContactEmail).ToListAsync();
            Assert.Equal(Mails, senders.Count);
            Assert.Equal(Mails, senders.Distinct().Count());
        }
        finally
        {
            await TestDatabases.DropAsync(provider, connectionString);
        }
    }

    private static MimeMessage Mail(string tag, int i, string city)
    {
        var message = new MimeMessage { Subject = $"{tag} Meldung {i}", MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("buerger.example") };
        message.From.Add(MailboxAddress.Parse($"k{i}-{tag}@buerger.example"));
        message.To.Add(MailboxAddress.Parse(city));
        message.Body = new TextPart("plain") { Text = $"Meldung Nummer {i}" };
        return message;
    }

    private static async Task<int> TakenAsync(DatabaseProvider provider, string connectionString)
    {
        try
        {
            await using var db = Open(provider, connectionString);
            return await db.InboundMessages.CountAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            return 0; // not migrated yet
        }
    }

    private static Process Start(IDictionary<string, string> environment)
    {
        var root = typeof(KillTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Rathaus.Web.dll"));
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(Path.Combine(root, "src", "Rathaus.Web"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { }; // drained, so a full pipe never blocks the app
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static RathausDb Open(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<RathausDb>();
        DatabaseSetup.Configure(options, provider, connectionString);
        return new RathausDb(options.Options);
    }
}
