using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bpm.Engine;

/// <summary>
/// Something the host must do after the command's state is saved: create or cancel an inbox
/// task, arm or disarm a timer, send a message, start a called process, call a service.
/// Each carries enough to be delivered idempotently.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TaskCreated), "task-created")]
[JsonDerivedType(typeof(TaskCancelled), "task-cancelled")]
[JsonDerivedType(typeof(TimerArmed), "timer-armed")]
[JsonDerivedType(typeof(TimerDisarmed), "timer-disarmed")]
[JsonDerivedType(typeof(MessageToSend), "message-to-send")]
[JsonDerivedType(typeof(CallToStart), "call-to-start")]
[JsonDerivedType(typeof(CallToCancel), "call-to-cancel")]
[JsonDerivedType(typeof(ServiceRequest), "service-request")]
[JsonDerivedType(typeof(InstanceEnded), "instance-ended")]
[JsonDerivedType(typeof(TaskDueSoon), "task-due-soon")]
[JsonDerivedType(typeof(ApologyIssued), "apology-issued")]
[JsonDerivedType(typeof(TaskMoved), "task-moved")]
public abstract record SideEffect;

/// <summary>A new task for an inbox.</summary>
/// <param name="TaskId">Task id (unique within the instance).</param>
/// <param name="ElementId">The task's node.</param>
/// <param name="Name">Its name.</param>
/// <param name="Unit">Handling unit.</param>
/// <param name="Role">Role in the unit.</param>
/// <param name="Kind">Null for a user task, or fee / handoff.</param>
/// <param name="Due">Due date from the step's allowance.</param>
/// <param name="Settings">The node's <c>bpm:</c> attributes.</param>
/// <param name="Locals">For an instance of a multi-instance task, its own variables (<c>loopCounter</c>, the element variable, e.g. the agency to consult); null otherwise.</param>
public sealed record TaskCreated(
    string TaskId, string ElementId, string? Name, string? Unit, string? Role, string? Kind, DateTimeOffset? Due, IReadOnlyDictionary<string, string> Settings,
    IReadOnlyDictionary<string, JsonElement>? Locals = null) : SideEffect;

/// <summary>A task that is no longer to be done.</summary>
/// <param name="TaskId">Task id.</param>
/// <param name="ElementId">The task's node.</param>
public sealed record TaskCancelled(string TaskId, string ElementId) : SideEffect;

/// <summary>A timer to arm.</summary>
/// <param name="TimerId">Timer id.</param>
/// <param name="ElementId">The timer event.</param>
/// <param name="Due">When it falls due.</param>
public sealed record TimerArmed(string TimerId, string ElementId, DateTimeOffset Due) : SideEffect;

/// <summary>A timer to disarm.</summary>
/// <param name="TimerId">Timer id.</param>
/// <param name="ElementId">The timer event.</param>
public sealed record TimerDisarmed(string TimerId, string ElementId) : SideEffect;

/// <summary>A message or notification to send.</summary>
/// <param name="ElementId">The sending node.</param>
/// <param name="Channel">bpm:channel, if any.</param>
/// <param name="Template">bpm:template, if any.</param>
/// <param name="Settings">The node's <c>bpm:</c> attributes.</param>
public sealed record MessageToSend(string ElementId, string? Channel, string? Template, IReadOnlyDictionary<string, string> Settings) : SideEffect;

/// <summary>A called process to start; complete it with <see cref="CompleteCall"/>.</summary>
/// <param name="CallId">Call id.</param>
/// <param name="ElementId">The call activity.</param>
/// <param name="ProcessId">The process to start.</param>
/// <param name="Version">A fixed version, or null for the latest published.</param>
/// <param name="Variables">Variables handed to it.</param>
public sealed record CallToStart(string CallId, string ElementId, string ProcessId, int? Version, IReadOnlyDictionary<string, JsonElement> Variables) : SideEffect;

/// <summary>A called process to cancel, because its call activity was interrupted.</summary>
/// <param name="CallId">Call id.</param>
/// <param name="ElementId">The call activity.</param>
public sealed record CallToCancel(string CallId, string ElementId) : SideEffect;

/// <summary>Work for the host that does not wait: a service call, a document to render.</summary>
/// <param name="ElementId">The node.</param>
/// <param name="Kind">bpm:kind (document, notify…) or null.</param>
/// <param name="Settings">The node's <c>bpm:</c> attributes.</param>
public sealed record ServiceRequest(string ElementId, string? Kind, IReadOnlyDictionary<string, string> Settings) : SideEffect;

/// <summary>The instance reached a final status; a caller (parent process) may resume.</summary>
/// <param name="Status">Completed, cancelled or faulted.</param>
public sealed record InstanceEnded(InstanceStatus Status) : SideEffect;

/// <summary>A warning for the inbox of a task's unit and its leader: the task falls due soon.</summary>
/// <param name="TaskId">Task id.</param>
/// <param name="ElementId">The task's node.</param>
/// <param name="Unit">Handling unit.</param>
/// <param name="Role">Role in the unit.</param>
/// <param name="Due">The task's due date.</param>
public sealed record TaskDueSoon(string TaskId, string ElementId, string? Unit, string? Role, DateTimeOffset Due) : SideEffect;

/// <summary>
/// An apology letter was signed: render it (form 04) and send it to the applicant, and tell the
/// one-stop unit the new date.
/// </summary>
/// <param name="TaskId">The apology task.</param>
/// <param name="OriginalDue">The due date that will be missed.</param>
/// <param name="NewDue">The new date given to the applicant.</param>
/// <param name="Reason">Why the dossier is late.</param>
/// <param name="Signer">Who signed.</param>
/// <param name="Template">The letter's template.</param>
public sealed record ApologyIssued(string TaskId, DateTimeOffset OriginalDue, DateTimeOffset NewDue, string Reason, string Signer, string Template) : SideEffect;

/// <summary>An open task now stands for a step of another version, after <see cref="MigrateInstance"/>: its inbox row follows.</summary>
/// <param name="TaskId">Task id (unchanged).</param>
/// <param name="ElementId">The step it now stands for.</param>
/// <param name="Name">That step's name.</param>
/// <param name="Unit">That step's handling unit.</param>
/// <param name="Role">That step's role.</param>
public sealed record TaskMoved(string TaskId, string ElementId, string? Name, string? Unit, string? Role) : SideEffect;
