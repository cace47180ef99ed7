using Microsoft.Extensions.Logging;

namespace Rathaus.Platform.Scheduling;

/// <summary>
/// What every background worker that several nodes run side by side shares (job scheduler, outbox dispatcher, mailbox
/// reader, OParl import): a name unique per instance for its claims and leases, and rounds at an interval that go on
/// when one fails — the database or a server may be away for a moment, and the next round tries again.
/// </summary>
public static class WorkerLoop
{
    /// <summary>Unique per worker, also for several instances in one process (as the tests run them).</summary>
    public static string NewNodeName() => $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    public static async Task RunAsync(string worker, Func<CancellationToken, Task> round, Func<TimeSpan> interval, TimeProvider clock, ILogger logger, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await round(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the database may be away for a moment; the next round tries again
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogError(e, "{Worker}: this round failed; the next one follows in {Interval}.", worker, interval());
            }

            try
            {
                await Task.Delay(interval(), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
