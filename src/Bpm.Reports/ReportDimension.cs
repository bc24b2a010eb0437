namespace Bpm.Reports;

/// <summary>What a report's rows are: one per level, agency, receiving unit, sector or procedure.</summary>
public enum ReportDimension
{
    Level,
    Agency,
    Unit,
    Sector,
    Procedure,
}
