using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

[assembly: AssemblyFixture(typeof(Rathaus.BrowserTests.Infrastructure.RathausServer))]

namespace Rathaus.BrowserTests.Infrastructure;

/// <summary>
/// The real application as its own process on a free loopback port, as an operator runs it: production
/// environment, Kestrel, SQLite file with the Lüneburg demo data. Playwright needs a real socket, so no TestServer.
/// </summary>
public sealed class RathausServer : IAsyncLifetime
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(90);

    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _databaseFile = Path.Combine(Path.GetTempPath(), $"rathaus-browser-{Guid.NewGuid():N}.db");
    private Process? _process;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The checkout the tests were built from: the app's wwwroot and TestResults live there.</summary>
    public static string RepositoryRoot { get; } = typeof(RathausServer).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>What the app wrote to stdout and stderr so far (the last lines), for failure messages.</summary>
    public string OutputTail(int lines = 80) => string.Join(Environment.NewLine, _output.TakeLast(lines));

    public async ValueTask InitializeAsync()
    {
        var port = FreeLoopbackPort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        var contentRoot = Path.Combine(RepositoryRoot, "src", "Rathaus.Web");

        var start = new ProcessStartInfo(DotnetHost())
        {
            ArgumentList = { WebAssembly(), "--urls", BaseUrl.ToString().TrimEnd('/'), "--contentRoot", contentRoot },
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["Database__ConnectionString"] = $"Data Source={_databaseFile}";
        start.Environment["Database__DemoData"] = "true";
        start.Environment["RateLimits__LoginsPerMinute"] = "10000";

        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        try
        {
            await WaitUntilReadyAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartupTimeout)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"Rathaus.Web exited with code {_process.ExitCode} during startup:{Environment.NewLine}{OutputTail()}");
            }

            try
            {
                using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    // A page without styles would pass axe but not a person's look: the content root must be right.
                    using var css = await http.GetAsync(new Uri("/lib/kern-ux/kern.min.css", UriKind.Relative));
                    if (css.StatusCode != HttpStatusCode.OK)
                    {
                        throw new InvalidOperationException($"/lib/kern-ux/kern.min.css answered {(int)css.StatusCode}; is the content root {RepositoryRoot}/src/Rathaus.Web?");
                    }

                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow first request (migrations, demo data)
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Rathaus.Web did not answer /health/ready within {StartupTimeout.TotalSeconds} s:{Environment.NewLine}{OutputTail()}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 2000 && _output.TryDequeue(out _))
        {
        }
    }

    /// <summary>Next to the test assembly: the project reference copies it there, with or without --artifacts-path.</summary>
    private static string WebAssembly()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Rathaus.Web.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Rathaus.Web.dll is not next to the test assembly; is the project reference missing?", path);
    }

    /// <summary>The dotnet host that runs these tests (the SDK sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        foreach (var file in new[] { _databaseFile, _databaseFile + "-wal", _databaseFile + "-shm" })
        {
            File.Delete(file);
        }
    }
}
