namespace Bpm.Testing;

/// <summary>
/// The repository root (the folder holding <c>Bpm.sln</c>) above the build output the tests run
/// from, where <c>workflows/</c> and <c>tests/conformance/</c> are. Nothing is read above it.
/// </summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Found = new(Search);

    /// <summary>The root folder; throws when the tests do not run from the repository's build output.</summary>
    public static string Find() => Found.Value;

    /// <summary>A path under the root, e.g. <c>Combine("workflows", "samples")</c>.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Find(), .. parts]);

    private static string Search()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bpm.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Bpm.sln above {AppContext.BaseDirectory}; the tests run from the repository's build output.");
    }
}
