using System.Text.Json;
using Bpm.Engine;

namespace Bpm.Engine.Tests.Runtime;

public sealed class ReplayTests
{
    private static (ExecutableProcess Process, List<RecordedCommand> Commands, List<JournalEvent> Journal) Record()
    {
        var process = TestModels.Load("errors").Main;
        var engine = new ProcessEngine();
        var commands = new List<RecordedCommand>();
        var journal = new List<JournalEvent>();
        InstanceState? state = null;

        void Run(EngineCommand command, DateTimeOffset at)
        {
            var result = engine.Execute(process, state, command, new CommandContext(at));
            Assert.True(result.Applied, result.Rejection?.Message);
            commands.Add(new RecordedCommand(command, at));
            journal.AddRange(result.Events);
            state = result.State;
        }

        Run(new StartInstance("i-1", "000.00.25.H10-260302-0001", TestModels.Vars(new { fee = 50000 })) { Actor = "reception" }, TestModels.T0);
        Run(new CompleteTask(Task("check")) { Actor = "an" }, TestModels.T0.AddHours(1));
        Run(new CompleteTask(Task("verify"), "bad") { Actor = "binh" }, TestModels.T0.AddHours(2));
        Run(new CompleteTask(Task("refuse"), "done") { Actor = "chi" }, TestModels.T0.AddHours(3));
        Assert.Equal(InstanceStatus.Completed, state!.Status);
        return (process, commands, journal);

        string Task(string elementId) => state!.Bookmarks.Single(b => b.ElementId == elementId).Id;
    }

    [Fact]
    public void Replay_UnchangedHistory_MatchesEventForEvent()
    {
        var (process, commands, journal) = Record();

        var roundTripped = JsonSerializer.Deserialize<List<RecordedCommand>>(JsonSerializer.Serialize(commands))!;
        var result = Replayer.Replay(process, roundTripped, journal);

        Assert.True(result.Matches, result.Divergence?.ToString());
        Assert.Equal(journal.Count, result.Events.Count);
    }

    [Fact]
    public void Replay_TamperedRecord_ReportsFirstDivergingEvent()
    {
        var (process, commands, journal) = Record();
        var index = journal.FindIndex(e => e.Type == JournalEventType.TaskCompleted && e.Actor == "binh");
        journal[index] = journal[index] with { Actor = "mallory" };

        var result = Replayer.Replay(process, commands, journal);

        Assert.False(result.Matches);
        Assert.Equal(journal[index].Seq, result.Divergence!.Seq);
        Assert.Equal("binh", result.Divergence.Replayed!.Actor);
    }

    [Fact]
    public void Replay_DefinitionChangedSinceRecording_ReportsDivergence()
    {
        var (_, commands, journal) = Record();
        var changed = BpmnLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "Models", "errors.bpmn")).Definition!.Main;
        var edited = BpmnLoader.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Models", "errors.bpmn"))
            .Replace("<sequenceFlow id=\"f3\" sourceRef=\"check\" targetRef=\"sub\"/>", "<sequenceFlow id=\"f3b\" sourceRef=\"check\" targetRef=\"sub\"/>", StringComparison.Ordinal)).Definition!.Main;

        Assert.True(Replayer.Replay(changed, commands, journal).Matches);
        var result = Replayer.Replay(edited, commands, journal);
        Assert.False(result.Matches);
        Assert.Equal("f3", result.Divergence!.Recorded!.FlowId);
        Assert.Equal("f3b", result.Divergence.Replayed!.FlowId);
    }

    [Fact]
    public void SameCommands_TwoRuns_ProduceIdenticalJournalsAndStates()
    {
        var (_, _, first) = Record();
        var (_, _, second) = Record();
        Assert.Equal(JsonSerializer.Serialize(first), JsonSerializer.Serialize(second));
    }
}
