using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bpm.Load;

/// <summary>
/// One bounded load run against a Bpm server on this machine: workers repeat the scenario until
/// the operation count or the time is used up, each call timed by <see cref="Stopwatch"/>; then per
/// operation the count, errors, throughput (operations ÷ wall time) and p50/p99/max.
/// </summary>
internal static class LoadRun
{
    private const string Password = "BpmDemo2026";
    private const string Reception = "motcua.phuonglam";
    private const string Specialist = "tuphap.phuonglam";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var (options, error) = LoadOptions.Parse(args);
        if (options is null)
        {
            await stderr.WriteLineAsync($"bpm-load: {error}\n{LoadOptions.Usage}");
            return 2;
        }

        // One client and one set of tokens per host: a second host on the same database accepts the first's
        // tokens only if they share the signing keys, which is the deployment's business, not the load's.
        var hosts = new List<Caller.Host>();
        foreach (var url in options.Urls)
        {
            var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, UseCookies = false }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
            var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
            string[] users = options.Scenario != "get" ? [Reception, Specialist] : options.User == LoadOptions.Anonymous ? [] : [options.User];
            foreach (var user in users)
            {
                var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = Password });
                if (!response.IsSuccessStatusCode)
                {
                    await stderr.WriteLineAsync($"bpm-load: sign-in of {user} at {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    return 1;
                }

                tokens[user] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
            }

            hosts.Add(new Caller.Host(http, tokens));
        }

        var pacer = options.Rate is { } rate ? new Pacer(rate) : null;
        if (options.WarmUp > 0)
        {
            // Not timed and not counted: the first calls of a fresh server run its tier-0 JIT code and fill its caches.
            var warmUp = new Recorder();
            var warmUpElapsed = await RunPhaseAsync(options, hosts, warmUp, pacer, options.WarmUp);
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"warm-up: {warmUp.Operations} operations in {warmUpElapsed.TotalSeconds:F1}s, not counted"));
            if (warmUp.Failures.Count > 0)
            {
                foreach (var (status, count) in warmUp.Failures)
                {
                    await stdout.WriteLineAsync($"failed in the warm-up: {count} × {status}");
                }

                return 1;
            }

            pacer = options.Rate is { } again ? new Pacer(again) : null;
        }

        var recorder = new Recorder();
        using var memory = options.ServerPid is { } pid ? new MemorySampler(pid) : null;
        var elapsed = await RunPhaseAsync(options, hosts, recorder, pacer, options.Count);
        foreach (var host in hosts)
        {
            host.Http.Dispose();
        }

        await stdout.WriteLineAsync($"scenario={options.Scenario} url={string.Join(',', options.Urls)} concurrency={options.Concurrency} rate={options.Rate?.ToString(CultureInfo.InvariantCulture) ?? "unbounded"} elapsed={elapsed.TotalSeconds:F1}s warm-up={options.WarmUp} load={LoadAverage()}");
        foreach (var line in recorder.Summary(elapsed))
        {
            await stdout.WriteLineAsync(line);
        }

        if (memory is not null)
        {
            await stdout.WriteLineAsync(memory.Summary());
            await stdout.WriteLineAsync(memory.CpuSummary(recorder.Operations));
        }

        foreach (var (status, count) in recorder.Failures)
        {
            await stdout.WriteLineAsync($"failed: {count} × {status}");
        }

        return recorder.Failures.Count == 0 ? 0 : 1;
    }

    /// <summary>Workers repeat the scenario until <paramref name="count"/> operations are done or the run's time is up; returns the wall time.</summary>
    private static async Task<TimeSpan> RunPhaseAsync(LoadOptions options, List<Caller.Host> hosts, Recorder recorder, Pacer? pacer, int count)
    {
        var left = count;
        using var stop = new CancellationTokenSource(options.Duration);
        var started = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, options.Concurrency).Select(w => Task.Run(async () =>
        {
            var caller = new Caller(hosts[w % hosts.Count], recorder, pacer, stop.Token);
            while (!stop.IsCancellationRequested && Interlocked.Decrement(ref left) >= 0)
            {
                await (options.Scenario switch
                {
                    "receive" => caller.ReceiveAsync(),
                    "cycle" => caller.CycleAsync(),
                    _ => caller.GetAsync("get", options.User, options.Path),
                });
            }
        }));
        await Task.WhenAll(workers);
        return started.Elapsed;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>One worker's calls: the bodies and paths of the scenarios, each call recorded under its operation's name.</summary>
    private sealed class Caller(Caller.Host host, Recorder recorder, Pacer? pacer, CancellationToken cancellationToken)
    {
        /// <summary>One server: its client and the tokens its users signed in with.</summary>
        public sealed record Host(HttpClient Http, Dictionary<string, string> Tokens);

        public async Task<string?> ReceiveAsync()
        {
            var dossier = await SendAsync("receive", Reception, HttpMethod.Post, "/api/v1/dossiers", BirthRegistration());
            return dossier?.GetProperty("code").GetString();
        }

        /// <summary>A dossier from the desk to the leader: reception, hand-over (the desk's task), the specialist's inbox, then the examination completed.</summary>
        public async Task CycleAsync()
        {
            if (await ReceiveAsync() is not { } code
                || await SendAsync("handover", Reception, HttpMethod.Post, $"/api/v1/dossiers/{code}/handover", new { }) is null
                || await GetAsync("inbox", Specialist, "/api/v1/tasks?pageSize=20") is null
                || await GetAsync("inbox-dossier", Specialist, $"/api/v1/tasks?dossierCode={Uri.EscapeDataString(code)}") is not { } tasks)
            {
                return;
            }

            var task = tasks.GetProperty("items").EnumerateArray().FirstOrDefault(t => t.GetProperty("elementId").GetString() == "Task_ThamDinh");
            if (task.ValueKind == JsonValueKind.Undefined)
            {
                recorder.Fail("inbox-dossier: no Task_ThamDinh for " + code);
                return;
            }

            await SendAsync("complete", Specialist, HttpMethod.Post, $"/api/v1/tasks/{task.GetProperty("id").GetString()}/complete", new { outcome = "approve" });
        }

        public Task<JsonElement?> GetAsync(string operation, string user, string path) => SendAsync(operation, user, HttpMethod.Get, path, null);

        private async Task<JsonElement?> SendAsync(string operation, string user, HttpMethod method, string path, object? body)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            if (host.Tokens.TryGetValue(user, out var token))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            try
            {
                if (pacer is not null)
                {
                    await pacer.WaitAsync(cancellationToken);
                }

                var started = Stopwatch.GetTimestamp();
                using var response = await host.Http.SendAsync(request, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    recorder.Fail($"{operation}: {(int)response.StatusCode} {Shorten(text)}");
                    return null;
                }

                recorder.Record(operation, elapsed);
                return JsonDocument.Parse(text).RootElement;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The run's time is up: a call cut short is neither a success nor a failure.
                return null;
            }
            catch (HttpRequestException e)
            {
                recorder.Fail($"{operation}: {e.Message}");
                return null;
            }
        }

        private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

        private static object BirthRegistration() => new
        {
            procedureCode = "1.001193",
            applicant = new { kind = "person", fullName = "Nguyễn Văn An", identityNumber = "052099012345", phone = "0912 345 678", address = "Thôn 1, xã Phương Lâm" },
            papers = new[] { new { id = "to-khai-khai-sinh", count = 1 }, new { id = "giay-chung-sinh", count = 1 } },
            channel = "desk",
        };
    }

    /// <summary>
    /// Spaces the requests of all workers <c>1/rate</c> seconds apart (the n-th may start at
    /// n/rate after the first), so a long soak asks a steady rate whatever the latency.
    /// </summary>
    private sealed class Pacer(int rate)
    {
        private readonly long _start = Stopwatch.GetTimestamp();
        private long _issued = -1;

        public async Task WaitAsync(CancellationToken cancellationToken)
        {
            var slot = TimeSpan.FromSeconds((double)Interlocked.Increment(ref _issued) / rate);
            var wait = slot - Stopwatch.GetElapsedTime(_start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }
        }
    }

    /// <summary>Latencies per operation and the failures by message, shared by the workers.</summary>
    private sealed class Recorder
    {
        private readonly Dictionary<string, List<double>> _latencies = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
        private readonly Lock _lock = new();

        public IReadOnlyDictionary<string, int> Failures => _failures;

        /// <summary>Calls recorded, succeeded or failed.</summary>
        public long Operations
        {
            get
            {
                lock (_lock)
                {
                    return _latencies.Values.Sum(l => (long)l.Count) + _failures.Values.Sum();
                }
            }
        }

        public void Record(string operation, double milliseconds)
        {
            lock (_lock)
            {
                (_latencies.TryGetValue(operation, out var list) ? list : _latencies[operation] = []).Add(milliseconds);
            }
        }

        public void Fail(string message)
        {
            lock (_lock)
            {
                _failures[message] = _failures.GetValueOrDefault(message) + 1;
            }
        }

        public IEnumerable<string> Summary(TimeSpan elapsed) =>
            _latencies.Select(pair =>
            {
                var sorted = pair.Value.Order().ToArray();
                return string.Create(CultureInfo.InvariantCulture, $"{pair.Key}: n={sorted.Length} throughput={sorted.Length / elapsed.TotalSeconds:F1}/s p50={Percentile(sorted, 0.50):F1}ms p95={Percentile(sorted, 0.95):F1}ms p99={Percentile(sorted, 0.99):F1}ms max={sorted[^1]:F1}ms");
            });

        private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    /// <summary>
    /// The server's resident memory (VmRSS from /proc) every 10 seconds while the run lasts, and the
    /// processor time it used from the first timed call to the last (after the sign-ins, whose password
    /// hashing would otherwise dominate a short run). Processor time, unlike latency, hardly grows with
    /// the machine's load, so it compares runs made at different loads.
    /// </summary>
    private sealed class MemorySampler : IDisposable
    {
        /// <summary>USER_HZ: /proc reports times in these ticks on every Linux this runs on.</summary>
        private const double TicksPerSecond = 100;

        private readonly List<long> _kilobytes = [];
        private readonly Timer _timer;
        private readonly int _pid;
        private readonly long? _cpuTicksAtStart;

        public MemorySampler(int pid)
        {
            _pid = pid;
            _cpuTicksAtStart = CpuTicks();
            _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        }

        public string CpuSummary(long operations)
        {
            if (_cpuTicksAtStart is not { } start || CpuTicks() is not { } end)
            {
                return $"server pid {_pid}: no processor time read";
            }

            var seconds = (end - start) / TicksPerSecond;
            return string.Create(CultureInfo.InvariantCulture, $"server cpu: {seconds:F2}s user+system over {operations} operations = {(operations == 0 ? 0 : seconds * 1000 / operations):F2}ms per operation (background work included)");
        }

        /// <summary>utime + stime, fields 14 and 15 of /proc/PID/stat (counted after the command name, which may hold spaces).</summary>
        private long? CpuTicks()
        {
            var path = $"/proc/{_pid}/stat";
            if (!File.Exists(path))
            {
                return null;
            }

            var text = File.ReadAllText(path);
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }

        public string Summary()
        {
            Sample();
            lock (_kilobytes)
            {
                return _kilobytes.Count == 0 ? $"server pid {_pid}: no memory sample"
                    : string.Create(CultureInfo.InvariantCulture, $"server rss MB: first={_kilobytes[0] / 1024} min={_kilobytes.Min() / 1024} max={_kilobytes.Max() / 1024} last={_kilobytes[^1] / 1024} samples={_kilobytes.Count} (every 10 s: {string.Join(' ', _kilobytes.Select(k => k / 1024))})");
            }
        }

        public void Dispose() => _timer.Dispose();

        private void Sample()
        {
            var line = File.Exists($"/proc/{_pid}/status") ? File.ReadLines($"/proc/{_pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)) : null;
            if (line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
            {
                lock (_kilobytes)
                {
                    _kilobytes.Add(kb);
                }
            }
        }
    }
}
