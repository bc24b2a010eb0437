using Bpm.Dossiers.Catalog;

namespace Bpm.Reports.Simulation;

/// <summary>
/// What <c>bpm simulate province</c> simulates: the province's desks, the period its dossiers
/// arrive in, and how each stream of dossiers behaves (<see cref="LevelModel"/>, with its volume).
/// </summary>
/// <param name="Name">three-level or two-level, as <c>--structure</c> names it.</param>
public sealed record ProvinceStructure(string Name, DateOnly From, DateOnly To, SimulatedProvince Province, IReadOnlyList<LevelModel> Models)
{
    public const string ThreeLevelName = "three-level";
    public const string TwoLevelName = "two-level";

    /// <summary>The report's province, 1 April 2019 – 15 December 2021: the centre, 11 districts, 159 communes.</summary>
    public static ProvinceStructure ThreeLevel { get; } =
        new(ThreeLevelName, ProvinceReportFigures.From, ProvinceReportFigures.To, SimulatedProvince.Build(), LevelModel.Calibrated);

    /// <summary>The levels whose desks receive dossiers, in the report's order.</summary>
    public IReadOnlyList<string> Levels => [.. new[] { "province", "district", "commune" }.Where(l => Models.Any(m => m.Level == l))];

    /// <summary>
    /// The same province in its first year of two levels, 1 July 2025 – 30 June 2026: the centre and
    /// 58 communes. The district's procedures go where the catalogue puts them from 1 July 2025 (all
    /// four to the communes: Decree 120/2025 for civil status, Decree 140/2025 for construction, as
    /// the catalogue cites). Assumed, for want of figures after the reform: each stream keeps the
    /// report's daily volume (its 2019–2021 count × the period's days ÷ the report's 990) and the
    /// report's behaviour — channels, supplements, officers' speed — so that what changes is the
    /// structure alone: the former district work is received and handled at the communes' desks.
    /// </summary>
    public static ProvinceStructure TwoLevel(IReadOnlyList<Procedure> catalogue) => TwoLevel(catalogue, LocalGovernment.TwoLevelsFrom, new DateOnly(2026, 6, 30));

    /// <summary>The two-level province over <paramref name="from"/>–<paramref name="to"/> (on or after 1 July 2025).</summary>
    public static ProvinceStructure TwoLevel(IReadOnlyList<Procedure> catalogue, DateOnly from, DateOnly to)
    {
        if (from < LocalGovernment.TwoLevelsFrom || to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, $"the two-level structure's period starts on or after {LocalGovernment.TwoLevelsFrom:dd/MM/yyyy} and ends after it starts");
        }

        var days = to.DayNumber - from.DayNumber + 1m;
        var reportDays = ProvinceReportFigures.To.DayNumber - ProvinceReportFigures.From.DayNumber + 1m;
        return new(TwoLevelName, from, to, SimulatedProvince.BuildTwoLevel(),
            [.. LevelModel.Calibrated.Select(m => m.RehomedOn(from, catalogue) with
            {
                Resolved = (int)Math.Round(m.Resolved * days / reportDays, MidpointRounding.AwayFromZero),
            })]);
    }
}
