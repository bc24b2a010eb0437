using Bpm.Dossiers.Catalog;
using Bpm.Engine.Calendar;
using Bpm.Persistence.Sqlite.Tests;
using Bpm.Reports.Simulation;
using Bpm.Testing;

namespace Bpm.Reports.Tests.Simulation;

/// <summary>The province simulator at a tiny scale on SQLite: the scaled counts arrive, and a seed gives the same report twice.</summary>
public sealed class ProvinceSimulatorTests
{
    private const decimal Scale = 0.0002m;

    private static readonly ReportPeriod Period = new(ProvinceReportFigures.From, ProvinceReportFigures.To);

    [Fact]
    public async Task RunAsync_TinyScale_ReceivesTheScaledCountsPerLevel()
    {
        using var database = new SqliteFixture();
        var result = await SimulateAsync(database, seed: 7);

        await using var db = database.CreateContext();
        var report = await new OneStopReport(db).ByAsync(Period, ReportDimension.Level);
        foreach (var level in new[] { "province", "district", "commune" })
        {
            var figures = report.Single(r => r.Key == level).Figures;
            Assert.Equal(result.Arrivals[level], figures.Received);
            Assert.Equal(figures.Received, figures.Resolved + figures.InProgress + figures.Refused + figures.Withdrawn);
            Assert.InRange(figures.Resolved, ProvinceSimulator.Scaled(ProvinceReportFigures.Of(level).Resolved, Scale) * 0.9, ProvinceSimulator.Scaled(ProvinceReportFigures.Of(level).Resolved, Scale) * 1.05);
        }
    }

    internal static async Task<SimulationResult> SimulateAsync(SqliteFixture database, int seed)
    {
        var catalogue = CatalogFile.Load(RepositoryRoot.Combine("workflows", "catalog", "procedures.json"));
        var calendar = VietnameseWorkingCalendar.Load(RepositoryRoot.Find());
        await using var db = database.CreateContext();
        return await new ProvinceSimulator(db, calendar, catalogue.Procedures, Scale, seed).RunAsync();
    }
}
