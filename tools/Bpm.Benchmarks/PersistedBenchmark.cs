using System.Diagnostics;
using Bpm.Engine;
using Bpm.Persistence;
using Bpm.Persistence.Providers;
using Bpm.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Benchmarks;

/// <summary>
/// Persisted task completions: <c>CommandExecutor.ExecuteAsync(CompleteTask)</c> against a real
/// database, each call a committed transaction. Workers each own a DbContext and their own
/// instances, so the numbers measure the write path, not contention on one instance.
/// </summary>
internal static class PersistedBenchmark
{
    private const string Usage = "usage: persisted --provider sqlite|postgresql|sqlserver [--workers N] [--completions N] [--steps N] [--instance-cache ROWS (0: off)] [--connection CS]";
    private const string DefinitionId = "bench";

    public static async Task<int> RunAsync(string[] args)
    {
        string? provider = null, connection = null;
        int workers = 1, completions = 2000, steps = 10, instanceCache = InstanceCache.DefaultSize;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--provider": provider = value; break;
                case "--connection": connection = value; break;
                case "--workers" when int.TryParse(value, out var w) && w > 0: workers = w; break;
                case "--completions" when int.TryParse(value, out var c) && c > 0: completions = c; break;
                case "--steps" when int.TryParse(value, out var s) && s > 0: steps = s; break;
                case "--instance-cache" when int.TryParse(value, out var rows) && rows >= 0: instanceCache = rows; break;
                default:
                    Console.Error.WriteLine($"unknown or invalid argument '{args[i]}'\n{Usage}");
                    return 1;
            }

            i++;
        }

        if (PersistedBenchmark.ChooseProvider(provider, connection, Usage) is not { } chosen)
        {
            return 1;
        }

        using var server = chosen == DatabaseProvider.PostgreSql && connection is null ? StartDurablePostgres() : null;
        var file = chosen == DatabaseProvider.Sqlite && connection is null ? Path.Combine(Path.GetTempPath(), $"bpm-bench-{Guid.NewGuid():N}.db") : null;
        connection ??= server?.ConnectionString ?? $"Data Source={file}";
        try
        {
            _ = await RunAsync(chosen.Name(), connection, cs => BpmDatabase.CreateContext(chosen, cs), workers, completions, steps, instanceCache);
            return 0;
        }
        finally
        {
            if (file is not null)
            {
                SqliteConnection.ClearAllPools();
                foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                {
                    File.Delete(path);
                }
            }
        }
    }

    /// <summary>Runs the timed completions against a database that exists (migrated here) and prints the two result lines.</summary>
    public static async Task<PersistedResult> RunAsync(string provider, string connection, Func<string, BpmDbContext> create, int workers, int completions, int steps, int instanceCache = InstanceCache.DefaultSize)
    {
        await SetUpAsync(create(connection), steps);
        return (await RunLanesAsync(provider, connection, create, workers, completions, steps, instanceCache: instanceCache)).Result;
    }

    /// <summary>Migrates the database and publishes the benchmark's definition of <paramref name="steps"/> tasks.</summary>
    public static async Task SetUpAsync(BpmDbContext setup, int steps)
    {
        await using (setup)
        {
            await setup.Database.MigrateAsync();
            var definitions = new DefinitionStore(setup, TimeProvider.System);
            await definitions.SaveDraftAsync(DefinitionId, EngineBenchmarks.Sequential(steps), "bench");
            await definitions.PublishAsync(DefinitionId, "bench");
        }
    }

    /// <summary>
    /// The timed completions on a set-up database, each worker with instances of its own named after
    /// <paramref name="lanePrefix"/> (several processes on one database each give their own);
    /// <paramref name="ready"/> runs when the instances are started, just before the clock; the two result lines are printed unless <paramref name="print"/> is false. The workers
    /// share one instance cache of <paramref name="instanceCache"/> rows, as the executors of a host do.
    /// </summary>
    public static async Task<(PersistedResult Result, double[] Latencies)> RunLanesAsync(
        string provider, string connection, Func<string, BpmDbContext> create, int workers, int completions, int steps, string lanePrefix = "", Func<Task>? ready = null, int instanceCache = InstanceCache.DefaultSize, bool print = true)
    {
        var time = TimeProvider.System;
        var cache = new DefinitionCache();
        var instances = new InstanceCache(instanceCache);
        var perWorker = completions / workers;
        var lanes = new List<Lane>();
        for (var w = 0; w < workers; w++)
        {
            lanes.Add(await Lane.StartAsync(create(connection), cache, instances, time, $"{lanePrefix}w{w}", (perWorker + steps - 1) / steps));
        }

        if (ready is not null)
        {
            await ready();
        }

        var total = Stopwatch.StartNew();
        var latencies = await Task.WhenAll(lanes.Select(l => Task.Run(() => l.CompleteAsync(perWorker))));
        total.Stop();
        foreach (var lane in lanes)
        {
            await lane.DisposeAsync();
        }

        var all = latencies.SelectMany(l => l).Order().ToArray();
        var result = Summarise(all, total.Elapsed);
        if (print)
        {
            Console.WriteLine($"provider={provider} workers={workers} completions={all.Length} steps={steps} instance-cache={instanceCache} elapsed={total.Elapsed.TotalSeconds:F2}s load={LoadAverage()}");
            Console.WriteLine(ResultLine(result));
        }

        return (result, all);
    }

    /// <summary>The line scripts read: <c>completions/s=… p50=…ms p99=…ms max=…ms</c>.</summary>
    public static string ResultLine(PersistedResult result) =>
        $"completions/s={result.PerSecond:F0} p50={result.P50:F2}ms p99={result.P99:F2}ms max={result.Max:F2}ms";

    /// <summary>Rate and latencies of <paramref name="sorted"/> (milliseconds, ascending) measured over <paramref name="elapsed"/>.</summary>
    public static PersistedResult Summarise(double[] sorted, TimeSpan elapsed) =>
        new(sorted.Length / elapsed.TotalSeconds, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted[^1]);

    /// <summary>The provider named by --provider, or null after saying on stderr why it cannot be used (unknown, or SQL Server without --connection).</summary>
    public static DatabaseProvider? ChooseProvider(string? provider, string? connection, string usage)
    {
        DatabaseProvider chosen;
        try
        {
            chosen = DatabaseProviders.Parse(provider ?? "", "--provider");
        }
        catch (UnknownDatabaseProviderException e)
        {
            Console.Error.WriteLine($"{e.Message}\n{usage}");
            return null;
        }

        if (chosen == DatabaseProvider.SqlServer && connection is null)
        {
            Console.Error.WriteLine($"--provider sqlserver needs --connection: there is no throwaway SQL Server\n{usage}");
            return null;
        }

        return chosen;
    }

    public static PostgresServer StartDurablePostgres()
    {
        var (server, problem) = PostgresServer.TryStart(durable: true);
        Console.WriteLine($"postgresql: throwaway server, {PostgresServer.DurableSettings}");
        return server ?? throw new InvalidOperationException(problem);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>One worker: its own context and instances, the next open task of each kept from the last result.</summary>
    private sealed class Lane(BpmDbContext db, CommandExecutor executor, Queue<(string InstanceId, string TaskId)> open) : IAsyncDisposable
    {
        public static async Task<Lane> StartAsync(BpmDbContext db, DefinitionCache cache, InstanceCache rows, TimeProvider time, string worker, int instances)
        {
            var executor = new CommandExecutor(db, time, cache, instances: rows);
            var open = new Queue<(string, string)>();
            for (var i = 0; i < instances; i++)
            {
                var id = $"{worker}-i{i}";
                var started = await executor.StartAsync(DefinitionId, null, new StartInstance(id, id));
                open.Enqueue((id, NextTask(started)));
            }

            return new Lane(db, executor, open);
        }

        public async Task<List<double>> CompleteAsync(int count)
        {
            var latencies = new List<double>(count);
            for (var i = 0; i < count; i++)
            {
                var (instanceId, taskId) = open.Dequeue();
                var started = Stopwatch.GetTimestamp();
                var result = await executor.ExecuteAsync(instanceId, new CompleteTask(taskId) { Actor = "bench" });
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!result.Applied)
                {
                    throw new InvalidOperationException($"instance '{instanceId}' task '{taskId}': {result.Status} {result.Rejection?.Message}");
                }

                if (result.State!.Status == InstanceStatus.Running)
                {
                    open.Enqueue((instanceId, NextTask(result)));
                }
            }

            return latencies;
        }

        public ValueTask DisposeAsync() => db.DisposeAsync();

        private static string NextTask(ExecutionResult result) =>
            result.Applied && result.State!.Bookmarks.Count > 0
                ? result.State.Bookmarks[0].Id
                : throw new InvalidOperationException($"instance '{result.InstanceId}': {result.Status} {result.Rejection?.Message}");
    }
}

/// <summary>One persisted run: completions per second and latencies in milliseconds.</summary>
internal sealed record PersistedResult(double PerSecond, double P50, double P99, double Max);
