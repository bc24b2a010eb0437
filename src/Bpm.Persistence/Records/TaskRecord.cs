namespace Bpm.Persistence;

/// <summary>An inbox task, denormalised from the instance state so that inbox queries need no JSON.</summary>
public sealed class TaskRecord
{
    public const string Open = "open";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";

    public required string InstanceId { get; set; }

    /// <summary>Unique within the instance only.</summary>
    public required string TaskId { get; set; }

    public required string ElementId { get; set; }

    public string? Name { get; set; }

    public string? Unit { get; set; }

    public string? Role { get; set; }

    /// <summary>Who may claim it (<c>bpm:candidate</c>), when narrower than the role.</summary>
    public string? Candidate { get; set; }

    public string? Assignee { get; set; }

    /// <summary>
    /// When the assignee took it (claim) or was given it (delegation); null while unclaimed, and for
    /// an assignee named by the model at creation. A refusal to someone else says who holds it since when.
    /// </summary>
    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>Null for a user task, else the <c>bpm:kind</c> (fee, handoff).</summary>
    public string? Kind { get; set; }

    public required string Status { get; set; }

    public string? BusinessKey { get; set; }

    public required DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? CompletedBy { get; set; }

    public string? Outcome { get; set; }

    /// <summary>For a completed task with a due date: early, on-time or late (for reports).</summary>
    public string? Evaluation { get; set; }

    /// <summary>When the unit and its leader were warned that the task falls due soon (shown in the inbox).</summary>
    public DateTimeOffset? WarnedAt { get; set; }
}
