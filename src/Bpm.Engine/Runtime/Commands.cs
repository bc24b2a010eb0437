using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bpm.Engine;

/// <summary>A command to the engine. Each one runs until every token waits or ends.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "command")]
[JsonDerivedType(typeof(StartInstance), "start")]
[JsonDerivedType(typeof(CompleteTask), "complete-task")]
[JsonDerivedType(typeof(FireTimer), "fire-timer")]
[JsonDerivedType(typeof(CorrelateMessage), "correlate-message")]
[JsonDerivedType(typeof(CompleteCall), "complete-call")]
[JsonDerivedType(typeof(CancelInstance), "cancel")]
[JsonDerivedType(typeof(PauseClock), "pause-clock")]
[JsonDerivedType(typeof(ResumeClock), "resume-clock")]
[JsonDerivedType(typeof(RestartClock), "restart-clock")]
[JsonDerivedType(typeof(MigrateInstance), "migrate")]
public abstract record EngineCommand
{
    /// <summary>Who issues it (a user name, or <c>system</c>).</summary>
    public string Actor { get; init; } = "system";
}

/// <summary>Starts a new instance.</summary>
/// <param name="InstanceId">The new instance's id, chosen by the caller.</param>
/// <param name="BusinessKey">The dossier code.</param>
/// <param name="Variables">Initial variables.</param>
/// <param name="TimeLimit">
/// The dossier's legal time limit when the host knows it (the procedure catalogue's), counted by the dossier's clock
/// instead of the process's <c>bpm:timeLimit</c>; null: the process's.
/// </param>
public sealed record StartInstance(
    string InstanceId, string? BusinessKey, IReadOnlyDictionary<string, JsonElement>? Variables = null, WorkingDuration? TimeLimit = null) : EngineCommand;

/// <summary>Completes an open task (or raises a BPMN error from it).</summary>
/// <param name="TaskId">The task id.</param>
/// <param name="Outcome">The decision, stored as variable <c>outcome</c>.</param>
/// <param name="Variables">Variables to set.</param>
/// <param name="ErrorCode">When set, the task ends by throwing this BPMN error instead of completing.</param>
public sealed record CompleteTask(string TaskId, string? Outcome = null, IReadOnlyDictionary<string, JsonElement>? Variables = null, string? ErrorCode = null) : EngineCommand;

/// <summary>Fires an armed timer. Firing a timer that no longer exists does nothing.</summary>
/// <param name="TimerId">The timer id.</param>
public sealed record FireTimer(string TimerId) : EngineCommand;

/// <summary>Delivers a message to the instance; kept if nothing waits for it yet.</summary>
/// <param name="MessageName">Message name.</param>
/// <param name="CorrelationKey">Correlation key.</param>
/// <param name="Payload">Variables it carries.</param>
public sealed record CorrelateMessage(string MessageName, string? CorrelationKey, IReadOnlyDictionary<string, JsonElement>? Payload = null) : EngineCommand;

/// <summary>Resumes a call activity when its called process has completed.</summary>
/// <param name="CallId">The call id.</param>
/// <param name="Variables">Variables the called process returns.</param>
public sealed record CompleteCall(string CallId, IReadOnlyDictionary<string, JsonElement>? Variables = null) : EngineCommand;

/// <summary>Cancels the instance and everything open in it.</summary>
/// <param name="Reason">Why.</param>
public sealed record CancelInstance(string Reason) : EngineCommand;

/// <summary>Stops the dossier's clock for a lawful pause; the due date moves by the paused working time on resume.</summary>
/// <param name="Reason">The legal ground for the pause.</param>
public sealed record PauseClock(string Reason) : EngineCommand;

/// <summary>Starts the dossier's clock again after <see cref="PauseClock"/>.</summary>
public sealed record ResumeClock : EngineCommand;

/// <summary>
/// Restarts the legal time limit from zero (a supplemented dossier is complete again,
/// Decree 61/2018 art. 19(4)). Allowed once per dossier.
/// </summary>
/// <param name="Reason">Why.</param>
public sealed record RestartClock(string Reason) : EngineCommand;

/// <summary>
/// Moves a running instance from one version of its definition to another; run it with
/// <see cref="ProcessEngine.Migrate"/>, which is given both versions. Every active element must
/// map to an element of the same kind: equal ids map themselves, others through
/// <paramref name="Mapping"/>. Journaled as <see cref="JournalEventType.InstanceMigrated"/>.
/// </summary>
/// <param name="FromVersion">The version the instance runs; must differ from <paramref name="ToVersion"/>.</param>
/// <param name="ToVersion">The version it moves to.</param>
/// <param name="Mapping">Source element id to target element id, for elements whose id changed.</param>
public sealed record MigrateInstance(int FromVersion, int ToVersion, IReadOnlyDictionary<string, string>? Mapping = null) : EngineCommand;

/// <summary>Where a command runs: its time. The engine reads no clock of its own.</summary>
/// <param name="Now">The command's time.</param>
public sealed record CommandContext(DateTimeOffset Now);

/// <summary>Why a command could not apply; the state is unchanged.</summary>
/// <param name="Code">not-found, not-running, outcome-not-allowed, already-started, clock-paused, clock-running, supplement-not-allowed, same-version, not-mappable.</param>
/// <param name="Message">What and where.</param>
public sealed record CommandRejection(string Code, string Message);

/// <summary>What a command produced.</summary>
/// <param name="State">The new state (the input state when rejected).</param>
/// <param name="Events">Journal events, in order.</param>
/// <param name="SideEffects">Work for the host.</param>
/// <param name="Rejection">Set when the command could not apply.</param>
public sealed record CommandResult(InstanceState State, IReadOnlyList<JournalEvent> Events, IReadOnlyList<SideEffect> SideEffects, CommandRejection? Rejection = null)
{
    /// <summary>True unless rejected.</summary>
    public bool Applied => Rejection is null;
}
