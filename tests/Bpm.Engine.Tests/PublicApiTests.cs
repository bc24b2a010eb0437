using PublicApiGenerator;
using Snapshooter.Xunit;

namespace Bpm.Engine.Tests;

/// <summary>The engine's public surface is checked in, so that changing it is a deliberate act.</summary>
public sealed class PublicApiTests
{
    [Fact]
    public void EnginePublicApi_MatchesCheckedInSnapshot()
    {
        var api = typeof(ProcessEngine).Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false });
        Snapshot.Match(api.Split('\n').Select(l => l.TrimEnd('\r')).ToArray());
    }
}
