namespace Bpm.Organisation;

/// <summary>
/// A unit of the organisation tree (a province department, a service centre desk, a commune
/// office…). Units carry effective dates because the structure changes: district units are kept
/// as history, valid until 30 June 2025.
/// </summary>
public sealed class OrganisationUnit
{
    /// <summary>The code used in <c>bpm:unit</c>, e.g. <c>XA-PHUONGLAM.TUPHAP</c>.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>province, department, centre, district, commune or office.</summary>
    public required string Level { get; set; }

    public string? ParentCode { get; set; }

    /// <summary>
    /// The unit's identifier in the national format of Circular 10/2016/TT-BTTTT
    /// (<c>000.00.12.H08</c>), which opens the codes of the dossiers it receives; null for a unit
    /// that receives none.
    /// </summary>
    public string? Identifier { get; set; }

    /// <summary>
    /// Urban, rural or remote (Decision 468's staff targets); null inherits the parent's, and a root
    /// with none is urban, the general target.
    /// </summary>
    public AreaClass? AreaClass { get; set; }

    public required DateOnly ValidFrom { get; set; }

    /// <summary>The last day the unit existed; null while it still does.</summary>
    public DateOnly? ValidTo { get; set; }

    public bool IsValidOn(DateOnly day) => ValidFrom <= day && (ValidTo is null || day <= ValidTo);
}
