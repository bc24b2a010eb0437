namespace Bpm.Persistence;

/// <summary>
/// A unit's own version of one shipped form template (issue 11: each form template overridable per
/// agency in the database). Only checked text is stored: the API renders it against the form's
/// sample model before writing.
/// </summary>
public sealed class TemplateOverrideRecord
{
    /// <summary>The issuing unit's code, e.g. <c>XA-PHUONGLAM.MOTCUA</c>.</summary>
    public required string UnitCode { get; set; }

    /// <summary>The shipped template it replaces, e.g. <c>mau-01-tiep-nhan-hen-tra.html.scriban</c>.</summary>
    public required string TemplateName { get; set; }

    /// <summary>The Scriban source.</summary>
    public required string Text { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>User name of whoever stored this version.</summary>
    public required string UpdatedBy { get; set; }
}
