using Bpm.Dossiers.Catalog;
using Bpm.Engine.Calendar;
using Bpm.Reports.Simulation;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Reports.Tests.Simulation;

/// <summary>The province from 1 July 2025 (centre and communes, no district) at a tiny scale.</summary>
public sealed class TwoLevelProvinceDatabase() : SimulationDatabase(database => TwoLevelProvinceTests.SimulateAsync(database, Seed))
{
    public const decimal Scale = 0.0002m;
    public const int Seed = 11;
}

/// <summary>The two-level structure: its desks and volumes, the district's procedures re-homed, the simulation's counts per level.</summary>
public sealed class TwoLevelProvinceTests(TwoLevelProvinceDatabase province) : IClassFixture<TwoLevelProvinceDatabase>
{
    private static readonly IReadOnlyList<Procedure> Catalogue = CatalogFile.Load(RepositoryRoot.Combine("workflows", "catalog", "procedures.json")).Procedures;

    private static readonly ProvinceStructure Structure = ProvinceStructure.TwoLevel(Catalogue);

    [Fact]
    public void TwoLevel_Default_IsTheFirstYearWithTheCentreAnd58Communes()
    {
        var desks = Structure.Province.Desks;

        Assert.Equal((new DateOnly(2025, 7, 1), new DateOnly(2026, 6, 30)), (Structure.From, Structure.To));
        Assert.Equal(["province", "commune"], Structure.Levels);
        Assert.Equal(1, desks.Count(d => d.Level == "province"));
        Assert.Equal(58, desks.Count(d => d.Level == "commune"));
        Assert.DoesNotContain(desks, d => d.Level == "district");
        // The districts' 122 and the communes' 967 one-stop officers, shared evenly: 45 communes with 19, 13 with 18.
        Assert.Equal(122 + 967, desks.Where(d => d.Level == "commune").Sum(d => d.Staff.Count));
        Assert.Equal([18, 19], desks.Where(d => d.Level == "commune").Select(d => d.Staff.Count).Distinct().Order());
    }

    [Fact]
    public void TwoLevel_DistrictsProcedures_AreTheCommunesWithTheReportsDailyVolume()
    {
        // 365 days of the report's 990: 178,842 → 65,937 at the centre; the district's 249,366 → 91,938
        // and the communes' 464,017 → 171,077, both now received at the communes.
        Assert.Equal(
            [("province", "1.013219", 65_937), ("commune", "2.000528", 91_938), ("commune", "1.001193", 171_077)],
            Structure.Models.Select(m => (m.Level, m.FullyOnline[0], m.Resolved)));
    }

    [Fact]
    public void RehomedOn_ProceduresMovingToTwoLevels_IsRefusedNamingThem()
    {
        var mixed = LevelModel.Calibrated[2] with { FullyOnline = ["1.001193"], Other = ["1.013236"] };

        var error = Assert.Throws<InvalidOperationException>(() => mixed.RehomedOn(new DateOnly(2025, 7, 1), Catalogue));

        Assert.Equal("the commune procedures move to different levels on 01/07/2025 (1.001193: Commune, 1.013236: Province); split the model", error.Message);
    }

    [Fact]
    public async Task RunAsync_TwoLevel_ReceivesTheScaledCountsAtTheCentreAndTheCommunesOnly()
    {
        await using var db = province.Database.CreateContext();
        var report = await new OneStopReport(db).ByAsync(new ReportPeriod(Structure.From, Structure.To), ReportDimension.Level);

        var expected = Structure.Models.GroupBy(m => m.Level).ToDictionary(
            g => g.Key,
            g => g.Sum(m => ProvinceSimulator.Scaled(m.Resolved, TwoLevelProvinceDatabase.Scale * (decimal)(1 + m.InProgressAllowance + m.RefusalRate + m.WithdrawalRate))));
        Assert.Equal(["commune", "province"], report.Select(r => r.Key));
        Assert.Equal(expected, province.Result.Arrivals);
        foreach (var row in report)
        {
            Assert.Equal(expected[row.Key], row.Figures.Received);
        }

        // The former district work is received at the communes' desks.
        Assert.True(await db.Dossiers.CountAsync(d => d.ProcedureCode == "2.000528" || d.ProcedureCode == "1.001669" || d.ProcedureCode == "1.013225" || d.ProcedureCode == "1.013232") > 0);
        Assert.False(await db.Dossiers.AnyAsync(d => d.ReceivingUnit.StartsWith("HUYEN-")));
    }

    [Fact]
    public async Task RunAsync_TwoLevelSameSeedAgain_ReproducesEveryDossier()
    {
        using var again = new SqliteFixture();
        await SimulateAsync(again, TwoLevelProvinceDatabase.Seed);

        await using var first = province.Database.CreateContext();
        await using var second = again.CreateContext();
        Assert.Equal(await ProvinceSimulatorTests.DossiersAsync(first), await ProvinceSimulatorTests.DossiersAsync(second));
    }

    internal static async Task<SimulationResult> SimulateAsync(SqliteFixture database, int seed)
    {
        var calendar = VietnameseWorkingCalendar.Load(RepositoryRoot.Find());
        return await new ProvinceSimulator(() => database.CreateContext(), calendar, Catalogue, TwoLevelProvinceDatabase.Scale, seed, Structure).RunAsync();
    }
}
