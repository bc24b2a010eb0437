using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Bpm.Persistence;
using Bpm.Persistence.Providers;
using Bpm.Testing;
using Npgsql;

namespace Bpm.Benchmarks;

/// <summary>
/// <c>bench</c>: Bpm's durable task completions against what the same PostgreSQL does without Bpm.
/// One throwaway server with durable commits; on it pgbench's TPC-B-like script (five statements
/// per transaction), then <c>persisted --workers 16</c> and <c>--workers 1</c>, each in a database of
/// its own; then the ratio. Rounds alternate the runs, so that load from other jobs on the machine
/// falls on both sides. Bpm's rounds measure the steady state: uncounted warm-up runs first (a fresh
/// process spends about half of its first 15 s compiling), then rounds about as long as pgbench's.
/// </summary>
internal static partial class PostgresComparison
{
    private const string Usage = "usage: bench [--clients N] [--seconds N] [--scale N] [--completions N] [--warm-up SECONDS] [--rounds N] [--steps N]";

    public static async Task<int> RunAsync(string[] args)
    {
        int clients = 16, seconds = 30, scale = 16, rounds = 1, steps = 10, warmUp = 20;
        int? completions = null;
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length && int.TryParse(args[i + 1], out var v) && v > 0 ? v : (int?)null;
            switch (args[i])
            {
                case "--clients" when value is { } n: clients = n; break;
                case "--seconds" when value is { } n: seconds = n; break;
                case "--scale" when value is { } n: scale = n; break;
                case "--completions" when value is { } n: completions = n; break;
                case "--rounds" when value is { } n: rounds = n; break;
                case "--steps" when value is { } n: steps = n; break;
                case "--warm-up" when value is { } n: warmUp = n; break;
                default:
                    Console.Error.WriteLine($"unknown or invalid argument '{args[i]}'\n{Usage}");
                    return 1;
            }
        }

        using var server = PersistedBenchmark.StartDurablePostgres();
        var pgbench = await CreateDatabaseAsync(server, "pgbench");
        Pgbench(pgbench, "-i", "-q", "-s", scale.ToString(CultureInfo.InvariantCulture));
        Console.WriteLine($"pgbench: TPC-B-like, scale {scale}, {clients} clients, {seconds} s per round");

        // A fresh process runs at about half its rate while the JIT compiles (tiered compilation goes on for
        // about 15 s here): warm-up runs, not counted, until --warm-up seconds have passed at each worker
        // count. Their last rate sizes the rounds to last about as long as pgbench's, unless --completions says.
        Console.WriteLine($"warm-up (not counted), {warmUp} s per worker count:");
        var manyRate = await WarmUpAsync(server, "many", clients, steps, warmUp);
        var oneRate = await WarmUpAsync(server, "one", 1, steps, warmUp);
        var manyCompletions = completions ?? RoundSize(manyRate, seconds, clients * steps);
        var oneCompletions = completions is { } c ? Math.Max(steps, c / 4) : RoundSize(oneRate, seconds, steps);
        Console.WriteLine($"rounds: {manyCompletions} completions at {clients} workers, {oneCompletions} at 1");

        var rates = new List<double>();
        var many = new List<PersistedResult>();
        var one = new List<PersistedResult>();
        for (var round = 1; round <= rounds; round++)
        {
            var steal = CpuSteal.Now();
            var output = Pgbench(pgbench, "-n", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", seconds.ToString(CultureInfo.InvariantCulture));
            var tps = double.Parse(TpsLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
            rates.Add(tps);
            Console.WriteLine($"round {round}: pgbench tps={tps:F0} load={PersistedBenchmark.LoadAverage()} steal={CpuSteal.Since(steal)}");
            steal = CpuSteal.Now();
            many.Add(await BpmAsync(server, $"bpm_{round}_{clients}", clients, manyCompletions, steps));
            Console.WriteLine($"round {round}: bpm workers={clients} steal={CpuSteal.Since(steal)}");
            one.Add(await BpmAsync(server, $"bpm_{round}_1", 1, oneCompletions, steps));
        }

        var rate = Median(rates);
        (manyRate, oneRate) = (Median(many.Select(r => r.PerSecond)), Median(one.Select(r => r.PerSecond)));
        Console.WriteLine($"summary ({rounds} round(s), medians): pgbench tps={rate:F0}; bpm workers={clients} completions/s={manyRate:F0} p99={Median(many.Select(r => r.P99)):F2}ms ratio={manyRate / rate:F2}; bpm workers=1 completions/s={oneRate:F0} p99={Median(one.Select(r => r.P99)):F2}ms");
        return 0;
    }

    /// <summary>Runs uncounted Bpm runs of growing size until <paramref name="seconds"/> have passed; returns the last run's rate.</summary>
    private static async Task<double> WarmUpAsync(PostgresServer server, string name, int workers, int steps, int seconds)
    {
        var clock = Stopwatch.StartNew();
        var size = workers * steps * 10;
        double rate;
        var run = 0;
        do
        {
            rate = (await BpmAsync(server, $"bpm_warmup_{name}_{++run}", workers, size, steps)).PerSecond;

            // Each run about twice as long as the last, up to a few seconds: short runs are mostly set-up.
            size = Math.Min(size * 2, RoundSize(rate, 5, workers * steps));
        }
        while (clock.Elapsed.TotalSeconds < seconds);

        return rate;
    }

    /// <summary>How many completions last about <paramref name="seconds"/> at <paramref name="rate"/>, in whole multiples of <paramref name="unit"/>.</summary>
    private static int RoundSize(double rate, int seconds, int unit) => Math.Max(1, (int)(rate * seconds / unit)) * unit;

    private static async Task<PersistedResult> BpmAsync(PostgresServer server, string database, int workers, int completions, int steps)
    {
        var created = await CreateDatabaseAsync(server, database);
        return await PersistedBenchmark.RunAsync("postgresql", created.ConnectionString, cs => BpmDatabase.CreateContext(DatabaseProvider.PostgreSql, cs), workers, completions, steps);
    }

    internal static async Task<NpgsqlConnectionStringBuilder> CreateDatabaseAsync(PostgresServer server, string name)
    {
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name };
    }

    /// <summary>pgbench is a client: it runs as whoever runs this, against the server's loopback port.</summary>
    private static string Pgbench(NpgsqlConnectionStringBuilder database, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(PostgresServer.BinDirectory, "pgbench")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-h", database.Host!, "-p", database.Port.ToString(CultureInfo.InvariantCulture), "-U", database.Username!, .. arguments, database.Database!])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("pgbench did not start");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pgbench {string.Join(' ', arguments)} failed: {error.Result.Trim()}");
        }

        return output;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();
}
