using System.Diagnostics;
using Bpm.Engine;
using Bpm.Persistence;
using Bpm.Persistence.Providers;
using Bpm.Reports.Simulation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Benchmarks;

/// <summary>
/// <c>corpus</c>: the province's 2,257 internal procedures (<see cref="ProcedureCorpus"/>) validated
/// by the engine, then each saved as a draft and published through <see cref="DefinitionStore"/>,
/// one context per procedure as one API request would have. Publishing validates again, as it does
/// for a designer. With <c>--connection</c> the database is kept, so that the server can be
/// started on it and the designer's list timed (docs/benchmarks.md, "Corpus").
/// </summary>
internal static class CorpusBenchmark
{
    private const string Usage = "usage: corpus --provider sqlite|postgresql|sqlserver [--seed N] [--connection CS]";

    public static async Task<int> RunAsync(string[] args)
    {
        string? provider = null, connection = null;
        var seed = 15;
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--provider": provider = value; break;
                case "--connection": connection = value; break;
                case "--seed" when int.TryParse(value, out var s): seed = s; break;
                default:
                    Console.Error.WriteLine($"unknown or invalid argument '{args[i]}'\n{Usage}");
                    return 1;
            }
        }

        if (PersistedBenchmark.ChooseProvider(provider, connection, Usage) is not { } chosen)
        {
            return 1;
        }

        using var server = chosen == DatabaseProvider.PostgreSql && connection is null ? PersistedBenchmark.StartDurablePostgres() : null;
        var files = new List<string>();
        try
        {
            var corpus = Generate(seed);

            // The baseline (one by one, as a designer publishes) and the batch import, each into a fresh database of the same server or folder.
            foreach (var batch in connection is null ? new[] { false, true } : [true])
            {
                var target = connection ?? await FreshDatabaseAsync(chosen, server, batch ? "corpus_batch" : "corpus_single", files);
                await PublishAsync(chosen, target, corpus, batch);
            }

            return 0;
        }
        finally
        {
            DeleteSqliteFiles(files);
        }
    }

    /// <summary>Deletes the SQLite files <see cref="FreshDatabaseAsync"/> made, with their write-ahead log.</summary>
    internal static void DeleteSqliteFiles(IEnumerable<string> files)
    {
        SqliteConnection.ClearAllPools();
        foreach (var path in files.SelectMany(f => new[] { f, f + "-wal", f + "-shm" }))
        {
            File.Delete(path);
        }
    }

    /// <summary>A new database on the throwaway PostgreSQL, or a new SQLite file in the temp folder (added to <paramref name="files"/>).</summary>
    internal static async Task<string> FreshDatabaseAsync(DatabaseProvider provider, Testing.PostgresServer? server, string name, List<string> files)
    {
        if (server is not null)
        {
            return (await PostgresComparison.CreateDatabaseAsync(server, name)).ConnectionString;
        }

        var file = Path.Combine(Path.GetTempPath(), $"bpm-{name}-{Guid.NewGuid():N}.db");
        files.Add(file);
        return provider == DatabaseProvider.Sqlite ? $"Data Source={file}" : throw new InvalidOperationException("a fresh database is made on SQLite or the throwaway PostgreSQL only");
    }

    private static IReadOnlyList<CorpusProcedure> Generate(int seed)
    {
        var clock = Stopwatch.StartNew();
        var corpus = ProcedureCorpus.Generate(seed);
        var generated = clock.Elapsed;
        clock.Restart();
        var invalid = corpus.Where(p => !BpmnLoader.Load(p.Xml).IsValid).Select(p => p.DefinitionId).ToList();
        if (invalid.Count > 0)
        {
            throw new InvalidOperationException($"{invalid.Count} procedures of the corpus do not validate, the first {invalid[0]}");
        }

        Console.WriteLine($"corpus procedures={corpus.Count} inter-connected={corpus.Count(p => p.InterConnected)} xml={corpus.Sum(p => (long)p.Xml.Length) / 1024} KiB seed={seed}");
        Console.WriteLine($"generate={generated.TotalSeconds:F2}s validate={clock.Elapsed.TotalSeconds:F2}s load={PersistedBenchmark.LoadAverage()}");
        return corpus;
    }

    /// <summary>Saves and publishes the corpus: one by one (a context per procedure, as one API request each), or in one <see cref="DefinitionStore.PublishManyAsync"/>. Both validate every document on publishing.</summary>
    private static async Task PublishAsync(DatabaseProvider provider, string connection, IReadOnlyList<CorpusProcedure> corpus, bool batch)
    {
        await using (var setup = BpmDatabase.CreateContext(provider, connection))
        {
            await setup.Database.MigrateAsync();
        }

        var clock = Stopwatch.StartNew();
        if (batch)
        {
            await using var db = BpmDatabase.CreateContext(provider, connection);
            await new DefinitionStore(db, TimeProvider.System).PublishManyAsync([.. corpus.Select(p => (p.DefinitionId, p.Xml))], "corpus");
        }
        else
        {
            foreach (var procedure in corpus)
            {
                await using var db = BpmDatabase.CreateContext(provider, connection);
                var store = new DefinitionStore(db, TimeProvider.System);
                await store.SaveDraftAsync(procedure.DefinitionId, procedure.Xml, "corpus");
                await store.PublishAsync(procedure.DefinitionId, "corpus");
            }
        }

        Console.WriteLine($"provider={provider.Name()} mode={(batch ? "batch" : "one-by-one")} published={corpus.Count} validate+publish={clock.Elapsed.TotalSeconds:F2}s load={PersistedBenchmark.LoadAverage()}");
    }
}
