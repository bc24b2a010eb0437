namespace Bpm.Designer.Tests;

/// <summary>Files the tests use, found from the repository root (the folder holding Bpm.sln).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The OMG BPMN MIWG reference models, kept as test data in tests/conformance.</summary>
    public static string Miwg => Path.Combine(Root, "tests", "conformance", "bpmn-miwg");

    public static string ServerProject => Path.Combine(Root, "src", "Bpm.Server");

    private static string FindRoot()
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
