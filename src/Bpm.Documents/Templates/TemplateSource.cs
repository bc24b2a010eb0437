namespace Bpm.Documents.Templates;

/// <summary>
/// Where a template's text comes from: the issuing unit's override when it has one, otherwise the
/// shipped file in <c>workflows/templates</c>.
/// </summary>
public sealed class TemplateSource
{
    private readonly string _shippedFolder;
    private readonly ITemplateOverrides[] _overrides;

    /// <summary>Creates a source over the shipped folder and, in order of precedence, the override stores.</summary>
    /// <param name="shippedFolder">Folder of the shipped <c>*.scriban</c> files.</param>
    /// <param name="overrides">Override stores; the first that has the unit's template wins.</param>
    public TemplateSource(string shippedFolder, params ITemplateOverrides[] overrides)
    {
        _shippedFolder = Path.GetFullPath(shippedFolder);
        _overrides = overrides;
    }

    /// <summary>The template's text for <paramref name="unitCode"/> (or the shipped one when no unit is given).</summary>
    /// <param name="templateName">Plain file name.</param>
    /// <param name="unitCode">Issuing unit's code; null for the shipped template.</param>
    /// <exception cref="DocumentException">Not a plain template name, or not found anywhere.</exception>
    public TemplateText Get(string templateName, string? unitCode = null)
    {
        TemplateNames.EnsurePlain(templateName);
        if (unitCode is not null)
        {
            foreach (var store in _overrides)
            {
                if (store.Find(unitCode, templateName) is { } found)
                    return found;
            }
        }

        var path = Path.Combine(_shippedFolder, templateName);
        if (!File.Exists(path))
            throw new DocumentException(templateName, 0, 0, $"template not found in {_shippedFolder}");
        return new TemplateText(File.ReadAllText(path), path);
    }
}
