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

    /// <summary>One script per pitfall of multi-instance activities and event-based gateways, over the test models.</summary>
    [Theory]
    [InlineData("mi-parallel-completion", "mi-parallel-completion")]
    [InlineData("mi-parallel-completion", "mi-parallel-silence")]
    [InlineData("mi-sequential", "mi-sequential")]
    [InlineData("mi-cardinality", "mi-cardinality-zero")]
    [InlineData("mi-nested-subprocess", "mi-nested-subprocess")]
    [InlineData("event-gateway", "event-gateway-message-first")]
    [InlineData("event-gateway", "event-gateway-timer-first")]
    public void Run_ModelScript_JournalMatchesGoldenHistory(string model, string script)
    {
        var tests = Path.Combine(TestModels.RepositoryRoot(), "tests", "Bpm.Engine.Tests");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = global::Bpm.Cli.Cli.Run(
            ["run", Path.Combine(tests, "Models", model + ".bpmn"), "--script", Path.Combine(tests, "Scripts", script + ".script.json")], stdout, stderr);

        Assert.True(exit == 0, stderr.ToString());
        Snapshot.Match(stdout.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries), SnapshotNameExtension.Create(script));
    }
}
