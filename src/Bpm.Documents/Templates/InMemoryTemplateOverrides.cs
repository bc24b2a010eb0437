using System.Collections.Concurrent;

namespace Bpm.Documents.Templates;

/// <summary>Overrides held in memory: for tests, and for a host that sets them in code.</summary>
public sealed class InMemoryTemplateOverrides : ITemplateOverrides
{
    private readonly ConcurrentDictionary<(string Unit, string Template), string> _texts = new();

    /// <summary>Sets (or replaces) the unit's version of a template.</summary>
    /// <param name="unitCode">Issuing unit's code.</param>
    /// <param name="templateName">Plain file name of the shipped template it replaces.</param>
    /// <param name="text">The Scriban source.</param>
    public void Set(string unitCode, string templateName, string text)
    {
        TemplateNames.EnsurePlain(templateName);
        _texts[(unitCode, templateName)] = text;
    }

    /// <inheritdoc />
    public TemplateText? Find(string unitCode, string templateName) =>
        _texts.TryGetValue((unitCode, templateName), out var text) ? new TemplateText(text, $"override of unit {unitCode}") : null;
}
