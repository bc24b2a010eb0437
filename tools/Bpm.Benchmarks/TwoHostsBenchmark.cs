using System.Diagnostics;
using Bpm.Persistence;
using Bpm.Persistence.Providers;
using Bpm.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Benchmarks;

/// <summary>
/// Two Bpm hosts on one durable PostgreSQL: two processes, each with its own executor lanes and its
/// own outbox pump (the leased dispatch), complete tasks at the same time; then SQL checks that
/// nothing was lost or doubled. Each host's consumer keeps the ids it was handed and, once the outbox is
/// empty, writes them all into <c>bench_deliveries</c>, so a row that both pumps (or one pump twice)
/// delivered shows as two. The consumer writes nothing per row: a real consumer's own write is its cost,
/// not the dispatch's, and one commit per row in a table of ours had made the drain measure that.
/// </summary>
internal static class TwoHostsBenchmark
{
    private const string Usage = "usage: twohosts [--hosts 1|2 (default 2)] [--workers N (per host, default 8)] [--completions N (per host, default 4000)] [--steps N] [--warm-up N (completions per host before the clock, not counted, default 4000)] [--connection CS]";
    private static readonly string[] Names = ["a", "b"];

    /// <summary>The server's pump interval (SchedulingWorker.Interval).</summary>
    private static readonly TimeSpan PumpInterval = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(string[] args)
    {
        string? connection = null, host = null;
        int hosts = 2, workers = 8, completions = 4000, steps = 10, warmUp = 4000;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--connection" when value is not null: connection = value; break;
                case "--host" when value is not null: host = value; break;
                // One host is the same harness (a process, its lanes, its pump) for the figure to compare with.
                case "--hosts" when value is "1" or "2": hosts = int.Parse(value); break;
                case "--workers" when int.TryParse(value, out var w) && w > 0: workers = w; break;
                case "--completions" when int.TryParse(value, out var c) && c > 0: completions = c; break;
                case "--steps" when int.TryParse(value, out var s) && s > 0: steps = s; break;
                case "--warm-up" when int.TryParse(value, out var u) && u >= 0: warmUp = u; break;
                default:
                    Console.Error.WriteLine($"unknown or invalid argument '{args[i]}'\n{Usage}");
                    return 1;
            }

            i++;
        }

        if (host is not null)
        {
            return connection is null ? Fail("--host needs --connection") : await HostAsync(host, connection, workers, completions, steps, warmUp);
        }

        using var server = connection is null ? PersistedBenchmark.StartDurablePostgres() : null;
        connection ??= server!.ConnectionString;
        await PersistedBenchmark.SetUpAsync(Create(connection), steps);
        await using (var db = Create(connection))
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS bench_deliveries (outbox_id bigint NOT NULL, host text NOT NULL)");
        }

        var (elapsed, drain, latencies, warmedUp) = await RunHostsAsync(Names[..hosts], connection, workers, completions, steps, warmUp);
        var combined = PersistedBenchmark.Summarise(latencies, elapsed);
        Console.WriteLine($"combined: hosts={hosts} workers={workers}x{hosts} completions={latencies.Length} elapsed={elapsed.TotalSeconds:F2}s load={PersistedBenchmark.LoadAverage()}");
        Console.WriteLine($"combined: {PersistedBenchmark.ResultLine(combined)}");
        Console.WriteLine($"drain: outbox empty {drain.TotalSeconds:F1}s after the last completion");
        return await CheckAsync(connection, latencies.Length, warmedUp) ? 0 : 1;
    }

    /// <summary>
    /// Starts the hosts, lets them go at once, and returns the wall time until both finished their
    /// completions, the time from then until the outbox was empty, all latencies, and how many
    /// completions the hosts' warm-ups made before the clock.
    /// </summary>
    private static async Task<(TimeSpan Elapsed, TimeSpan Drain, double[] Latencies, int WarmedUp)> RunHostsAsync(string[] hosts, string connection, int workers, int completions, int steps, int warmUp)
    {
        var children = hosts.Select(h => new HostProcess(h, Start(h, connection, workers, completions, steps, warmUp))).ToList();
        try
        {
            await Task.WhenAll(children.Select(c => c.WaitForAsync("ready")));
            var clock = Stopwatch.StartNew();
            foreach (var child in children)
            {
                await child.Process.StandardInput.WriteLineAsync("go");
                await child.Process.StandardInput.FlushAsync();
            }

            await Task.WhenAll(children.Select(c => c.WaitForAsync("completions/s=")));
            clock.Stop();
            var drain = await DrainAsync(connection);
            foreach (var child in children)
            {
                await child.Process.WaitForExitAsync();
                await child.Reading;
                if (child.Process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"host {child.Name} exited with {child.Process.ExitCode}");
                }
            }

            return (clock.Elapsed, drain, children.SelectMany(c => c.Latencies).Order().ToArray(), children.Sum(c => c.WarmedUp));
        }
        finally
        {
            foreach (var child in children.Where(c => !c.Process.HasExited))
            {
                child.Process.Kill();
            }
        }
    }

    /// <summary>Waits until no outbox row is pending, saying every 10 s how many are; returns how long that took.</summary>
    private static async Task<TimeSpan> DrainAsync(string connection)
    {
        var clock = Stopwatch.StartNew();
        var said = TimeSpan.Zero;
        await using var db = Create(connection);
        while (await db.Outbox.CountAsync(o => o.DispatchedAt == null) is var pending and > 0)
        {
            if (clock.Elapsed - said >= TimeSpan.FromSeconds(10))
            {
                said = clock.Elapsed;
                Console.WriteLine($"drain: {pending} rows pending {said.TotalSeconds:F0}s after the last completion");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        return clock.Elapsed;
    }

    private static Process Start(string host, string connection, int workers, int completions, int steps, int warmUp)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        // Started as `dotnet Bpm.Benchmarks.dll`, the child needs the assembly again.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(TwoHostsBenchmark).Assembly.Location);
        }

        foreach (var arg in new[] { "twohosts", "--host", host, "--connection", connection, "--workers", $"{workers}", "--completions", $"{completions}", "--steps", $"{steps}", "--warm-up", $"{warmUp}" })
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"host {host} did not start");
    }

    /// <summary>
    /// One host: its lanes and its pump. Warms up (its own instances, not timed: a fresh process runs its
    /// first seconds on unoptimised code), prints <c>ready</c>, waits for <c>go</c>, prints the persisted
    /// lines, its latencies, and leaves when the outbox is empty.
    /// </summary>
    private static async Task<int> HostAsync(string host, string connection, int workers, int completions, int steps, int warmUp)
    {
        using var stop = new CancellationTokenSource();
        var delivered = new System.Collections.Concurrent.ConcurrentQueue<long>();
        var pumping = PumpAsync(connection, delivered, stop.Token);
        if (warmUp > 0)
        {
            var (_, warm) = await PersistedBenchmark.RunLanesAsync("postgresql", connection, Create, workers, warmUp, steps, $"{host}-warm-", print: false);
            Console.WriteLine($"warm-up: completions={warm.Length}");
        }

        var (_, latencies) = await PersistedBenchmark.RunLanesAsync("postgresql", connection, Create, workers, completions, steps, $"{host}-", async () =>
        {
            Console.WriteLine("ready");
            _ = await Console.In.ReadLineAsync();
        });
        Console.WriteLine("latencies " + string.Join(' ', latencies.Select(l => l.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));

        // Both hosts' rows: whichever host is still running takes what the other left.
        await using (var db = Create(connection))
        {
            while (await db.Outbox.AnyAsync(o => o.DispatchedAt == null))
            {
                await Task.Delay(PumpInterval);
            }
        }

        await stop.CancelAsync();
        try
        {
            await pumping;
        }
        catch (OperationCanceledException)
        {
        }

        await using (var db = Create(connection))
        {
            var ids = delivered.ToArray();
            await db.Database.ExecuteSqlAsync($"INSERT INTO bench_deliveries (outbox_id, host) SELECT id, {host} FROM unnest({ids}) AS id");
        }

        return 0;
    }

    private static async Task PumpAsync(string connection, System.Collections.Concurrent.ConcurrentQueue<long> delivered, CancellationToken cancellationToken)
    {
        var pump = new OutboxPump(() => Create(connection), TimeProvider.System, [(message, _) =>
        {
            delivered.Enqueue(message.Id);
            return Task.CompletedTask;
        }]);
        while (true)
        {
            try
            {
                await pump.PumpAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // As the scheduling worker does: say it and try again next round. Before, a take that hit the
                // command timeout ended this loop silently, and the host waited for an empty outbox for ever.
                Console.WriteLine($"pump failed: {e.GetType().Name}: {e.Message}" + (e.GetBaseException() is { } inner && inner != e ? $" ({inner.GetType().Name}: {inner.Message})" : ""));
            }

            await Task.Delay(PumpInterval, cancellationToken);
        }
    }

    /// <summary>Nothing lost or doubled: prints one line per property and returns whether all hold.</summary>
    private static async Task<bool> CheckAsync(string connection, int completions, int warmedUp)
    {
        await using var db = Create(connection);
        var completed = await db.Journal.CountAsync(j => j.Type == "task-completed");
        var distinct = await Scalar(db, """SELECT count(DISTINCT ("InstanceId", "Payload"::jsonb->>'bookmarkId')) AS "Value" FROM journal WHERE "Type" = 'task-completed'""");
        var verdicts = await new JournalVerifier(db).VerifyAllAsync();
        var outbox = await db.Outbox.CountAsync();
        var pending = await db.Outbox.CountAsync(o => o.DispatchedAt == null);
        var notOnce = await Scalar(db, """SELECT count(*) AS "Value" FROM outbox o LEFT JOIN (SELECT outbox_id, count(*) AS n FROM bench_deliveries GROUP BY outbox_id) d ON d.outbox_id = o."Id" WHERE coalesce(d.n, 0) <> 1""");
        var retried = await db.Outbox.CountAsync(o => o.Attempts != 1);
        var byHost = string.Join(' ', await db.Database.SqlQueryRaw<string>("""SELECT host || '=' || count(*) AS "Value" FROM bench_deliveries GROUP BY host ORDER BY host""").ToListAsync());

        var checks = new (string Line, bool Holds)[]
        {
            ($"completions applied once: journal task-completed={completed} distinct (instance, task)={distinct} timed={completions} warm-up={warmedUp}", completed == completions + warmedUp && distinct == completed),
            ($"journal chains intact: {verdicts.Count(v => v.Intact)} of {verdicts.Count}", verdicts.All(v => v.Intact)),
            ($"outbox delivered exactly once: rows={outbox} pending={pending} delivered-not-once={notOnce} attempts-not-1={retried} by host: {byHost}", pending == 0 && notOnce == 0 && retried == 0),
        };
        foreach (var (line, holds) in checks)
        {
            Console.WriteLine($"check: {line} {(holds ? "ok" : "FAILED")}");
        }

        return checks.All(c => c.Holds);
    }

    private static Task<long> Scalar(BpmDbContext db, string sql) => db.Database.SqlQueryRaw<long>(sql).SingleAsync();

    private static BpmDbContext Create(string connection) => BpmDatabase.CreateContext(DatabaseProvider.PostgreSql, connection);

    private static int Fail(string problem)
    {
        Console.Error.WriteLine($"{problem}\n{Usage}");
        return 1;
    }

    /// <summary>A host's process and what it printed: its lines echoed with its name, its latencies kept.</summary>
    private sealed class HostProcess
    {
        private readonly List<string> _lines = [];

        public HostProcess(string name, Process process)
        {
            Name = name;
            Process = process;
            Reading = Task.Run(ReadAsync);
        }

        public string Name { get; }

        public Process Process { get; }

        /// <summary>Ends when the host's output does.</summary>
        public Task Reading { get; }

        public List<double> Latencies { get; } = [];

        public int WarmedUp { get; private set; }

        public async Task WaitForAsync(string start)
        {
            while (true)
            {
                lock (_lines)
                {
                    if (_lines.Any(l => l.StartsWith(start, StringComparison.Ordinal)))
                    {
                        return;
                    }
                }

                if (Reading.IsCompleted)
                {
                    throw new InvalidOperationException($"host {Name} ended before printing '{start}'");
                }

                await Task.Delay(20);
            }
        }

        private async Task ReadAsync()
        {
            while (await Process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("warm-up: completions=", StringComparison.Ordinal))
                {
                    WarmedUp = int.Parse(line["warm-up: completions=".Length..], System.Globalization.CultureInfo.InvariantCulture);
                }

                if (line.StartsWith("latencies ", StringComparison.Ordinal))
                {
                    Latencies.AddRange(line["latencies ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(l => double.Parse(l, System.Globalization.CultureInfo.InvariantCulture)));
                }
                else if (line != "ready")
                {
                    Console.WriteLine($"host {Name}: {line}");
                }

                lock (_lines)
                {
                    _lines.Add(line);
                }
            }
        }
    }
}
