namespace Bpm.Server.Hosting;

/// <summary>
/// Where the server finds its data folder and the repository's <c>workflows/</c> (sample
/// definitions and calendars). Both can be set (<c>Bpm:DataPath</c>, <c>Bpm:RepositoryRoot</c>);
/// otherwise the data folder is <c>./data</c> under the content root and the repository root is
/// the nearest folder holding <c>Bpm.sln</c> above the content root or the binaries.
/// </summary>
public sealed class BpmPaths(string dataPath, string repositoryRoot)
{
    public string DataPath { get; } = dataPath;

    public string RepositoryRoot { get; } = repositoryRoot;

    public string SamplesPath => Path.Combine(RepositoryRoot, "workflows", "samples");

    public string CalendarsPath => Path.Combine(RepositoryRoot, Engine.Calendar.VietnameseWorkingCalendar.DataDirectory);

    public static BpmPaths Resolve(IConfiguration configuration, string contentRoot)
    {
        var data = configuration["Bpm:DataPath"] is { Length: > 0 } d ? Path.GetFullPath(d, contentRoot) : Path.Combine(contentRoot, "data");
        var root = configuration["Bpm:RepositoryRoot"] is { Length: > 0 } r ? Path.GetFullPath(r, contentRoot) : FindRepositoryRoot(contentRoot);
        return new BpmPaths(data, root);
    }

    private static string FindRepositoryRoot(string contentRoot)
    {
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Bpm.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return contentRoot;
    }
}
