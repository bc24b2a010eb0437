using PublicApiGenerator;
using Snapshooter.Xunit;

namespace Bpm.Papers.Tests;

/// <summary>The dossier layer builds on this surface; a change to it shows in review.</summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PapersPublicApi_MatchesCheckedInSnapshot()
    {
        var api = typeof(IPaperStore).Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false });
        Snapshot.Match(api.Split('\n').Select(l => l.TrimEnd('\r')).ToArray());
    }
}
