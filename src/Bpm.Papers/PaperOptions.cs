namespace Bpm.Papers;

/// <summary>
/// Limits on uploaded papers, bound from <c>Bpm:Papers</c> (see docs/papers.md). A record with
/// defaults so that an empty section means the defaults.
/// </summary>
public sealed record PaperOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Bpm:Papers";

    /// <summary>Largest file, in bytes; default 20 MB (20 × 1024 × 1024), room for a 30-page colour scan as PDF.</summary>
    public long MaxFileBytes { get; init; } = 20 * 1024 * 1024;

    /// <summary>Most papers one dossier holds, received and result papers together; default 50.</summary>
    public int MaxFilesPerDossier { get; init; } = 50;

    /// <summary>
    /// Comma-separated kinds accepted, among <c>pdf, jpeg, png, tiff</c>; default all four. A string,
    /// not a list, because the configuration binder appends a bound list to a default one.
    /// </summary>
    public string AllowedTypes { get; init; } = "pdf,jpeg,png,tiff";

    /// <summary>Folder of the file-system store; relative paths are taken under the server's data folder. Default <c>papers</c>.</summary>
    public string Path { get; init; } = "papers";

    /// <summary>The kinds <see cref="AllowedTypes"/> names, in its order.</summary>
    /// <exception cref="InvalidOperationException">A token is not one of the acceptable kinds, or the list is empty.</exception>
    public IReadOnlyList<PaperKind> AllowedKinds()
    {
        var kinds = new List<PaperKind>();
        foreach (var token in AllowedTypes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var kind = PaperKinds.FromSetting(token) is { } k && PaperKinds.Acceptable.Contains(k)
                ? k
                : throw new InvalidOperationException(
                    $"{Section}:AllowedTypes: '{token}' is not a type Bpm accepts; use {string.Join(", ", PaperKinds.Acceptable.Select(a => a.Setting()))}.");
            if (!kinds.Contains(kind))
            {
                kinds.Add(kind);
            }
        }

        return kinds.Count > 0 ? kinds : throw new InvalidOperationException($"{Section}:AllowedTypes is empty; name at least one of pdf, jpeg, png, tiff.");
    }

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        if (MaxFileBytes <= 0)
        {
            throw new InvalidOperationException($"{Section}:MaxFileBytes must be a positive number of bytes, not {MaxFileBytes}.");
        }

        if (MaxFilesPerDossier <= 0)
        {
            throw new InvalidOperationException($"{Section}:MaxFilesPerDossier must be positive, not {MaxFilesPerDossier}.");
        }

        if (string.IsNullOrWhiteSpace(Path))
        {
            throw new InvalidOperationException($"{Section}:Path is empty.");
        }

        _ = AllowedKinds();
    }
}
