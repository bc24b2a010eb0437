namespace Bpm.Persistence;

/// <summary>
/// A handoff a partner installation sent here: its idempotency key, the hash of the body it came
/// with (a replay with another body is refused), the child started for it, and where its answer goes.
/// </summary>
public sealed class InboundHandoffRecord
{
    public required string Partner { get; set; }

    /// <summary>The sender's idempotency key.</summary>
    public required string Key { get; set; }

    /// <summary>SHA-256 of the request body, lowercase hex.</summary>
    public required string BodySha256 { get; set; }

    public required string DossierCode { get; set; }

    public required string TargetAgency { get; set; }

    public required string TargetProcedure { get; set; }

    public required string ChildInstanceId { get; set; }

    /// <summary>The sender's callback address (under the partner's configured base address).</summary>
    public required string CallbackUrl { get; set; }

    /// <summary>Running, then result, refused, supplement (answered) or cancelled (the sender withdrew it).</summary>
    public required string Status { get; set; }

    public required DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }
}
