using System.Text.Json;

namespace Bpm.Engine.Tests.Runtime;

/// <summary>Instance migration is an engine command with a journal event of its own, replayable like any other.</summary>
public sealed class MigrationTests
{
    private static readonly ExecutableProcess V1 = TestModels.Load("sequence").Main;
    private static readonly ExecutableProcess V2 = TestModels.Load("sequence-v2").Main;
    private static readonly DateTimeOffset Later = TestModels.T0.AddHours(2);

    private readonly ProcessEngine _engine = new();
    private readonly List<RecordedCommand> _commands = [];
    private readonly List<JournalEvent> _journal = [];
    private InstanceState? _state;

    /// <summary>An instance of v1 waiting at 'review'.</summary>
    private InstanceState AtReview()
    {
        Run(new StartInstance("i-1", "K-1"), TestModels.T0);
        Run(new CompleteTask(_state!.Bookmarks.Single(b => b.Kind == BookmarkKind.Task).Id), TestModels.T0.AddHours(1));
        return _state!;
    }

    private void Run(EngineCommand command, DateTimeOffset at)
    {
        var result = _engine.Execute(V1, _state, command, new CommandContext(at));
        Assert.True(result.Applied, result.Rejection?.Message);
        Record(command, at, result);
    }

    private void Record(EngineCommand command, DateTimeOffset at, CommandResult result)
    {
        _commands.Add(new RecordedCommand(command, at));
        _journal.AddRange(result.Events);
        _state = result.State;
    }

    [Fact]
    public void Migrate_SameVersion_IsRejectedNamingToVersionAndJournalsNothing()
    {
        var state = AtReview();
        var before = JsonSerializer.Serialize(state);

        var result = _engine.Migrate(V1, V1, state, new MigrateInstance(1, 1), new CommandContext(Later));

        Assert.Equal("same-version", result.Rejection?.Code);
        Assert.StartsWith("toVersion:", result.Rejection!.Message, StringComparison.Ordinal);
        Assert.Empty(result.Events);
        Assert.Empty(result.SideEffects);
        Assert.Equal(before, JsonSerializer.Serialize(result.State));
    }

    [Fact]
    public void Migrate_WithMapping_MovesTheTaskAndJournalsInstanceMigrated()
    {
        var state = AtReview();

        var result = _engine.Migrate(V1, V2, state, new MigrateInstance(1, 2, new Dictionary<string, string> { ["review"] = "check" }) { Actor = "designer" }, new CommandContext(Later));

        Assert.True(result.Applied, result.Rejection?.Message);
        var migrated = Assert.Single(result.Events);
        Assert.Equal((JournalEventType.InstanceMigrated, "designer", state.LastSequence + 1), (migrated.Type, migrated.Actor, migrated.Seq));
        Assert.Equal("""{"from":1,"to":2,"mapping":{"review":"check"}}""", migrated.Value!.Value.GetRawText());
        Assert.Equal(new TaskMoved(state.Bookmarks.Single(b => b.Kind == BookmarkKind.Task).Id, "check", "Kiểm tra", "U3", "leader"), Assert.Single(result.SideEffects));
        Assert.Equal("check", result.State.Tokens.Single().ElementId);
        Assert.Equal("review", state.Tokens.Single().ElementId);
    }

    [Fact]
    public void Migrate_UnmappedActiveElement_IsRejectedNotMappable()
    {
        var state = AtReview();

        var result = _engine.Migrate(V1, V2, state, new MigrateInstance(1, 2), new CommandContext(Later));

        Assert.Equal("not-mappable", result.Rejection?.Code);
        Assert.Contains("'review'", result.Rejection!.Message, StringComparison.Ordinal);
        Assert.Empty(result.Events);
    }

    [Fact]
    public void Execute_MigrateWithoutTheTargetVersion_IsRejected()
    {
        var state = AtReview();

        var result = _engine.Execute(V1, state, new MigrateInstance(1, 2), new CommandContext(Later));

        Assert.Equal("needs-target", result.Rejection?.Code);
    }

    [Fact]
    public void Replay_HistoryWithAMigration_MatchesWhenGivenTheVersions()
    {
        var state = AtReview();
        var migrate = new MigrateInstance(1, 2, new Dictionary<string, string> { ["review"] = "check" }) { Actor = "designer" };
        Record(migrate, Later, _engine.Migrate(V1, V2, state, migrate, new CommandContext(Later)));
        var complete = new CompleteTask(_state!.Bookmarks.Single(b => b.Kind == BookmarkKind.Task).Id, "approve");
        Record(complete, Later.AddHours(1), _engine.Execute(V2, _state, complete, new CommandContext(Later.AddHours(1))));
        Assert.Equal(InstanceStatus.Completed, _state!.Status);
        var roundTripped = JsonSerializer.Deserialize<List<RecordedCommand>>(JsonSerializer.Serialize(_commands))!;

        var replay = Replayer.Replay(V1, roundTripped, _journal, versions: v => v == 2 ? V2 : null);

        Assert.True(replay.Matches, replay.Divergence?.ToString());
        Assert.Contains(replay.Events, e => e.Type == JournalEventType.InstanceMigrated);
    }
}
