using Bpm.Testing;

namespace Bpm.Designer.Tests;

/// <summary>Files the tests use, found from the repository root (the folder holding Bpm.sln).</summary>
internal static class RepositoryPaths
{
    public static string Root => RepositoryRoot.Find();

    /// <summary>The OMG BPMN MIWG reference models, kept as test data in tests/conformance.</summary>
    public static string Miwg => Path.Combine(Root, "tests", "conformance", "bpmn-miwg");

    /// <summary>A shipped sample definition in workflows/samples, by its file name without .bpmn.</summary>
    public static string Sample(string name) => Path.Combine(Root, "workflows", "samples", name + ".bpmn");

    public static string ServerProject => Path.Combine(Root, "src", "Bpm.Server");
}
