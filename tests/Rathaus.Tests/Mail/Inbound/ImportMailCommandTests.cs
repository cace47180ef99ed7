using System.Diagnostics;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Rathaus.Concerns.Model;
using Rathaus.Data;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Mail.Inbound;

/// <summary>The import-mail command as an operator runs it: a separate process on .eml, mbox and maildir, twice.</summary>
public sealed class ImportMailCommandTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Import_takes_in_eml_mbox_and_maildir_with_a_summary_and_a_second_run_creates_nothing(DatabaseProvider provider)
    {
        Assert.SkipWhen(TestDatabases.Unavailable(provider) is not null, TestDatabases.PostgresMissing);
        var connectionString = await TestDatabases.CreateAsync(provider, "import");
        var folder = Directory.CreateTempSubdirectory("rathaus-import-");
        try
        {
            var tag = Guid.NewGuid().ToString("N")[..10];
            var single = Mail($"{tag} Einzeln", "erika@buerger.example");
            await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "einzeln.eml"), Bytes(single));

            var away = Mail($"{tag} Abwesend", "weg@buerger.example");
            away.Headers.Add("Auto-Submitted", "auto-replied");
            var mbox = Path.Combine(folder.FullName, "alt.mbox");
            await File.WriteAllBytesAsync(mbox, [.. Mbox(Mail($"{tag} Erste", "a@buerger.example")), .. Mbox(Mail($"{tag} Zweite", "b@buerger.example")), .. Mbox(away)]);

            var maildir = Directory.CreateDirectory(Path.Combine(folder.FullName, "Maildir"));
            Directory.CreateDirectory(Path.Combine(maildir.FullName, "cur"));
            Directory.CreateDirectory(Path.Combine(maildir.FullName, "new"));
            Directory.CreateDirectory(Path.Combine(maildir.FullName, "tmp"));
            await File.WriteAllBytesAsync(Path.Combine(maildir.FullName, "cur", "1700000000.M1P1.host:2,S"), Bytes(Mail($"{tag} Aus Maildir", "c@buerger.example")));
            await File.WriteAllBytesAsync(Path.Combine(maildir.FullName, "new", "1700000001.M2P1.host"), Bytes(single)); // the same mail as einzeln.eml

            var environment = new Dictionary<string, string>
            {
                ["Database__Provider"] = provider.ToString(),
                ["Database__ConnectionString"] = connectionString,
                ["Database__DemoData"] = "true",
            };

            var eml = await RunAsync(environment, "import-mail", Path.Combine(folder.FullName, "einzeln.eml"));
            Assert.True(eml.ExitCode == 0, eml.Output);
            Assert.Contains("Neue Anliegen: 1", eml.Output);

            var first = await RunAsync(environment, "import-mail", mbox);
            Assert.True(first.ExitCode == 0, first.Output);
            Assert.Contains("3 E-Mails in", first.Output);
            Assert.Contains("3/3", first.Output);
            Assert.Contains("Neue Anliegen: 3", first.Output);
            Assert.Contains("davon automatische E-Mails (Abwesenheitsnotizen, Listen): 1", first.Output);
            Assert.Contains("Fehler: 0", first.Output);

            var fromMaildir = await RunAsync(environment, "import-mail", maildir.FullName);
            Assert.True(fromMaildir.ExitCode == 0, fromMaildir.Output);
            Assert.Contains("Neue Anliegen: 1", fromMaildir.Output);
            Assert.Contains("Bereits übernommen (übersprungen): 1", fromMaildir.Output);

            var again = await RunAsync(environment, "import-mail", folder.FullName); // everything once more
            Assert.True(again.ExitCode == 0, again.Output);
            Assert.Contains("Neue Anliegen: 0", again.Output);
            Assert.Contains("Bereits übernommen (übersprungen): 6", again.Output);

            await using var db = Open(provider, connectionString);
            var concerns = await db.Concerns.Where(c => c.Description.StartsWith(tag)).ToListAsync();
            Assert.Equal(5, concerns.Count);
            Assert.All(concerns, c => Assert.Equal(Channel.Email, c.Channel));
            Assert.False(await db.OutboxMessages.AnyAsync(), "an import of old mail sends no acknowledgements");
        }
        finally
        {
            folder.Delete(recursive: true);
            await TestDatabases.DropAsync(provider, connectionString);
        }
    }

    [Fact]
    public async Task Import_without_a_path_explains_how_to_call_it()
    {
        var (exitCode, output) = await RunAsync(new Dictionary<string, string> { ["Database__DemoData"] = "false" }, "import-mail", "/gibt/es/nicht.mbox");
        Assert.Equal(2, exitCode);
        Assert.Contains("„/gibt/es/nicht.mbox“ gibt es nicht.", output);
    }

    private static MimeMessage Mail(string subject, string from)
    {
        var message = new MimeMessage { Subject = subject, MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("buerger.example"), Date = DateTimeOffset.Now };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse("stadt@rathaus-lueneburg.example"));
        message.Body = new TextPart("plain") { Text = $"Text von {from}\nFrom the start of a line in the body" };
        return message;
    }

    private static byte[] Bytes(MimeMessage message)
    {
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>One mbox entry: the "From " separator line, then the mail with body lines starting "From " escaped.</summary>
    private static byte[] Mbox(MimeMessage message)
    {
        var text = System.Text.Encoding.UTF8.GetString(Bytes(message)).Replace("\nFrom ", "\n>From ", StringComparison.Ordinal);
        return System.Text.Encoding.UTF8.GetBytes($"From MAILER-DAEMON Thu Nov 20 10:00:00 2026\n{text.Replace("\r\n", "\n", StringComparison.Ordinal)}\n");
    }

    private static RathausDb Open(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<RathausDb>();
        DatabaseSetup.Configure(options, provider, connectionString);
        return new RathausDb(options.Options);
    }

    internal static async Task<(int ExitCode, string Output)> RunAsync(IDictionary<string, string> environment, params string[] args)
    {
        var root = typeof(ImportMailCommandTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Rathaus.Web.dll"));
        foreach (var arg in args.Concat(["--contentRoot", Path.Combine(root, "src", "Rathaus.Web")]))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
