namespace Bpm.Reports;

/// <summary>
/// Narrows a report to the dossiers of one level, agency, receiving unit, sector and/or procedure
/// (each null for all). Applied to the report's rows per procedure and unit, with the catalogue, so it
/// adds no work per dossier.
/// </summary>
public sealed record ReportFilter(string? Level = null, string? Unit = null, string? Sector = null, string? Procedure = null, string? Agency = null)
{
    public static ReportFilter None { get; } = new();

    internal bool Matches(string procedureCode, string unit, ReportCatalog catalog) =>
        (Unit is null || Unit == unit)
        && (Agency is null || Agency == ReportCatalog.Agency(unit))
        && (Procedure is null || Procedure == procedureCode)
        && (Sector is null || Sector == catalog.Sector(procedureCode))
        && (Level is null || Level == catalog.Level(procedureCode, unit));
}
