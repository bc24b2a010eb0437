namespace Bpm.Persistence;

/// <summary>
/// One inter-connected handoff (liên thông): the parent instance's handoff task, and the instance
/// of the target agency's process started for the same dossier to answer it.
/// </summary>
public sealed class HandoffRecord
{
    public const string Running = "running";
    public const string Result = "result";
    public const string Refused = "refused";
    public const string Supplement = "supplement";
    public const string Cancelled = "cancelled";

    /// <summary>Sent to a partner installation, which refused it for good (docs/handoffs.md): the sending unit completes the task by hand.</summary>
    public const string Undelivered = "undelivered";

    public required string ParentInstanceId { get; set; }

    /// <summary>The parent's task of kind handoff; one handoff per task.</summary>
    public required string ParentTaskId { get; set; }

    /// <summary>The parent's handoff step (element id).</summary>
    public required string ParentElementId { get; set; }

    /// <summary>The dossier code, the business key of both instances.</summary>
    public required string DossierCode { get; set; }

    /// <summary>The child instance; for a handoff sent to a partner installation, the partner's, known once it answers.</summary>
    public string? ChildInstanceId { get; set; }

    /// <summary>The target agency (organisation-unit code, e.g. <c>CA-PHUONGLAM</c>).</summary>
    public required string TargetAgency { get; set; }

    /// <summary>The procedure the target handles (<c>bpm:procedureCode</c> of its process).</summary>
    public required string TargetProcedure { get; set; }

    /// <summary>The child's definition here; null when the partner installation runs it.</summary>
    public string? DefinitionId { get; set; }

    /// <summary>The partner installation the handoff was sent to (<c>Bpm:Handoffs:Partners</c>); null when the child runs here.</summary>
    public string? Partner { get; set; }

    /// <summary>The idempotency key of the request sent to <see cref="Partner"/>; its answer and cancel name it.</summary>
    public string? RemoteKey { get; set; }

    /// <summary>The idempotency key of the partner's answer that completed the task, so that only that answer is taken.</summary>
    public string? AnswerKey { get; set; }

    /// <summary>Running, then result, refused, supplement (the target's answer), cancelled (the parent no longer waits) or undelivered (a partner refused the request).</summary>
    public required string Status { get; set; }

    public required DateTimeOffset StartedAt { get; set; }

    /// <summary>The target's own due date: its allowance in the parent's model, else its process's time limit.</summary>
    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The target's part graded against its own due date: early, on-time or late.</summary>
    public string? Evaluation { get; set; }
}
