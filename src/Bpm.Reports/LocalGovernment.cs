namespace Bpm.Reports;

/// <summary>
/// The levels of local government a report's period saw: province, district and commune until
/// 30 June 2025; province and commune from 1 July 2025, when districts were abolished (34 provinces,
/// 3,321 communes: the two-level local government Decree 118/2025/NĐ-CP serves).
/// </summary>
public static class LocalGovernment
{
    public static DateOnly TwoLevelsFrom { get; } = new(2025, 7, 1);

    /// <summary>The levels that existed on some day of <paramref name="period"/>, in the report's order.</summary>
    public static IReadOnlyList<string> LevelsIn(ReportPeriod period) =>
        period.From < TwoLevelsFrom ? ["province", "district", "commune"] : ["province", "commune"];
}
