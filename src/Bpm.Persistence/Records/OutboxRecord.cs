namespace Bpm.Persistence;

/// <summary>A side-effect request written in the command's transaction and delivered at least once.</summary>
public sealed class OutboxRecord
{
    /// <summary>Also the idempotency key consumers use to ignore a redelivery.</summary>
    public long Id { get; set; }

    public required string InstanceId { get; set; }

    /// <summary>The side effect's type discriminator, e.g. <c>timer-armed</c>.</summary>
    public required string Type { get; set; }

    /// <summary>The engine's <c>SideEffect</c> as JSON (polymorphic, with <c>type</c>).</summary>
    public required string Payload { get; set; }

    public required DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DispatchedAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public const int LeasedByLength = 100;

    /// <summary>The pass that took the row (host name, process id, pass id), kept after delivery to say who delivered it.</summary>
    public string? LeasedBy { get; set; }

    /// <summary>Until when no other host may take the row; a host that died holding it loses it then.</summary>
    public DateTimeOffset? LeasedUntil { get; set; }
}
