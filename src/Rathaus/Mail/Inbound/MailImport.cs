using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Rathaus.Data;

namespace Rathaus.Mail.Inbound;

/// <summary>
/// <c>import-mail &lt;file.eml | file.mbox | maildir folder&gt; [--unit CODE]</c>: takes old mail in (a migration from
/// another system) through the same intake as the mailboxes, with a progress bar and a summary. Re-running it creates
/// nothing twice (the intake is idempotent by Message-ID). Sends no acknowledgements: these mails are old.
/// </summary>
public static class MailImport
{
    public const string Mailbox = "import";

    private static readonly string[] MaildirFolders = ["cur", "new"];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var path = args.SkipWhile(a => a != "import-mail").Skip(1).FirstOrDefault();
        var unit = args.SkipWhile(a => a != "--unit").Skip(1).FirstOrDefault();
        if (path is null || (!File.Exists(path) && !Directory.Exists(path)))
        {
            await output.WriteLineAsync(path is null
                ? "Aufruf: import-mail <Datei.eml | Datei.mbox | Maildir-Ordner> [--unit KÜRZEL]"
                : $"„{path}“ gibt es nicht.");
            return 2;
        }

        await DatabaseSetup.MigrateAsync(services, ct);
        var sources = Sources(path);
        var total = sources.Sum(s => s.Count);
        await output.WriteLineAsync($"{total} E-Mails in {path}");
        var counts = new Dictionary<string, int>();
        var failures = new List<string>();
        var progress = new Progress(output, total);
        foreach (var source in sources)
        {
            foreach (var (name, read) in source.Messages())
            {
                try
                {
                    var (message, raw) = read();
                    await using var scope = services.CreateAsyncScope();
                    var result = await scope.ServiceProvider.GetRequiredService<MailIntake>().TakeAsync(Mailbox, unit, message, raw, null, ct, automaticMails: false);
                    Count(counts, result.AlreadyDone ? "Bereits übernommen (übersprungen)" : Label(result.Outcome));
                    if (!result.AlreadyDone && result.Note?.StartsWith("Automatische E-Mail", StringComparison.Ordinal) == true)
                    {
                        Count(counts, "davon automatische E-Mails (Abwesenheitsnotizen, Listen)");
                    }
                }
#pragma warning disable CA1031 // one bad mail is reported and the import goes on
                catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    failures.Add($"{name}: {e.GetBaseException().Message}");
                }

                await progress.StepAsync();
            }
        }

        await progress.DoneAsync();
        await output.WriteLineAsync("Ergebnis:");
        foreach (var label in new[] { "Neue Anliegen", "Nachrichten zu Anliegen", "Unzustellbarkeitsberichte", "Nicht übernommen (eigene E-Mails, Berichte ohne Bezug)", "davon automatische E-Mails (Abwesenheitsnotizen, Listen)", "Bereits übernommen (übersprungen)" })
        {
            await output.WriteLineAsync($"  {label}: {counts.GetValueOrDefault(label)}");
        }

        await output.WriteLineAsync($"  Fehler: {failures.Count}");
        foreach (var failure in failures)
        {
            await output.WriteLineAsync("    " + failure);
        }

        return failures.Count == 0 ? 0 : 1;
    }

    private static void Count(Dictionary<string, int> counts, string label) => counts[label] = counts.GetValueOrDefault(label) + 1;

    private static string Label(InboundOutcome outcome) => outcome switch
    {
        InboundOutcome.NewConcern => "Neue Anliegen",
        InboundOutcome.CitizenMessage => "Nachrichten zu Anliegen",
        InboundOutcome.DeliveryReport => "Unzustellbarkeitsberichte",
        _ => "Nicht übernommen (eigene E-Mails, Berichte ohne Bezug)",
    };

    private sealed record Source(int Count, Func<IEnumerable<(string Name, Func<(MimeMessage, byte[]?)> Read)>> Messages);

    /// <summary>A maildir (cur/ and new/), a folder of .eml files, an mbox file, or one .eml file.</summary>
    private static List<Source> Sources(string path)
    {
        if (Directory.Exists(path))
        {
            var maildir = MaildirFolders.Select(d => Path.Combine(path, d)).Where(Directory.Exists).ToList();
            var files = (maildir.Count > 0 ? maildir.SelectMany(d => Directory.EnumerateFiles(d)) : Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
                .Order(StringComparer.Ordinal).ToList();
            return files.Select(f => IsMbox(f) ? MboxSource(f) : FileSource(f)).ToList();
        }

        return [IsMbox(path) ? MboxSource(path) : FileSource(path)];
    }

    private static Source FileSource(string file) => new(1, () =>
    [
        (file, () =>
        {
            var raw = File.ReadAllBytes(file);
            return (MailParser.Load(new MemoryStream(raw)), raw);
        }),
    ]);

    private static Source MboxSource(string file)
    {
        var count = File.ReadLines(file, System.Text.Encoding.Latin1).Count(l => l.StartsWith("From ", StringComparison.Ordinal));
        return new(count, () => ReadMbox(file));
    }

    private static IEnumerable<(string, Func<(MimeMessage, byte[]?)>)> ReadMbox(string file)
    {
        using var stream = File.OpenRead(file);
        var parser = new MimeParser(MailParser.Options, stream, MimeFormat.Mbox);
        var index = 0;
        while (!parser.IsEndOfStream)
        {
            MimeMessage message;
            try
            {
                message = parser.ParseMessage();
            }
            catch (FormatException)
            {
                yield break; // the rest of the file is no mail
            }

            index++;
            var parsed = message;
            yield return ($"{file} #{index}", () => (parsed, null));
        }
    }

    private static bool IsMbox(string file)
    {
        using var stream = File.OpenRead(file);
        Span<byte> start = stackalloc byte[5];
        return stream.Read(start) == 5 && start.SequenceEqual("From "u8);
    }

    /// <summary>A bar on a terminal; in a log (output redirected) a line every ten percent.</summary>
    private sealed class Progress(TextWriter output, int total)
    {
        private readonly bool _terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        private int _done;
        private int _lastTenth = -1;

        public async Task StepAsync()
        {
            _done++;
            if (_terminal)
            {
                var filled = total == 0 ? 30 : _done * 30 / total;
                await output.WriteAsync($"\r[{new string('#', filled)}{new string('.', 30 - filled)}] {_done}/{total}");
                return;
            }

            var tenth = total == 0 ? 10 : _done * 10 / total;
            if (tenth != _lastTenth)
            {
                _lastTenth = tenth;
                await output.WriteLineAsync($"{_done}/{total}");
            }
        }

        public async Task DoneAsync()
        {
            if (_terminal)
            {
                await output.WriteLineAsync();
            }
        }
    }
}
