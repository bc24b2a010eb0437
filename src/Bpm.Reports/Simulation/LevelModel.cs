using Bpm.Dossiers.Catalog;

namespace Bpm.Reports.Simulation;

/// <summary>
/// How one level's dossiers behave in the simulation: the procedures handled and which are offered
/// fully online, how applicants choose a channel, and how long officers take. These are the
/// calibrated numbers (docs/reports.md shows what they reproduce); nothing here says whether a
/// dossier is late — that follows from when the officers finish against the engine's due date.
/// </summary>
/// <param name="Level">province, district or commune: where the dossiers are received.</param>
/// <param name="FullyOnline">Procedures offered fully online, drawn with equal weight among themselves.</param>
/// <param name="Other">Procedures not offered fully online.</param>
/// <param name="FullyOnlineShare">Share of the dossiers that are for a procedure offered fully online.</param>
/// <param name="OnlineShare">Share of those dossiers that applicants send online.</param>
/// <param name="DelaySpread">
/// Officers' time from hand-over to return is the working time left before the due date times
/// 0.45·e^(σZ), Z standard normal: σ by year (a spread, not a lateness rate; the late share is the
/// chance that this time runs past the due date, after the calendar's 15:00 and holiday rules).
/// </param>
/// <param name="InProgressAllowance">
/// Arrivals above the resolved count, for the dossiers still open at the end: the centre's from the
/// report (2,413 of 178,842); the districts' and communes', which the report does not give, the
/// share the simulation itself leaves open (0.74% and 0.61% at scale 0.01, seed 14).
/// </param>
public sealed record LevelModel(
    string Level,
    IReadOnlyList<string> FullyOnline,
    IReadOnlyList<string> Other,
    double FullyOnlineShare,
    double OnlineShare,
    IReadOnlyDictionary<int, double> DelaySpread,
    double InProgressAllowance)
{
    /// <summary>Dossiers resolved over the structure's period at scale 1: the report's count, from which the arrivals are scaled.</summary>
    public int Resolved { get; init; }

    /// <summary>Share of desk dossiers that come by post.</summary>
    public double PostShare { get; init; } = 0.015;

    /// <summary>Share of dossiers where the officer asks for a supplement (at most once, within 3 working days).</summary>
    public double SupplementRate { get; init; } = 0.06;

    /// <summary>Mean working days an applicant takes to bring the missing papers.</summary>
    public double SupplementWaitDays { get; init; } = 8;

    public double RefusalRate { get; init; } = 0.004;

    public double WithdrawalRate { get; init; } = 0.002;

    /// <summary>Share of apology tasks the leader signs: the report found applicants mostly got none.</summary>
    public double ApologyRate { get; init; } = 0.1;

    /// <summary>The median of officers' time as a share of the working time left.</summary>
    public const double MedianShare = 0.45;

    /// <summary>The simulated province of 2019–2021 (docs/reports.md, "Calibration").</summary>
    public static IReadOnlyList<LevelModel> Calibrated { get; } =
    [
        new("province", ["1.013219"], ["1.013236"], 0.9373, 0.3893,
            new Dictionary<int, double> { [2019] = 0.36, [2020] = 0.36, [2021] = 0.27 }, 0.0135)
        {
            SupplementRate = 0.08, SupplementWaitDays = 40, Resolved = ProvinceReportFigures.Province.Resolved,
        },
        new("district", ["2.000528", "1.001669"], ["1.013225", "1.013232"], 0.1972, 0.13,
            new Dictionary<int, double> { [2019] = 0.47, [2020] = 0.47, [2021] = 0.47 }, 0.0074)
        {
            Resolved = ProvinceReportFigures.District.Resolved,
        },
        new("commune", ["1.001193", "1.004222"], ["1.000419", "1.000094", "1.115320"], 0.3546, 0.06,
            new Dictionary<int, double> { [2019] = 0.41, [2020] = 0.41, [2021] = 0.41 }, 0.0061)
        {
            Resolved = ProvinceReportFigures.Commune.Resolved,
        },
    ];

    /// <summary>
    /// These dossiers where the catalogue puts their procedures on <paramref name="day"/>: the level
    /// valid then (from 1 July 2025 the district's procedures are the communes'). The model's
    /// procedures must all move to one level; a split would need the stream split, and says so.
    /// </summary>
    public LevelModel RehomedOn(DateOnly day, IReadOnlyList<Procedure> catalogue)
    {
        var levels = FullyOnline.Concat(Other)
            .Select(code => catalogue.FirstOrDefault(p => p.Code == code)
                ?? throw new InvalidOperationException($"the simulation's procedure {code} is not in the catalogue"))
            .Select(p => (p.Code, Level: p.Levels.FirstOrDefault(l => (l.ValidFrom ?? DateOnly.MinValue) <= day && day <= (l.ValidTo ?? DateOnly.MaxValue))?.Level
                ?? throw new InvalidOperationException($"the catalogue gives procedure {p.Code} no level on {day:dd/MM/yyyy}")))
            .ToList();
        var level = levels[0].Level;
        return levels.FirstOrDefault(l => l.Level != level) is { Code: not null } other
            ? throw new InvalidOperationException($"the {Level} procedures move to different levels on {day:dd/MM/yyyy} ({levels[0].Code}: {level}, {other.Code}: {other.Level}); split the model")
            : this with { Level = level.ToString().ToLowerInvariant() };
    }
}
