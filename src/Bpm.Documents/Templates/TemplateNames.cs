namespace Bpm.Documents.Templates;

internal static class TemplateNames
{
    // Template names come from code and from agencies' files: only a plain *.scriban file name is a name.
    public static void EnsurePlain(string templateName)
    {
        if (templateName.Length == 0 || templateName != Path.GetFileName(templateName) || templateName.Contains("..", StringComparison.Ordinal)
            || !templateName.EndsWith(".scriban", StringComparison.Ordinal))
            throw new DocumentException(templateName, 0, 0, "not a plain template file name inside the templates folder (expected NAME.html.scriban or NAME.txt.scriban)");
    }
}
