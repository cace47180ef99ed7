using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rathaus.Mail;
using Rathaus.Mail.Inbound;

namespace Rathaus.Tests.Mail.Inbound;

/// <summary>
/// The application's mailbox reader, run by a test for one mailbox of its own: the same code as the hosted service,
/// with quick rounds and short claims, stopped when the test is done with it.
/// </summary>
public sealed class RunningReader : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    private RunningReader(IServiceProvider services, InboxOptions inbox, Action<IntakeOptions>? configure)
    {
        var options = new MailOptions { From = services.GetRequiredService<IOptionsMonitor<MailOptions>>().CurrentValue.From };
        options.Intake.PollSeconds = 1;
        options.Intake.ClaimSeconds = 10;
        options.Intake.RetrySeconds = 1;
        configure?.Invoke(options.Intake);
        options.Inboxes.Add(inbox);
        var reader = new MailboxReader(services.GetRequiredService<IServiceScopeFactory>(), new Fixed(options), TimeProvider.System, NullLogger<MailboxReader>.Instance);
        _run = Task.Run(() => reader.RunAsync(inbox, _stop.Token));
    }

    public static RunningReader Start(IServiceProvider services, InboxOptions inbox, Action<IntakeOptions>? configure = null) => new(services, inbox, configure);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        _stop.Dispose();
    }

    private sealed class Fixed(MailOptions value) : IOptionsMonitor<MailOptions>
    {
        public MailOptions CurrentValue => value;
        public MailOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<MailOptions, string?> listener) => null;
    }
}

public static class Eventually
{
    /// <summary>Polls until the condition holds or the time is up; returns whether it held.</summary>
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, int seconds = 30)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return await condition();
    }
}
