using System.Text.Json;

namespace Bpm.Engine;

/// <summary>A command as it was executed, with its time.</summary>
/// <param name="Command">The command.</param>
/// <param name="At">The command's time.</param>
public sealed record RecordedCommand(EngineCommand Command, DateTimeOffset At);

/// <summary>The first place where a replay differs from the recorded journal.</summary>
/// <param name="Seq">The sequence number where they part.</param>
/// <param name="Recorded">The recorded event (null: the replay produced more).</param>
/// <param name="Replayed">The replayed event (null: the replay produced fewer).</param>
public sealed record ReplayDivergence(long Seq, JournalEvent? Recorded, JournalEvent? Replayed);

/// <summary>What a replay found.</summary>
/// <param name="State">The state after the last command.</param>
/// <param name="Events">Every event the replay produced.</param>
/// <param name="Divergence">Null when the replay matches the record event for event.</param>
public sealed record ReplayResult(InstanceState? State, IReadOnlyList<JournalEvent> Events, ReplayDivergence? Divergence)
{
    /// <summary>True when the current code reproduces the recorded history exactly.</summary>
    public bool Matches => Divergence is null;
}

/// <summary>
/// Re-runs recorded commands against the current engine and definition and compares the
/// journal it produces with the recorded one, event by event. Because the engine takes time
/// and ids only from the commands and the state, an unchanged history replays identically.
/// </summary>
public static class Replayer
{
    /// <summary>
    /// Replays <paramref name="commands"/> (the first must be <see cref="StartInstance"/>) and compares with <paramref name="recorded"/>.
    /// A recorded <see cref="MigrateInstance"/> moves the replay onto the version <paramref name="versions"/> gives for its
    /// <c>ToVersion</c>; without <paramref name="versions"/>, a history with a migration cannot be replayed past it.
    /// </summary>
    public static ReplayResult Replay(
        ExecutableProcess process, IReadOnlyList<RecordedCommand> commands, IReadOnlyList<JournalEvent> recorded, EngineOptions? options = null,
        Func<int, ExecutableProcess?>? versions = null)
    {
        var engine = new ProcessEngine(options);
        InstanceState? state = null;
        var events = new List<JournalEvent>();
        foreach (var (command, at) in commands)
        {
            var context = new CommandContext(at);
            var target = command is MigrateInstance m && state is not null ? versions?.Invoke(m.ToVersion) : null;
            var result = target is not null
                ? engine.Migrate(process, target, state!, (MigrateInstance)command, context)
                : engine.Execute(process, state, command, context);
            if (result.Applied)
            {
                state = result.State;
                events.AddRange(result.Events);
                process = target ?? process;
            }
        }

        return new ReplayResult(state, events, Compare(recorded, events));
    }

    private static ReplayDivergence? Compare(IReadOnlyList<JournalEvent> recorded, IReadOnlyList<JournalEvent> replayed)
    {
        for (var i = 0; i < Math.Max(recorded.Count, replayed.Count); i++)
        {
            var a = i < recorded.Count ? recorded[i] : null;
            var b = i < replayed.Count ? replayed[i] : null;
            if (a is null || b is null || JsonSerializer.Serialize(a) != JsonSerializer.Serialize(b))
            {
                return new ReplayDivergence(a?.Seq ?? b!.Seq, a, b);
            }
        }

        return null;
    }
}
