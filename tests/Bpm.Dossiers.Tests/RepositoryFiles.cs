using Bpm.Testing;

namespace Bpm.Dossiers.Tests;

/// <summary>Files of this repository (the catalogue data).</summary>
internal static class RepositoryFiles
{
    public static string Catalog => RepositoryRoot.Combine("workflows", "catalog", "procedures.json");
}
