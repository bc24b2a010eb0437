using Snapshooter;
using Snapshooter.Xunit;

namespace Bpm.Engine.Tests.Runtime;

/// <summary>
/// The journals of the sample procedures' scripts, checked in as golden histories: a change to
/// the engine that alters any recorded event shows up here as a snapshot difference.
/// </summary>
public sealed class GoldenHistoryTests
{
    [Theory]
    [InlineData("civil-status-birth-registration")]
    [InlineData("construction-permit")]
    [InlineData("business-registration")]
    public void Run_SampleScript_JournalMatchesGoldenHistory(string name)
    {
        var samples = Path.Combine(TestModels.RepositoryRoot(), "workflows", "samples");
        var stdout = new StringWriter();
        var exit = global::Bpm.Cli.Cli.Run(["run", Path.Combine(samples, name + ".bpmn"), "--script", Path.Combine(samples, name + ".script.json")], stdout, new StringWriter());

        Assert.Equal(0, exit);
        Snapshot.Match(stdout.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries), SnapshotNameExtension.Create(name));
    }
}
