using Bpm.Engine;

namespace Bpm.Persistence;

/// <summary>How a persisted command ended.</summary>
public enum ExecutionStatus
{
    /// <summary>Applied and committed.</summary>
    Applied,

    /// <summary>The engine (or the store) refused it; nothing changed.</summary>
    Rejected,

    /// <summary>Someone else changed the instance first and the command no longer applies; nothing changed.</summary>
    Conflict,
}

/// <summary>What <see cref="CommandExecutor"/> did.</summary>
/// <param name="Status">Applied, rejected or conflict.</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="State">The committed state (applied) or the current one.</param>
/// <param name="Events">Journal events written (empty unless applied).</param>
/// <param name="SideEffects">Side effects written to the outbox (empty unless applied).</param>
/// <param name="Rejection">Why it did not apply. Codes: the engine's, plus <c>definition-not-found</c>,
/// <c>already-completed</c> (a task done by someone else; see <paramref name="CompletedBy"/>) and <c>concurrency</c>.</param>
/// <param name="CompletedBy">For <c>already-completed</c>: who completed the task.</param>
public sealed record ExecutionResult(
    ExecutionStatus Status,
    string InstanceId,
    InstanceState? State,
    IReadOnlyList<JournalEvent> Events,
    IReadOnlyList<SideEffect> SideEffects,
    CommandRejection? Rejection = null,
    string? CompletedBy = null)
{
    public bool Applied => Status == ExecutionStatus.Applied;

    internal static ExecutionResult Refused(string instanceId, InstanceState? state, string code, string message) =>
        new(ExecutionStatus.Rejected, instanceId, state, [], [], new CommandRejection(code, message));
}
