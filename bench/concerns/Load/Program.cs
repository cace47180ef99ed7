// Load generator of bench/concerns/run.sh: N concurrent clients, each with its own connection and cookies, against
// Rathaus and against the minimal endpoint (bench/concerns/Minimal) in the same run.
//
//   dotnet Rathaus.Bench.Load.dll --target rathaus=http://127.0.0.1:5098 --target minimal=http://127.0.0.1:5097 \
//       --clients 32 --warmup 10 --duration 30 --user t.bruns --password … --words Schlagloch,Laterne --out results.tsv
//
// Scenarios, each warmed up and then measured for --duration seconds per target:
//   intake  GET /anliegen/neu, read the antiforgery token and the idempotency key from the form (the cookie is kept by
//           the client), POST the form (multipart, no files), follow the redirect to the confirmation. A submission
//           counts when all three answered as a browser expects; the latency is the POST's.
//   inbox   logged in (Rathaus only), GET /intern/anliegen: the default view, the user's unit.
//   search  GET /intern/anliegen?suche=<word>, the words in turn.
//   post    logged in as the mailroom (--post-user), GET /intern/poststelle/erfassen, POST one letter (an invoice to
//           a random unit, no scan), follow the redirect back to the empty form. The latency is the POST's.
// Writes one line per scenario and target: scenario, target, count, per second, p50, p95, p99 (ms), errors, first error.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

var options = Options.Parse(args);
var lines = new List<string>();
foreach (var scenario in options.Scenarios)
{
    foreach (var (name, url) in options.Targets)
    {
        var result = await Runner.RunAsync(scenario, name, new Uri(url), options);
        var line = string.Join('\t', scenario, name, result.Count, result.PerSecond.ToString("F0", CultureInfo.InvariantCulture),
            Ms(result.Percentile(0.50)), Ms(result.Percentile(0.95)), Ms(result.Percentile(0.99)), result.Errors, result.FirstError ?? "");
        Console.WriteLine(line);
        lines.Add(line);
    }
}

if (options.Out is not null)
{
    await File.WriteAllLinesAsync(options.Out, lines);
}

return lines.Any(l => l.Split('\t')[2] == "0") ? 1 : 0;

static string Ms(double seconds) => (seconds * 1000).ToString("F1", CultureInfo.InvariantCulture);

internal sealed record Options(
    List<(string Name, string Url)> Targets, List<string> Scenarios, int Clients, TimeSpan Warmup, TimeSpan Duration,
    string User, string Password, string[] Words, string? Out, string PostUser)
{
    public static Options Parse(string[] args)
    {
        string Value(string key, string fallback)
        {
            var i = Array.IndexOf(args, key);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        var targets = args.Select((a, i) => (a, i)).Where(x => x.a == "--target" && x.i + 1 < args.Length)
            .Select(x => args[x.i + 1].Split('=', 2)).Select(p => (p[0], p[1])).ToList();
        return new Options(
            targets,
            Value("--scenarios", "intake,inbox,search").Split(',').ToList(),
            int.Parse(Value("--clients", "32"), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(Value("--warmup", "10"), CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(double.Parse(Value("--duration", "30"), CultureInfo.InvariantCulture)),
            Value("--user", "t.bruns"),
            Value("--password", Environment.GetEnvironmentVariable("RATHAUS_BENCH_PASSWORD") ?? ""),
            Value("--words", "Schlagloch").Split(','),
            args.Contains("--out") ? Value("--out", "") : null,
            Value("--post-user", "k.dreyer"));
    }
}

internal sealed class Result
{
    private readonly List<double> _latencies = [];

    public int Count => _latencies.Count;
    public double PerSecond { get; set; }
    public int Errors { get; private set; }
    public string? FirstError { get; private set; }

    public void Add(double seconds) => _latencies.Add(seconds);

    public void Fail(string error)
    {
        Errors++;
        FirstError ??= error;
    }

    public void Merge(Result other)
    {
        _latencies.AddRange(other._latencies);
        Errors += other.Errors;
        FirstError ??= other.FirstError;
    }

    public double Percentile(double p)
    {
        if (_latencies.Count == 0)
        {
            return double.NaN;
        }

        _latencies.Sort();
        return _latencies[Math.Clamp((int)Math.Ceiling(p * _latencies.Count) - 1, 0, _latencies.Count - 1)];
    }
}

internal static partial class Runner
{
    public static async Task<Result> RunAsync(string scenario, string target, Uri baseUrl, Options options)
    {
        var clients = new List<HttpClient>();
        for (var i = 0; i < options.Clients; i++)
        {
            var client = new HttpClient(new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = true,
                CookieContainer = new CookieContainer(),
                MaxConnectionsPerServer = 1,
            })
            { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
            if (scenario != "intake")
            {
                await LogInAsync(client, options, scenario == "post" ? options.PostUser : options.User);
            }

            clients.Add(client);
        }

        var categories = scenario == "intake" ? await CategoriesAsync(clients[0]) : [];
        var units = scenario == "post" ? await UnitsAsync(clients[0]) : [];
        var started = Stopwatch.GetTimestamp();
        var measureFrom = started + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        var results = await Task.WhenAll(clients.Select((client, index) => Task.Run(async () =>
        {
            var result = new Result();
            var random = new Random(index);
            for (var n = index; Stopwatch.GetTimestamp() < measureTo; n += options.Clients)
            {
                var begin = Stopwatch.GetTimestamp();
                double latency;
                try
                {
                    latency = scenario switch
                    {
                        "intake" => await SubmitAsync(client, categories, random),
                        "post" => await RegisterLetterAsync(client, units, random),
                        "inbox" => await ListAsync(client, "/intern/anliegen"),
                        "search" => await ListAsync(client, "/intern/anliegen?suche=" + Uri.EscapeDataString(options.Words[n % options.Words.Length])),
                        _ => throw new ArgumentException("unknown scenario " + scenario),
                    };
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
                {
                    if (begin >= measureFrom && Stopwatch.GetTimestamp() <= measureTo)
                    {
                        result.Fail(e.Message);
                    }

                    continue;
                }

                if (begin >= measureFrom && Stopwatch.GetTimestamp() <= measureTo)
                {
                    result.Add(latency);
                }
            }

            return result;
        })));

        var total = new Result { PerSecond = 0 };
        foreach (var result in results)
        {
            total.Merge(result);
        }

        total.PerSecond = total.Count / options.Duration.TotalSeconds;
        foreach (var client in clients)
        {
            client.Dispose();
        }

        Console.Error.WriteLine($"{scenario} {target}: {total.Count} in {options.Duration.TotalSeconds} s, {total.Errors} errors {total.FirstError}");
        return total;
    }

    private static async Task LogInAsync(HttpClient client, Options options, string user)
    {
        using var page = await client.GetAsync("/anmelden");
        if (page.StatusCode == HttpStatusCode.NotFound)
        {
            return; // the minimal endpoint has no login
        }

        var form = await page.Content.ReadAsStringAsync();

        using var response = await client.PostAsync("/anmelden", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = user,
            ["Input.Password"] = options.Password,
            ["__RequestVerificationToken"] = Hidden(form, "__RequestVerificationToken"),
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("anmelden", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"login as {user} failed: {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    private static async Task<List<string>> CategoriesAsync(HttpClient client) =>
        CategoryOption().Matches(await GetOkAsync(client, "/anliegen/neu")).Select(m => m.Groups[1].Value).ToList();

    private static readonly string[] Subjects = ["Das Schlagloch", "Die Straßenlaterne", "Der Gehweg", "Die Parkbank", "Der Radweg", "Die Ampel", "Der Papierkorb"];
    private static readonly string[] Predicates = ["ist beschädigt", "ist seit Tagen defekt", "ist verschmutzt", "blockiert den Weg", "hat tiefe Risse"];
    private static readonly string[] Streets = ["Am Sande", "Bardowicker Straße", "Große Bäckerstraße", "Rote Straße", "Lindenstraße", "Stadtkoppel"];

    /// <summary>One submission as a browser makes it; returns the POST's latency.</summary>
    private static async Task<double> SubmitAsync(HttpClient client, List<string> categories, Random random)
    {
        var form = await GetOkAsync(client, "/anliegen/neu");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Hidden(form, "__RequestVerificationToken")), "__RequestVerificationToken" },
            { new StringContent(Hidden(form, "Input.IdempotencyKey")), "Input.IdempotencyKey" },
            { new StringContent("DefectReport"), "Input.Kind" },
            { new StringContent(categories.Count > 0 ? categories[random.Next(categories.Count)] : ""), "Input.CategoryId" },
            { new StringContent($"{Pick(Subjects, random)} {Pick(Predicates, random)}. Bitte kümmern Sie sich darum. Lastmessung {random.Next(1_000_000)}."), "Input.Description" },
            { new StringContent($"{Pick(Streets, random)} {random.Next(1, 120)}"), "Input.Location" },
            { new StringContent(""), "Input.ContactName" },
            { new StringContent(""), "Input.ContactEmail" },
            { new StringContent(""), "Input.ContactPhone" },
            { new StringContent(""), "Website" },
        };

        var begin = Stopwatch.GetTimestamp();
        using var response = await client.PostAsync("/anliegen/neu", content);
        var latency = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is null)
        {
            throw new InvalidOperationException($"POST /anliegen/neu answered {(int)response.StatusCode}");
        }

        var confirmation = await GetOkAsync(client, response.Headers.Location.OriginalString);
        if (!confirmation.Contains("Eingegangen", StringComparison.OrdinalIgnoreCase) && !ReferenceNumber().IsMatch(confirmation))
        {
            throw new InvalidOperationException("the confirmation page shows no reference number");
        }

        return latency;
    }

    private const string PostForm = "/intern/poststelle/erfassen";

    private static async Task<List<string>> UnitsAsync(HttpClient client) =>
        CategoryOption().Matches(Select(await GetOkAsync(client, PostForm), "Input.AddresseeUnitId")).Select(m => m.Groups[1].Value).ToList();

    /// <summary>One letter registered as the mailroom's form sends it; returns the POST's latency.</summary>
    private static async Task<double> RegisterLetterAsync(HttpClient client, List<string> units, Random random)
    {
        var form = await GetOkAsync(client, PostForm);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Hidden(form, "__RequestVerificationToken")), "__RequestVerificationToken" },
            { new StringContent(Hidden(form, "Input.IdempotencyKey")), "Input.IdempotencyKey" },
            { new StringContent($"Lieferant {random.Next(1_000)} GmbH\n{Pick(Streets, random)} {random.Next(1, 120)}\n21335 Lüneburg"), "Input.Sender" },
            { new StringContent($"Rechnung Nr. {random.Next(1_000_000)}"), "Input.Subject" },
            { new StringContent("Invoice"), "Input.Kind" },
            { new StringContent(units.Count > 0 ? units[random.Next(units.Count)] : "1"), "Input.AddresseeUnitId" },
            { new StringContent(SelectedOption().Match(Select(form, "Input.SiteId")) is { Success: true } site ? site.Groups[1].Value : "1"), "Input.SiteId" },
            { new StringContent("2"), "Input.Pages" },
        };

        var begin = Stopwatch.GetTimestamp();
        using var response = await client.PostAsync(PostForm, content);
        var latency = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is null)
        {
            throw new InvalidOperationException($"POST {PostForm} answered {(int)response.StatusCode}");
        }

        var next = await GetOkAsync(client, response.Headers.Location.OriginalString);
        return next.Contains("ist erfasst", StringComparison.Ordinal) || next.Contains("Eingegangen", StringComparison.Ordinal)
            ? latency
            : throw new InvalidOperationException("the form shows no registered number");
    }

    private static string Select(string html, string name) =>
        SelectElement().Matches(html).FirstOrDefault(m => m.Value.Contains($"name=\"{name}\"", StringComparison.Ordinal))?.Value ?? "";

    private static async Task<double> ListAsync(HttpClient client, string path)
    {
        var begin = Stopwatch.GetTimestamp();
        var page = await GetOkAsync(client, path);
        var latency = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        return page.Contains("<table", StringComparison.Ordinal) || page.Contains("<main", StringComparison.Ordinal)
            ? latency
            : throw new InvalidOperationException("GET " + path + " showed no list");
    }

    private static async Task<string> GetOkAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode == HttpStatusCode.OK
            ? await response.Content.ReadAsStringAsync()
            : throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} {response.Headers.Location}");
    }

    private static string Hidden(string html, string name)
    {
        foreach (Match input in InputTag().Matches(html))
        {
            if (input.Value.Contains($"name=\"{name}\"", StringComparison.Ordinal) && HiddenValue().Match(input.Value) is { Success: true } value)
            {
                return WebUtility.HtmlDecode(value.Groups[1].Value);
            }
        }

        throw new InvalidOperationException($"no hidden field {name} in the form");
    }

    private static string Pick(string[] words, Random random) => words[random.Next(words.Length)];

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex HiddenValue();

    [GeneratedRegex("<option value=\"(\\d+)\"")]
    private static partial Regex CategoryOption();

    [GeneratedRegex("<select[^>]*>.*?</select>", RegexOptions.Singleline)]
    private static partial Regex SelectElement();

    [GeneratedRegex("<option selected=\"selected\" value=\"(\\d+)\"")]
    private static partial Regex SelectedOption();

    [GeneratedRegex(@"\d{4}-\d{6}")]
    private static partial Regex ReferenceNumber();
}
