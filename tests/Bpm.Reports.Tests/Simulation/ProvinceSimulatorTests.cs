using Bpm.Dossiers.Catalog;
using Bpm.Dossiers.Dossiers;
using Bpm.Engine.Calendar;
using Bpm.Persistence;
using Bpm.Reports.Simulation;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Reports.Tests.Simulation;

/// <summary>A simulated province in its own SQLite database, run once for a test class.</summary>
public abstract class SimulationDatabase : IDisposable
{
    protected SimulationDatabase(Func<SqliteFixture, Task<SimulationResult>> simulate) => Result = simulate(Database).GetAwaiter().GetResult();

    public SqliteFixture Database { get; } = new();

    public SimulationResult Result { get; }

    public void Dispose() => Database.Dispose();
}

/// <summary>The 2019–2021 province at a tiny scale, committing its steps in batches.</summary>
public sealed class SimulatedProvinceDatabase() : SimulationDatabase(database => ProvinceSimulatorTests.SimulateAsync(database, Seed, StepsPerTransaction))
{
    public const decimal Scale = 0.0001m;
    public const int Seed = 7;

    /// <summary>Small enough that the run (about 500 steps) crosses many batch boundaries.</summary>
    public const int StepsPerTransaction = 37;
}

/// <summary>The province simulator at a tiny scale: the scaled counts arrive and resolve, and a seed gives the same province twice.</summary>
public sealed class ProvinceSimulatorTests(SimulatedProvinceDatabase province) : IClassFixture<SimulatedProvinceDatabase>
{
    private static readonly ReportPeriod Period = new(ProvinceReportFigures.From, ProvinceReportFigures.To);

    [Fact]
    public async Task RunAsync_TinyScale_ReceivesAndResolvesTheReportsCountsTimesTheScale()
    {
        await using var db = province.Database.CreateContext();
        var report = await new OneStopReport(db).ByAsync(Period, ReportDimension.Level);

        foreach (var level in new[] { "province", "district", "commune" })
        {
            var figures = report.Single(r => r.Key == level).Figures;
            var resolved = ProvinceSimulator.Scaled(ProvinceReportFigures.Of(level).Resolved, SimulatedProvinceDatabase.Scale);
            Assert.Equal(province.Result.Arrivals[level], figures.Received);
            Assert.Equal(figures.Received, figures.Resolved + figures.InProgress + figures.Refused + figures.Withdrawn);
            Assert.InRange(figures.Resolved, resolved - 2, resolved + 2);
        }
    }

    [Fact]
    public async Task RunAsync_TinyScale_EveryDossierWentThroughTheEngine()
    {
        await using var db = province.Database.CreateContext();

        var returned = await db.Dossiers.Where(d => d.Status == "returned").Select(d => d.InstanceId).ToListAsync();
        var completed = await db.Instances.Where(i => returned.Contains(i.InstanceId)).Select(i => new { i.Status, i.Evaluation }).ToListAsync();

        // The evaluation is the engine's, taken when the instance completed at the desk's return step.
        Assert.Equal(returned.Count, completed.Count);
        Assert.All(completed, i => Assert.Contains(i.Evaluation, new[] { "early", "on-time", "late" }));
        Assert.True(await db.Journal.CountAsync() > returned.Count * 4);
    }

    [Fact]
    public async Task RunAsync_SameSeedAgain_ReproducesEveryDossier()
    {
        using var again = new SqliteFixture();
        await SimulateAsync(again, SimulatedProvinceDatabase.Seed);

        await using var first = province.Database.CreateContext();
        await using var second = again.CreateContext();
        Assert.Equal(await DossiersAsync(first), await DossiersAsync(second));
    }

    [Fact]
    public async Task RunAsync_OneTransactionPerStep_WritesWhatTheBatchesWrote()
    {
        using var oneByOne = new SqliteFixture();
        await SimulateAsync(oneByOne, SimulatedProvinceDatabase.Seed, stepsPerTransaction: 1);

        await using var batched = province.Database.CreateContext();
        await using var single = oneByOne.CreateContext();
        await AssertSameProvinceAsync(single, batched);
    }

    [SkippableFact]
    public async Task RunAsync_OnPostgreSql_BatchesWriteWhatOneTransactionPerStepWrites()
    {
        using var batchedDatabase = new PostgresFixture();
        Skip.If(batchedDatabase.SkipReason is not null, batchedDatabase.SkipReason);
        using var oneByOneDatabase = new PostgresFixture();
        var deferred = await SimulateAsync(batchedDatabase, SimulatedProvinceDatabase.Seed, SimulatedProvinceDatabase.StepsPerTransaction);
        var live = await SimulateAsync(oneByOneDatabase, SimulatedProvinceDatabase.Seed, stepsPerTransaction: 1);

        // The batches are deferred writes (decision 0010); one step a transaction is the live path's own statements.
        Assert.Equal((true, false), (deferred.DeferredWrites, live.DeferredWrites));
        await using var batched = batchedDatabase.CreateContext();
        await using var single = oneByOneDatabase.CreateContext();
        await AssertSameProvinceAsync(single, batched);
        await AssertSameStoredRowsAsync(single, batched);
        Assert.True((await new JournalVerifier(batched).VerifyAllAsync()).All(r => r.Intact));
    }

    /// <summary>What else the steps store: the instance rows, the outbox, the portal rows, the day counts and the code counters.</summary>
    private static async Task AssertSameStoredRowsAsync(BpmDbContext expected, BpmDbContext actual)
    {
        static async Task<List<string>> RowsAsync(BpmDbContext db)
        {
            var instances = await (from i in db.Instances.AsNoTracking()
                                   join d in db.Dossiers.AsNoTracking() on i.InstanceId equals d.InstanceId
                                   orderby d.Code
                                   select new { d.Code, i.DefinitionId, i.DefinitionVersion, i.Status, i.Revision, i.StartedAt, i.EndedAt, i.DueAt, i.UpdatedAt, i.Evaluation, i.LateWithoutApology, i.State.Length }).ToListAsync();
            var outbox = await (from o in db.Outbox.AsNoTracking()
                                join d in db.Dossiers.AsNoTracking() on o.InstanceId equals d.InstanceId
                                orderby d.Code, o.Id
                                select new { d.Code, o.Type, o.CreatedAt, o.DispatchedAt, o.Attempts, o.LastError }).ToListAsync();
            var portal = await db.PortalSyncs.AsNoTracking().OrderBy(s => s.DossierCode).ThenBy(s => s.EventSeq)
                .Select(s => new { s.DossierCode, s.EventSeq, s.Status, s.At, s.NextAttemptAt, s.Attempts }).ToListAsync();
            var days = await db.DossierDayCounts.AsNoTracking().OrderBy(c => c.Day).ThenBy(c => c.ReceivingUnit).ThenBy(c => c.ProcedureCode).ToListAsync();
            var counters = await db.DossierCodeCounters.AsNoTracking().OrderBy(c => c.UnitIdentifier).ThenBy(c => c.ReceiptDay).ToListAsync();
            return
            [
                .. instances.Select(i => $"{i}"), .. outbox.Select(o => $"{o}"), .. portal.Select(p => $"{p}"),
                .. days.Select(c => $"{c.Day} {c.ReceivingUnit} {c.ProcedureCode} {c.Received} {c.Online} {c.Post} {c.Early} {c.OnTime} {c.Late} {c.LateWithoutApology} {c.Returned} {c.Withdrawn} {c.Refused}"),
                .. counters.Select(c => $"{c.UnitIdentifier} {c.ReceiptDay} {c.LastSequence}"),
            ];
        }

        Assert.Equal(await RowsAsync(expected), await RowsAsync(actual));
    }

    [Fact]
    public async Task RunAsync_FourConnections_WritesWhatOneConnectionWrote()
    {
        using var fourLanes = new SqliteFixture();
        await SimulateAsync(fourLanes, SimulatedProvinceDatabase.Seed, parallel: 4);

        await using var one = province.Database.CreateContext();
        await using var four = fourLanes.CreateContext();
        await AssertSameProvinceAsync(one, four);
    }

    [SkippableFact]
    public async Task RunAsync_OnPostgreSql_FourConnectionsWriteWhatOneWrites()
    {
        using var oneDatabase = new PostgresFixture();
        Skip.If(oneDatabase.SkipReason is not null, oneDatabase.SkipReason);
        using var fourDatabase = new PostgresFixture();
        await SimulateAsync(oneDatabase, SimulatedProvinceDatabase.Seed, parallel: 1);
        await SimulateAsync(fourDatabase, SimulatedProvinceDatabase.Seed, parallel: 4);

        await using var one = oneDatabase.CreateContext();
        await using var four = fourDatabase.CreateContext();
        await AssertSameProvinceAsync(one, four);
        Assert.False(await four.Outbox.AnyAsync(o => o.DispatchedAt == null));
    }

    [Fact]
    public void SeedOf_SameSeedAndAgency_IsTheSameInEveryProcessAndDiffersBetweenDesks()
    {
        // Fixed values: a hash that changed between processes or .NET versions would change every simulated province.
        Assert.Equal(SimulatedUnit.SeedOf(7, "XA-01-01"), SimulatedUnit.SeedOf(7, "XA-01-01"));
        Assert.Equal(unchecked((int)0x476cd012u ^ 7), SimulatedUnit.SeedOf(7, "XA-01-01"));
        Assert.NotEqual(SimulatedUnit.SeedOf(7, "XA-01-01"), SimulatedUnit.SeedOf(7, "XA-01-02"));
        Assert.NotEqual(SimulatedUnit.SeedOf(7, "XA-01-01"), SimulatedUnit.SeedOf(8, "XA-01-01"));
    }

    [Fact]
    public async Task RunAsync_Batches_LeaveEveryJournalChainIntactAndTheOutboxDelivered()
    {
        await using var db = province.Database.CreateContext();

        var verifier = new JournalVerifier(db);
        foreach (var instanceId in await db.Instances.Select(i => i.InstanceId).ToListAsync())
        {
            var verdict = await verifier.VerifyAsync(instanceId);
            Assert.True(verdict.Intact, verdict.ToString());
        }

        Assert.False(await db.Outbox.AnyAsync(o => o.DispatchedAt == null));
    }

    [Fact]
    public async Task RunAsync_EventsFromTheSimulatorsOwnState_MatchWhatTheLivePathWouldRead()
    {
        await using var db = province.Database.CreateContext();

        // The simulator numbers a dossier's events and takes their journal numbers from what it wrote, not from reads:
        // the numbers must still run 1…n, a status change must still have its portal row, and a closed dossier's last
        // event must point at its instance's last journal entry (nothing runs on an instance after it closes).
        var events = (await db.DossierEvents.AsNoTracking().Select(e => new { e.DossierCode, e.Seq, e.Status, e.JournalSeq }).ToListAsync())
            .GroupBy(e => e.DossierCode).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Seq).ToList());
        var syncs = (await db.PortalSyncs.AsNoTracking().Select(p => new { p.DossierCode, p.EventSeq }).ToListAsync()).Select(p => (p.DossierCode, (int)p.EventSeq)).ToHashSet();
        var lastJournal = await db.Journal.GroupBy(j => j.InstanceId).Select(g => new { InstanceId = g.Key, Seq = g.Max(j => j.Seq) }).ToDictionaryAsync(j => j.InstanceId, j => j.Seq);
        var dossiers = await db.Dossiers.AsNoTracking().Select(d => new { d.Code, d.InstanceId, d.Status, d.ClosedAt }).ToListAsync();
        Assert.NotEmpty(dossiers);
        foreach (var d in dossiers)
        {
            var list = events[d.Code];
            Assert.Equal(Enumerable.Range(1, list.Count), list.Select(e => e.Seq));
            Assert.Equal(d.Status, list[^1].Status);
            for (var i = 0; i < list.Count; i++)
            {
                Assert.Equal(i == 0 || list[i].Status != list[i - 1].Status, syncs.Contains((d.Code, list[i].Seq)));
                Assert.True(i == 0 || list[i].JournalSeq >= list[i - 1].JournalSeq, $"{d.Code} event {list[i].Seq}: journal number went back");
            }

            if (d.ClosedAt is not null)
            {
                Assert.Equal(lastJournal[d.InstanceId], list[^1].JournalSeq);
            }
        }

        Assert.Equal(
            (await DossierDayCounts.RecountAsync(db)).Select(c => $"{c.Day} {c.ReceivingUnit} {c.ProcedureCode} {c.Received} {c.Returned} {c.Late} {c.LateWithoutApology} {c.Refused} {c.Withdrawn}"),
            (await db.DossierDayCounts.AsNoTracking().ToListAsync()).OrderBy(c => c.Day, StringComparer.Ordinal).ThenBy(c => c.ReceivingUnit, StringComparer.Ordinal).ThenBy(c => c.ProcedureCode, StringComparer.Ordinal)
                .Select(c => $"{c.Day} {c.ReceivingUnit} {c.ProcedureCode} {c.Received} {c.Returned} {c.Late} {c.LateWithoutApology} {c.Refused} {c.Withdrawn}"));
    }

    internal static async Task<SimulationResult> SimulateAsync(IDatabaseFixture database, int seed, int stepsPerTransaction = SimulatedProvinceDatabase.StepsPerTransaction, int parallel = 1)
    {
        var catalogue = CatalogFile.Load(RepositoryRoot.Combine("workflows", "catalog", "procedures.json"));
        var calendar = VietnameseWorkingCalendar.Load(RepositoryRoot.Find());
        return await new ProvinceSimulator(() => database.CreateContext(), calendar, catalogue.Procedures, SimulatedProvinceDatabase.Scale, seed) { StepsPerTransaction = stepsPerTransaction, Parallel = parallel }.RunAsync();
    }

    /// <summary>The same dossiers, dossier events, journal entries, tasks and report.</summary>
    private static async Task AssertSameProvinceAsync(BpmDbContext expected, BpmDbContext actual)
    {
        Assert.Equal(await DossiersAsync(expected), await DossiersAsync(actual));
        Assert.Equal(await HistoryAsync(expected), await HistoryAsync(actual));
        Assert.Equal(await ReportAsync(expected), await ReportAsync(actual));
    }

    internal static async Task<List<string>> DossiersAsync(BpmDbContext db) =>
        (await db.Dossiers.AsNoTracking().OrderBy(d => d.Code).ToListAsync())
            .Select(d => $"{d.Code} {d.ProcedureCode} {d.Channel} {d.ReceivedAt:O} {d.DueAt:O} {d.ClosedAt:O} {d.Status} {d.Evaluation}")
            .ToList();

    /// <summary>Each dossier's events and its instance's journal and tasks, without the ids and hashes drawn afresh in every run.</summary>
    private static async Task<List<string>> HistoryAsync(BpmDbContext db)
    {
        var events = await db.DossierEvents.AsNoTracking().OrderBy(e => e.DossierCode).ThenBy(e => e.Seq)
            .Select(e => new { e.DossierCode, e.Seq, e.Type, e.Status, e.At, e.Actor, e.JournalSeq }).ToListAsync();
        var journal = await (from j in db.Journal.AsNoTracking()
                             join d in db.Dossiers.AsNoTracking() on j.InstanceId equals d.InstanceId
                             orderby d.Code, j.Seq
                             select new { d.Code, j.Seq, j.Type, j.At, j.Actor }).ToListAsync();
        var tasks = await (from t in db.Tasks.AsNoTracking()
                           join d in db.Dossiers.AsNoTracking() on t.InstanceId equals d.InstanceId
                           orderby d.Code, t.CreatedAt, t.ElementId
                           select new { d.Code, t.ElementId, t.Status, t.CreatedAt, t.DueAt, t.CompletedAt, t.CompletedBy, t.Evaluation }).ToListAsync();
        return [.. events.Select(e => $"{e}"), .. journal.Select(j => $"{j}"), .. tasks.Select(t => $"{t}")];
    }

    private static async Task<List<string>> ReportAsync(BpmDbContext db) =>
        [.. (await new OneStopReport(db).ByAsync(Period, ReportDimension.Level)).Select(r => $"{r.Key} {r.Figures}")];
}
