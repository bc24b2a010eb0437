namespace Bpm.Documents.Templates;

/// <summary>
/// An agency's own version of a shipped template, looked up by the issuing unit's code.
/// Stores: files (<see cref="FolderTemplateOverrides"/>), memory (<see cref="InMemoryTemplateOverrides"/>), and the
/// server's <c>template_overrides</c> table (Bpm.Server's DatabaseTemplateOverrides).
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
