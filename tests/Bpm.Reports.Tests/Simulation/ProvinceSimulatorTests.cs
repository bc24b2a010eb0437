using Bpm.Dossiers.Catalog;
using Bpm.Engine.Calendar;
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

/// <summary>The 2019–2021 province at a tiny scale.</summary>
public sealed class SimulatedProvinceDatabase() : SimulationDatabase(database => ProvinceSimulatorTests.SimulateAsync(database, Seed))
{
    public const decimal Scale = 0.0001m;
    public const int Seed = 7;
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

    internal static async Task<SimulationResult> SimulateAsync(SqliteFixture database, int seed)
    {
        var catalogue = CatalogFile.Load(RepositoryRoot.Combine("workflows", "catalog", "procedures.json"));
        var calendar = VietnameseWorkingCalendar.Load(RepositoryRoot.Find());
        await using var db = database.CreateContext();
        return await new ProvinceSimulator(db, calendar, catalogue.Procedures, SimulatedProvinceDatabase.Scale, seed).RunAsync();
    }

    internal static async Task<List<string>> DossiersAsync(Bpm.Persistence.BpmDbContext db) =>
        (await db.Dossiers.AsNoTracking().OrderBy(d => d.Code).ToListAsync())
            .Select(d => $"{d.Code} {d.ProcedureCode} {d.Channel} {d.ReceivedAt:O} {d.DueAt:O} {d.ClosedAt:O} {d.Status} {d.Evaluation}")
            .ToList();
}
