using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bpm.Engine;

/// <summary>Where an instance stands.</summary>
public enum InstanceStatus
{
    /// <summary>Waiting for commands.</summary>
    Running,

    /// <summary>Finished normally.</summary>
    Completed,

    /// <summary>Cancelled by a command.</summary>
    Cancelled,

    /// <summary>Stopped by an incident that needs a person to look at it.</summary>
    Faulted,
}

/// <summary>
/// The whole runtime state of one process instance: scopes, tokens, wait states (bookmarks),
/// join counters, buffered messages, incidents and variables. It is plain data, serialisable with
/// System.Text.Json; the engine never keeps one between commands.
/// </summary>
public sealed class InstanceState
{
    /// <summary>The instance id.</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>The process id the instance runs.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>The business key (for Bpm, the dossier code).</summary>
    public string? BusinessKey { get; set; }

    /// <summary>Where the instance stands.</summary>
    public InstanceStatus Status { get; set; }

    /// <summary>When it started.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When it completed, was cancelled or faulted.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The due date given by the legal time limit (<see cref="TimeLimit"/>, else the process's), if there is one.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>The time limit <see cref="StartInstance.TimeLimit"/> gave, counted instead of the process's; null: the process's.</summary>
    public WorkingDuration? TimeLimit { get; set; }

    /// <summary>When the dossier's clock was paused, while it is.</summary>
    public DateTimeOffset? ClockPausedAt { get; set; }

    /// <summary>How many times the time limit was restarted from zero (a supplement; at most once).</summary>
    public int ClockRestarts { get; set; }

    /// <summary>When the apology letter moved the due date (it may be moved only once), if it did.</summary>
    public DateTimeOffset? ApologyIssuedAt { get; set; }

    /// <summary>True once the dossier passed its due date with no apology letter issued.</summary>
    public bool LateWithoutApology { get; set; }

    /// <summary>The sequence number of the last journal event.</summary>
    public long LastSequence { get; set; }

    /// <summary>The last number handed out for a new token, scope, task or timer id.</summary>
    public long LastId { get; set; }

    /// <summary>The process variables.</summary>
    public Dictionary<string, JsonElement> Variables { get; set; } = [];

    /// <summary>Live scopes: the process and each running sub-process.</summary>
    public List<ScopeState> Scopes { get; set; } = [];

    /// <summary>Live tokens.</summary>
    public List<TokenState> Tokens { get; set; } = [];

    /// <summary>Open wait states.</summary>
    public List<Bookmark> Bookmarks { get; set; } = [];

    /// <summary>Tokens waiting at joins, counted per incoming flow.</summary>
    public List<JoinState> Joins { get; set; } = [];

    /// <summary>Messages that arrived before anything waited for them.</summary>
    public List<BufferedMessage> BufferedMessages { get; set; } = [];

    /// <summary>Open incidents.</summary>
    public List<Incident> Incidents { get; set; } = [];

    /// <summary>A deep copy, so that a command works on its own state.</summary>
    public InstanceState Clone() => new()
    {
        InstanceId = InstanceId,
        ProcessId = ProcessId,
        BusinessKey = BusinessKey,
        Status = Status,
        StartedAt = StartedAt,
        EndedAt = EndedAt,
        DueAt = DueAt,
        TimeLimit = TimeLimit,
        ClockPausedAt = ClockPausedAt,
        ClockRestarts = ClockRestarts,
        ApologyIssuedAt = ApologyIssuedAt,
        LateWithoutApology = LateWithoutApology,
        LastSequence = LastSequence,
        LastId = LastId,
        Variables = new Dictionary<string, JsonElement>(Variables),
        Scopes = Scopes.ConvertAll(s => s.Loop is null ? s : s with { Loop = s.Loop.Copy() }),
        Tokens = Tokens.ConvertAll(t => t.Copy()),
        Bookmarks = [.. Bookmarks],
        Joins = Joins.ConvertAll(j => new JoinState { ScopeId = j.ScopeId, GatewayId = j.GatewayId, Arrived = new(j.Arrived) }),
        BufferedMessages = [.. BufferedMessages],
        Incidents = [.. Incidents],
    };
}

/// <summary>A running scope: the process (no parent) or a sub-process.</summary>
/// <param name="Id">The scope id.</param>
/// <param name="ElementId">The process id or the sub-process element id.</param>
/// <param name="ParentScopeId">The enclosing scope.</param>
/// <param name="ParentTokenId">The token that waits at the sub-process node in the enclosing scope.</param>
public sealed record ScopeState(string Id, string ElementId, string? ParentScopeId, string? ParentTokenId)
{
    /// <summary>
    /// Set when the scope is the body of a multi-instance activity: its tokens are the instances,
    /// each at <see cref="ElementId"/>, and <see cref="ParentTokenId"/> waits at the activity for them all.
    /// </summary>
    public MultiInstanceState? Loop { get; init; }
}

/// <summary>How far a multi-instance activity has come (BPMN 2.0, 10.2.8).</summary>
public sealed class MultiInstanceState
{
    /// <summary>How many instances it runs (<c>nrOfInstances</c>).</summary>
    public int Instances { get; set; }

    /// <summary>How many have been started so far; for a sequential activity, the next item's index.</summary>
    public int Started { get; set; }

    /// <summary>How many have ended (<c>nrOfCompletedInstances</c>), including those whose time limit passed.</summary>
    public int Completed { get; set; }

    /// <summary>The items of <c>bpm:collection</c>, as they were when the activity was entered; null with a loopCardinality.</summary>
    public List<JsonElement>? Items { get; set; }

    /// <summary>Instances running now (<c>nrOfActiveInstances</c>).</summary>
    [JsonIgnore]
    public int Active => Started - Completed;

    internal MultiInstanceState Copy() => new() { Instances = Instances, Started = Started, Completed = Completed, Items = Items };
}

/// <summary>A token: a position in a scope. Tokens are told apart by identity (and by id), never by value.</summary>
public sealed class TokenState
{
    /// <summary>The token id.</summary>
    public required string Id { get; init; }

    /// <summary>The scope it moves in.</summary>
    public required string ScopeId { get; init; }

    /// <summary>The node it is at.</summary>
    public required string ElementId { get; set; }

    /// <summary>True when it waits at a wait state; false while it moves or is stuck at an incident.</summary>
    public bool Waiting { get; set; }

    /// <summary>For an instance of a multi-instance activity, its own variables: <c>loopCounter</c> and the element variable. Null otherwise.</summary>
    public Dictionary<string, JsonElement>? Locals { get; init; }

    internal TokenState Copy() => new() { Id = Id, ScopeId = ScopeId, ElementId = ElementId, Waiting = Waiting, Locals = Locals };
}

/// <summary>What a wait state waits for.</summary>
public enum BookmarkKind
{
    /// <summary>A person (or a payment, or a handoff) completing a task.</summary>
    Task,

    /// <summary>A timer falling due.</summary>
    Timer,

    /// <summary>A message with a name and correlation key.</summary>
    Message,

    /// <summary>A called process completing.</summary>
    Call,
}

/// <summary>An open wait state.</summary>
public sealed record Bookmark
{
    /// <summary>The task, timer, subscription or call id.</summary>
    public required string Id { get; init; }

    /// <summary>What it waits for.</summary>
    public required BookmarkKind Kind { get; init; }

    /// <summary>The node whose behaviour it resumes: the task, catch event or boundary event.</summary>
    public required string ElementId { get; init; }

    /// <summary>The waiting token; for a boundary event, the token at the host activity.</summary>
    public required string TokenId { get; init; }

    /// <summary>For timers, when it falls due; for tasks, the due date.</summary>
    public DateTimeOffset? Due { get; init; }

    /// <summary>For a cycle timer, how many more times it fires (-1: unbounded).</summary>
    public int? RemainingRepetitions { get; init; }

    /// <summary>For messages, the awaited message name.</summary>
    public string? MessageName { get; init; }

    /// <summary>For messages, the awaited correlation key.</summary>
    public string? CorrelationKey { get; init; }

    /// <summary>For tasks, the assignee.</summary>
    public string? Assignee { get; init; }

    /// <summary>
    /// Null for a wait state of the model. For the dossier's own timers and tasks:
    /// <c>due-warning</c> (a task falls due soon), <c>apology</c> (the apology obligation),
    /// <c>late-check</c> (the dossier's due date). These have no token: <see cref="TokenId"/> is empty,
    /// except for a due warning, which hangs on its task's token. <c>instance-time-limit</c> is the
    /// <c>bpm:timeLimit</c> of one instance of a multi-instance activity, on that instance's token.
    /// </summary>
    public string? Purpose { get; init; }
}

/// <summary>Arrivals at a join within one scope, counted per incoming flow id.</summary>
public sealed class JoinState
{
    /// <summary>The scope.</summary>
    public string ScopeId { get; set; } = "";

    /// <summary>The joining gateway.</summary>
    public string GatewayId { get; set; } = "";

    /// <summary>Tokens arrived and not yet consumed, by incoming flow id.</summary>
    public Dictionary<string, int> Arrived { get; set; } = [];
}

/// <summary>A message kept until a wait state takes it.</summary>
/// <param name="Name">Message name.</param>
/// <param name="CorrelationKey">Correlation key.</param>
/// <param name="Payload">Variables it carries.</param>
/// <param name="ReceivedAt">When it arrived.</param>
public sealed record BufferedMessage(string Name, string? CorrelationKey, Dictionary<string, JsonElement> Payload, DateTimeOffset ReceivedAt);

/// <summary>A problem a person must resolve; the token stays where it stopped.</summary>
/// <param name="Id">Incident id.</param>
/// <param name="ElementId">Where it happened.</param>
/// <param name="TokenId">The stopped token, if any.</param>
/// <param name="Message">What went wrong.</param>
/// <param name="At">When.</param>
public sealed record Incident(string Id, string ElementId, string? TokenId, string Message, DateTimeOffset At);
