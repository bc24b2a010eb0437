namespace Bpm.Reports.Simulation;

/// <summary>
/// One level's figures in the province report: resolved (received and returned in the period), on
/// time or early, late, still in progress (given for the centre only), online, and the online share
/// of the dossiers of procedures offered online.
/// </summary>
public sealed record LevelFigures(int Resolved, int OnTimeOrEarly, int Late, int? InProgress, int Online, decimal OnlineShare);

/// <summary>
/// The figures of the province report the simulator is calibrated against (Bình Định, 1 Apr 2019 –
/// 15 Dec 2021, as summarised in the project's domain notes): per level, and the centre's 2021.
/// The report gives no in-progress count for districts and communes: 6,561 and 10,086 are their
/// online dossiers (13% and 6%), which issue 14's summary lists in the in-progress place.
/// </summary>
public static class ProvinceReportFigures
{
    public static DateOnly From { get; } = new(2019, 4, 1);

    public static DateOnly To { get; } = new(2021, 12, 15);

    public static LevelFigures Province { get; } = new(178_842, 176_912, 1_930, 2_413, 66_135, 38.93m);

    public static LevelFigures District { get; } = new(249_366, 238_395, 10_971, null, 6_561, 13m);

    public static LevelFigures Commune { get; } = new(464_017, 452_986, 11_031, null, 10_086, 6m);

    /// <summary>The centre in 2021 alone: on time or early, late.</summary>
    public static (int OnTimeOrEarly, int Late) Province2021 { get; } = (60_054, 155);

    public static LevelFigures Of(string level) => level switch
    {
        "province" => Province,
        "district" => District,
        "commune" => Commune,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "province, district or commune"),
    };
}
