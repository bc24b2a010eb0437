namespace Bpm.Dossiers.Tests;

/// <summary>Files of this repository (the catalogue data), found from the test binaries upwards.</summary>
internal static class RepositoryFiles
{
    public static string Path(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Bpm.sln")))
            {
                return System.IO.Path.Combine([dir.FullName, .. parts]);
            }
        }

        throw new InvalidOperationException("Bpm.sln not found above the test binaries");
    }

    public static string Catalog => Path("workflows", "catalog", "procedures.json");
}
