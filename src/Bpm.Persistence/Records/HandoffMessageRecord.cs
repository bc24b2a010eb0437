namespace Bpm.Persistence;

/// <summary>
/// A signed message to a partner installation (a handoff, its answer, or its cancel), written in the
/// transaction of the step that causes it and sent from there at least once, until the partner
/// acknowledges it (docs/handoffs.md, "Across installations").
/// </summary>
public sealed class HandoffMessageRecord
{
    public const string HandoffKind = "handoff";
    public const string AnswerKind = "answer";
    public const string CancelKind = "cancel";

    /// <summary>One file of a handoff's papers: the body is what is sent about it, the bytes are read from the paper store when it is sent.</summary>
    public const string PaperKind = "paper";

    public long Id { get; set; }

    /// <summary>The idempotency key: the partner takes a repeat of it as the same message.</summary>
    public required string Key { get; set; }

    /// <summary>The partner installation (its id in <c>Bpm:Handoffs:Partners</c>).</summary>
    public required string Partner { get; set; }

    /// <summary>handoff, answer or cancel.</summary>
    public required string Kind { get; set; }

    /// <summary>The absolute address it is posted to.</summary>
    public required string Url { get; set; }

    /// <summary>The JSON body, exactly as signed and sent on each attempt.</summary>
    public required string Body { get; set; }

    public required string DossierCode { get; set; }

    public required DateTimeOffset CreatedAt { get; set; }

    public required DateTimeOffset NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    /// <summary>Set when the partner refused it for good (a 4xx other than 408 and 429).</summary>
    public DateTimeOffset? GaveUpAt { get; set; }

    public string? LastAnswer { get; set; }
}

/// <summary>One attempt to send a <see cref="HandoffMessageRecord"/>, with the partner's answer.</summary>
public sealed class HandoffMessageAttemptRecord
{
    public required long MessageId { get; set; }

    public required int Attempt { get; set; }

    public required DateTimeOffset At { get; set; }

    /// <summary>The HTTP status, or null when nothing answered (refused connection, time-out).</summary>
    public int? Status { get; set; }

    public required bool Acknowledged { get; set; }

    public required string Answer { get; set; }
}
