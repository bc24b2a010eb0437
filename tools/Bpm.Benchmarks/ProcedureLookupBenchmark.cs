using System.Data.Common;
using System.Diagnostics;
using System.Xml.Linq;
using Bpm.Dossiers.Dossiers;
using Bpm.Engine;
using Bpm.Persistence;
using Bpm.Persistence.Providers;
using Bpm.Reports.Simulation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Bpm.Benchmarks;

/// <summary>
/// <c>lookup</c>: the reception's question "which published definition handles this procedure at
/// this unit" (<see cref="ProcedureProcesses.FindAsync"/>) over a province-simulation-like table:
/// corpus documents published as <c>--procedures</c> procedures each received at <c>--desks</c>
/// desks, one definition per desk × procedure. Times <c>--lookups</c> look-ups by the indexed
/// <c>ProcedureCode</c> column against the same number by the way it was done before the column
/// (a <c>LIKE</c> over every published XML, then parsing each match), round after round in
/// turn, each look-up on its own context as a reception has; and checks that both choose the same.
/// </summary>
internal static class ProcedureLookupBenchmark
{
    private const string Usage = "usage: lookup --provider sqlite|postgresql|sqlserver [--procedures N] [--desks N] [--lookups N] [--rounds N] [--connection CS]";

    public static async Task<int> RunAsync(string[] args)
    {
        string? provider = null, connection = null;
        int procedures = 6, desks = 100, lookups = 1000, rounds = 3;
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--provider": provider = value; break;
                case "--connection": connection = value; break;
                case "--procedures" when int.TryParse(value, out var p) && p > 0: procedures = p; break;
                case "--desks" when int.TryParse(value, out var d) && d > 0: desks = d; break;
                case "--lookups" when int.TryParse(value, out var l) && l > 0: lookups = l; break;
                case "--rounds" when int.TryParse(value, out var r) && r > 0: rounds = r; break;
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
            var target = connection ?? await CorpusBenchmark.FreshDatabaseAsync(chosen, server, "lookup", files);
            await PublishAsync(chosen, target, procedures, desks);
            var questions = Enumerable.Range(0, lookups).Select(i => (Code: Code(i % procedures), Unit: $"{Agency(i * 7 % desks)}.MOTCUA")).ToList();
            for (var round = 1; round <= rounds; round++)
            {
                var before = await TimeAsync(chosen, target, questions, LikeOverXmlAsync);
                var after = await TimeAsync(chosen, target, questions, ProcedureProcesses.FindAsync);
                var differ = before.Chosen.Zip(after.Chosen).Count(c => c.First != c.Second);
                Console.WriteLine(
                    $"round {round}: like-over-xml={before.Elapsed.TotalMilliseconds / lookups:F3} ms/look-up column={after.Elapsed.TotalMilliseconds / lookups:F3} ms/look-up "
                    + $"ratio={before.Elapsed / after.Elapsed:F1} differ={differ} load={PersistedBenchmark.LoadAverage()}");
            }

            if (chosen == DatabaseProvider.PostgreSql)
            {
                await ExplainAsync(target, questions[0], LikeOverXmlAsync, "like-over-xml");
                await ExplainAsync(target, questions[0], ProcedureProcesses.FindAsync, "column");
            }

            return 0;
        }
        finally
        {
            CorpusBenchmark.DeleteSqliteFiles(files);
        }
    }

    private static string Code(int procedure) => $"BENCH.{procedure:D3}";

    private static string Agency(int desk) => $"DESK{desk:D3}";

    /// <summary>The corpus's first documents, each made the process of one desk for one procedure, published in one batch.</summary>
    private static async Task PublishAsync(DatabaseProvider provider, string connection, int procedures, int desks)
    {
        var corpus = ProcedureCorpus.Generate(15);
        var count = procedures * desks;
        if (count > corpus.Count)
        {
            throw new InvalidOperationException($"{procedures} procedures × {desks} desks is {count} definitions; the corpus has {corpus.Count} documents");
        }

        var documents = corpus.Take(count).Select((p, i) => (p.DefinitionId, Xml: ForDesk(p.Xml, Code(i / desks), Agency(i % desks)))).ToList();
        await using var db = BpmDatabase.CreateContext(provider, connection);
        await db.Database.MigrateAsync();
        await new DefinitionStore(db, TimeProvider.System).PublishManyAsync(documents, "lookup");
        Console.WriteLine($"provider={provider.Name()} published={count} ({procedures} procedures × {desks} desks) xml={documents.Sum(d => (long)d.Xml.Length) / 1024} KiB load={PersistedBenchmark.LoadAverage()}");
    }

    private static string ForDesk(string xml, string procedureCode, string agency)
    {
        var document = XDocument.Parse(xml);
        var main = MainProcess(document)!;
        main.SetAttributeValue(XName.Get("procedureCode", BpmnNames.Extension), procedureCode);
        main.SetAttributeValue(XName.Get("decidingUnit", BpmnNames.Extension), agency);
        return document.Declaration + document.ToString();
    }

    private static async Task<(TimeSpan Elapsed, List<string?> Chosen)> TimeAsync(
        DatabaseProvider provider, string connection, List<(string Code, string Unit)> questions, Func<BpmDbContext, string, string, CancellationToken, Task<string?>> find)
    {
        var chosen = new List<string?>(questions.Count);
        var clock = Stopwatch.StartNew();
        foreach (var (code, unit) in questions)
        {
            await using var db = BpmDatabase.CreateContext(provider, connection);
            chosen.Add(await find(db, code, unit, CancellationToken.None));
        }

        return (clock.Elapsed, chosen);
    }

    /// <summary>The server's plan and timing of the statement a look-up sends, run again under <c>EXPLAIN (ANALYZE, BUFFERS)</c> with its parameters.</summary>
    private static async Task ExplainAsync(string connection, (string Code, string Unit) question, Func<BpmDbContext, string, string, CancellationToken, Task<string?>> find, string name)
    {
        var capture = new StatementCapture();
        await using (var db = new BpmDbContext(new DbContextOptionsBuilder<BpmDbContext>(BpmDatabase.Options(DatabaseProvider.PostgreSql, connection)).AddInterceptors(capture).Options))
        {
            await find(db, question.Code, question.Unit, CancellationToken.None);
        }

        await using var npgsql = new NpgsqlConnection(connection);
        await npgsql.OpenAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + capture.Text, npgsql);
        foreach (var (parameter, value) in capture.Parameters)
        {
            explain.Parameters.Add(new NpgsqlParameter(parameter, value));
        }

        await using var plan = await explain.ExecuteReaderAsync();
        Console.WriteLine($"{name}: {capture.Text.ReplaceLineEndings(" ")}");
        while (await plan.ReadAsync())
        {
            Console.WriteLine("  " + plan.GetString(0));
        }
    }

    /// <summary>The last statement a context sent, with its parameters.</summary>
    private sealed class StatementCapture : DbCommandInterceptor
    {
        public string Text { get; private set; } = "";

        public List<(string Name, object? Value)> Parameters { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Text = command.CommandText;
            Parameters.Clear();
            Parameters.AddRange(command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)));
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>The look-up as <c>ProcedureProcesses</c> did it before the columns (main <c>e50ae58</c>), kept to compare against.</summary>
    private static async Task<string?> LikeOverXmlAsync(BpmDbContext db, string procedureCode, string receivingUnit, CancellationToken cancellationToken)
    {
        var agency = receivingUnit.Split('.')[0];
        var published = await db.Definitions.AsNoTracking()
            .Where(d => d.Status == DefinitionStatus.Published && d.Xml.Contains(procedureCode))
            .Select(d => new { d.DefinitionId, d.Version, d.Xml })
            .ToListAsync(cancellationToken);
        return published
            .GroupBy(d => d.DefinitionId)
            .Select(g => g.MaxBy(d => d.Version)!)
            .Select(d => (d.DefinitionId, Process: MainProcess(XDocument.Parse(d.Xml))))
            .Where(d => (string?)d.Process?.Attribute(XName.Get("procedureCode", BpmnNames.Extension)) == procedureCode)
            .Select(d => (d.DefinitionId, DecidingUnit: (string?)d.Process!.Attribute(XName.Get("decidingUnit", BpmnNames.Extension))))
            .OrderByDescending(d => d.DecidingUnit == agency)
            .ThenBy(d => d.DefinitionId, StringComparer.Ordinal)
            .Select(d => d.DefinitionId)
            .FirstOrDefault();
    }

    private static XElement? MainProcess(XDocument document)
    {
        var processes = document.Root?.Elements(XName.Get("process", BpmnNames.Model)).ToList() ?? [];
        return processes.FirstOrDefault(p => (string?)p.Attribute("isExecutable") == "true") ?? processes.FirstOrDefault();
    }
}
