namespace Bpm.Documents.Templates;

/// <summary>Overrides as files: <c>{folder}/{unitCode}/{templateName}</c>, so an agency edits a copy of the shipped file.</summary>
/// <param name="folder">Folder holding one sub-folder per unit code.</param>
public sealed class FolderTemplateOverrides(string folder) : ITemplateOverrides
{
    private readonly string _folder = Path.GetFullPath(folder);

    /// <inheritdoc />
    public TemplateText? Find(string unitCode, string templateName)
    {
        // A unit code is a folder name here: one with a separator or ".." must not reach outside the folder.
        if (unitCode.Length == 0 || unitCode.IndexOfAny(['/', '\\']) >= 0 || unitCode is "." or "..")
            return null;
        var path = Path.Combine(_folder, unitCode, templateName);
        return File.Exists(path) ? new TemplateText(File.ReadAllText(path), path) : null;
    }
}
