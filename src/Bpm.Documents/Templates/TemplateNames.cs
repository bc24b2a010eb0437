namespace Bpm.Documents.Templates;

/// <summary>The names of the shipped templates an agency may override, and the rule for any template name.</summary>
public static class TemplateNames
{
    /// <summary>The templates of <see cref="DocumentTemplates"/>: the forms 01–06, each with a <see cref="TemplateSamples"/> model.</summary>
    public static IReadOnlyList<string> Shipped { get; } =
    [
        DocumentTemplates.ReceiptSlip,
        DocumentTemplates.SupplementRequest,
        DocumentTemplates.RefusalNotice,
        DocumentTemplates.ApologyLetter,
        DocumentTemplates.ControlSlip,
        DocumentTemplates.TrackingBook,
    ];

    /// <summary>Whether <paramref name="templateName"/> is one of <see cref="Shipped"/> (exact, case-sensitive: file names on Linux are).</summary>
    public static bool IsShipped(string templateName) => Shipped.Contains(templateName, StringComparer.Ordinal);

    // Template names come from code and from agencies' files: only a plain *.scriban file name is a name.
    internal static void EnsurePlain(string templateName)
    {
        if (templateName.Length == 0 || templateName != Path.GetFileName(templateName) || templateName.Contains("..", StringComparison.Ordinal)
            || !templateName.EndsWith(".scriban", StringComparison.Ordinal))
            throw new DocumentException(templateName, 0, 0, "not a plain template file name inside the templates folder (expected NAME.html.scriban or NAME.txt.scriban)");
    }
}
