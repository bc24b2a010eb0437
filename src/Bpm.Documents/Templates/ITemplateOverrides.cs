namespace Bpm.Documents.Templates;

/// <summary>
/// An agency's own version of a shipped template, looked up by the issuing unit's code.
/// The file-system and in-memory stores exist now; the database will back another one.
/// </summary>
public interface ITemplateOverrides
{
    /// <summary>The unit's version of <paramref name="templateName"/>, or null when the unit has none.</summary>
    /// <param name="unitCode">Issuing unit's code.</param>
    /// <param name="templateName">Plain file name, e.g. <see cref="DocumentTemplates.ReceiptSlip"/>.</param>
    TemplateText? Find(string unitCode, string templateName);
}

/// <summary>A template's text and where it came from (printed in errors so an agency knows which file to fix).</summary>
/// <param name="Text">The Scriban source.</param>
/// <param name="Origin">Where it was read, e.g. a path or "override of unit X".</param>
public sealed record TemplateText(string Text, string Origin);
