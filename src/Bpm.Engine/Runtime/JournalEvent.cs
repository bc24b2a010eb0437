using System.Text.Json;

namespace Bpm.Engine;

/// <summary>What a journal event records. Serialised in kebab-case (<c>element-entered</c>).</summary>
public enum JournalEventType
{
    /// <summary>The instance started.</summary>
    InstanceStarted,

    /// <summary>The instance completed.</summary>
    InstanceCompleted,

    /// <summary>The instance was cancelled.</summary>
    InstanceCancelled,

    /// <summary>The instance stopped on an incident.</summary>
    InstanceFaulted,

    /// <summary>A token entered a node.</summary>
    ElementEntered,

    /// <summary>A token left a node normally.</summary>
    ElementLeft,

    /// <summary>A token was removed from a node without completing it (interrupted, terminated, cancelled).</summary>
    ElementCancelled,

    /// <summary>A token took a sequence flow.</summary>
    FlowTaken,

    /// <summary>A gateway chose its outgoing flows (or a join fired).</summary>
    GatewayDecision,

    /// <summary>A task was created.</summary>
    TaskCreated,

    /// <summary>A task was completed.</summary>
    TaskCompleted,

    /// <summary>A task was cancelled.</summary>
    TaskCancelled,

    /// <summary>A timer was armed.</summary>
    TimerArmed,

    /// <summary>A timer fired.</summary>
    TimerFired,

    /// <summary>A timer was cancelled before it fired.</summary>
    TimerCancelled,

    /// <summary>A message subscription was opened.</summary>
    MessageAwaited,

    /// <summary>A message was taken by a wait state.</summary>
    MessageCorrelated,

    /// <summary>A message arrived before its wait state and was kept.</summary>
    MessageBuffered,

    /// <summary>A message was sent (send task, notification).</summary>
    MessageSent,

    /// <summary>A called process was requested.</summary>
    CallStarted,

    /// <summary>A called process completed.</summary>
    CallCompleted,

    /// <summary>A service, document or notification was requested of the host.</summary>
    ServiceRequested,

    /// <summary>A BPMN error was thrown.</summary>
    ErrorThrown,

    /// <summary>A variable was set or changed.</summary>
    VariableChanged,

    /// <summary>An incident was raised.</summary>
    Incident,

    /// <summary>The dossier's clock stopped (a lawful pause, or waiting for a supplement).</summary>
    ClockPaused,

    /// <summary>The dossier's clock started again; the due date moved by the paused working time.</summary>
    ClockResumed,

    /// <summary>The legal time limit restarted from zero; a new due date.</summary>
    ClockRestarted,

    /// <summary>A task falls due soon: its unit and the unit's leader are warned.</summary>
    TaskDueSoon,

    /// <summary>The dossier will be late unless done: the apology obligation was raised as a task.</summary>
    ApologyRequired,

    /// <summary>An apology letter was issued and the due date moved (once).</summary>
    DueDateMoved,

    /// <summary>The dossier passed its due date with no apology letter issued.</summary>
    LateWithoutApology,

    /// <summary>The instance moved to another version of its definition; <c>value</c> holds <c>from</c>, <c>to</c> and the ids that changed (<c>mapping</c>).</summary>
    InstanceMigrated,

    /// <summary>A multi-instance activity began; <c>value</c> holds <c>instances</c> and <c>sequential</c>, <c>scopeId</c> its body.</summary>
    MultiInstanceStarted,

    /// <summary>One instance of a multi-instance activity began; <c>value</c> holds its <c>loopCounter</c> and <c>item</c>.</summary>
    LoopInstanceStarted,

    /// <summary>One instance of a multi-instance activity completed.</summary>
    LoopInstanceCompleted,

    /// <summary>One instance's <c>bpm:timeLimit</c> passed: its work was cancelled and it ended without a result.</summary>
    LoopInstanceTimedOut,

    /// <summary>A multi-instance activity completed: every instance ended, or the completion condition held (<c>reason</c>).</summary>
    MultiInstanceCompleted,

    /// <summary>A message subscription was withdrawn: another event of its event-based gateway happened first.</summary>
    MessageWithdrawn,
}

/// <summary>
/// One entry of an instance's journal. Every state change is journaled, in order, so that
/// the history can be replayed and audited.
/// </summary>
public sealed record JournalEvent
{
    /// <summary>Per-instance sequence number, from 1, without gaps.</summary>
    public required long Seq { get; init; }

    /// <summary>When it happened (the command's time).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>What happened.</summary>
    public required JournalEventType Type { get; init; }

    /// <summary>The node concerned.</summary>
    public string? ElementId { get; init; }

    /// <summary>The sequence flow taken.</summary>
    public string? FlowId { get; init; }

    /// <summary>The token concerned.</summary>
    public string? TokenId { get; init; }

    /// <summary>The scope concerned.</summary>
    public string? ScopeId { get; init; }

    /// <summary>The task, timer, subscription or call id.</summary>
    public string? BookmarkId { get; init; }

    /// <summary>Who did it (a user, or <c>system</c>).</summary>
    public string? Actor { get; init; }

    /// <summary>A task's outcome.</summary>
    public string? Outcome { get; init; }

    /// <summary>Why: the cancel reason, the incident message, the error code.</summary>
    public string? Reason { get; init; }

    /// <summary>A due date (task, timer, instance).</summary>
    public DateTimeOffset? Due { get; init; }

    /// <summary>A variable's name, or a message's name.</summary>
    public string? Name { get; init; }

    /// <summary>A variable's new value, or a correlation key.</summary>
    public JsonElement? Value { get; init; }

    /// <summary>For a gateway decision, the flows chosen.</summary>
    public IReadOnlyList<string>? Flows { get; init; }

    /// <summary>For a completed task or instance with a due date: early, on-time or late.</summary>
    public string? Evaluation { get; init; }
}

/// <summary>The kebab-case names of journal event types.</summary>
public static class JournalEventTypeNames
{
    private static readonly Dictionary<JournalEventType, string> Names =
        Enum.GetValues<JournalEventType>().ToDictionary(t => t, t => JsonNamingPolicy.KebabCaseLower.ConvertName(t.ToString()));

    /// <summary>e.g. <c>element-entered</c>.</summary>
    public static string ToKebabCase(this JournalEventType type) => Names[type];
}
