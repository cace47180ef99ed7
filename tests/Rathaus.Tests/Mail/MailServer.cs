using System.Diagnostics;
using System.Reflection;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Mail;

/// <summary>
/// The real mail server of scripts/mailserver.sh (Postfix + Dovecot on loopback), found through
/// <c>RATHAUS_TEST_SMTP</c> and <c>RATHAUS_TEST_IMAP</c> (host:port, set by scripts/test.sh). Without them the mail
/// tests are skipped locally and fail under <c>CI=true</c>, like the PostgreSQL tests. Every address of
/// <c>buerger.example</c> has a mailbox, readable over IMAP with the password "test".
/// </summary>
public static class MailServer
{
    public const string Missing = "RATHAUS_TEST_SMTP/RATHAUS_TEST_IMAP are not set; run the tests with scripts/test.sh, which starts the mail server.";

    private static (string Host, int Port)? Smtp => Endpoint("RATHAUS_TEST_SMTP");
    private static (string Host, int Port)? Imap => Endpoint("RATHAUS_TEST_IMAP");

    /// <summary>Skips the calling test when no mail server is configured (throws under CI instead).</summary>
    public static void SkipUnlessAvailable()
    {
        var reason = Smtp is not null && Imap is not null ? null : TestDatabases.OnCi ? throw new InvalidOperationException(Missing) : Missing;
        Assert.SkipWhen(reason is not null, reason ?? "");
    }

    /// <summary>What an app under test needs to send there promptly: no TLS on loopback, quick rounds, short retries.</summary>
    public static IEnumerable<(string Key, string Value)> AppSettings =>
    [
        ("Mail:Smtp:Host", Smtp?.Host ?? ""),
        ("Mail:Smtp:Port", (Smtp?.Port ?? 25).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Mail:Smtp:Security", "None"),
        ("Mail:DispatchIntervalSeconds", "1"),
        ("Mail:RetryAfterSeconds", "1"),
        ("Mail:RetryAtMostSeconds", "2"),
    ];

    /// <summary>A citizen's address nobody else uses, so its mailbox holds only this test's mail.</summary>
    public static string NewAddress() => $"x-{Guid.NewGuid():N}@buerger.example";

    /// <summary>A city mailbox nobody else uses (stadt-…@rathaus-lueneburg.example), for one test's intake.</summary>
    public static string NewCityAddress() => $"stadt-{Guid.NewGuid():N}@rathaus-lueneburg.example";

    /// <summary>How the intake reads <paramref name="address"/>: plain IMAP on loopback, password "test".</summary>
    public static Rathaus.Mail.InboxOptions Inbox(string address, string? unitCode = null)
    {
        var (host, port) = Imap ?? throw new InvalidOperationException(Missing);
        return new() { Name = address, Address = address, Host = host, Port = port, Security = "None", UserName = address, Password = "test", UnitCode = unitCode };
    }

    /// <summary>Sends a mail through Postfix, as a citizen's mail program would.</summary>
    public static async Task SendAsync(MimeMessage message)
    {
        var (host, port) = Smtp ?? throw new InvalidOperationException(Missing);
        using var smtp = new MailKit.Net.Smtp.SmtpClient();
        await smtp.ConnectAsync(host, port, SecureSocketOptions.None);
        await smtp.SendAsync(message);
        await smtp.DisconnectAsync(quit: true);
    }

    /// <summary>Puts mails straight into a mailbox's inbox (IMAP APPEND): exactly these bytes, nothing added by Postfix.</summary>
    public static async Task AppendAsync(string address, IEnumerable<MimeMessage> messages)
    {
        using var imap = await LoginAsync(address);
        foreach (var message in messages)
        {
            await imap.Inbox.AppendAsync(message);
        }

        await imap.DisconnectAsync(quit: true);
    }

    /// <summary>How many mails lie in the folder (INBOX, Verarbeitet, Fehler); 0 for a folder that does not exist yet.</summary>
    public static async Task<int> CountAsync(string address, string folderName = "INBOX")
    {
        using var imap = await LoginAsync(address);
        IMailFolder folder;
        try
        {
            folder = folderName == "INBOX" ? imap.Inbox : await imap.GetFolderAsync(folderName);
        }
        catch (FolderNotFoundException)
        {
            return 0;
        }

        await folder.OpenAsync(FolderAccess.ReadOnly);
        var count = folder.Count;
        await imap.DisconnectAsync(quit: true);
        return count;
    }

    private static async Task<ImapClient> LoginAsync(string address)
    {
        var (host, port) = Imap ?? throw new InvalidOperationException(Missing);
        var imap = new ImapClient();
        await imap.ConnectAsync(host, port, SecureSocketOptions.None);
        await imap.AuthenticateAsync(address, "test");
        return imap;
    }

    /// <summary>Polls the mailbox until it holds at least <paramref name="count"/> mails or the time is up; returns what is there.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> WaitForMailAsync(string address, int count = 1, int seconds = 20)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var mails = await ReadMailboxAsync(address);
            if (mails.Count >= count || deadline.Elapsed > TimeSpan.FromSeconds(seconds))
            {
                return mails;
            }

            await Task.Delay(250);
        }
    }

    public static async Task<IReadOnlyList<MimeMessage>> ReadMailboxAsync(string address)
    {
        var (host, port) = Imap ?? throw new InvalidOperationException(Missing);
        using var imap = new ImapClient();
        await imap.ConnectAsync(host, port, SecureSocketOptions.None);
        await imap.AuthenticateAsync(address, "test");
        await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var mails = new List<MimeMessage>();
        for (var i = 0; i < imap.Inbox.Count; i++)
        {
            mails.Add(await imap.Inbox.GetMessageAsync(i));
        }

        await imap.DisconnectAsync(quit: true);
        return mails;
    }

    /// <summary>Stops Postfix only: the mail server is "down" for senders while the mailboxes stay readable.</summary>
    public static Task StopSmtpAsync() => RunScriptAsync("stop-smtp");

    public static Task StartSmtpAsync() => RunScriptAsync("start-smtp");

    private static async Task RunScriptAsync(string command)
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "mailserver.sh");
        var start = new ProcessStartInfo("bash", [script, command]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"mailserver.sh {command} failed ({process.ExitCode}): {await output}{await errors}");
    }

    private static string RepositoryRoot() =>
        typeof(MailServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    private static (string Host, int Port)? Endpoint(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        var colon = value?.LastIndexOf(':') ?? -1;
        if (value is null || colon <= 0)
        {
            return null;
        }

        return (value[..colon], int.Parse(value[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
