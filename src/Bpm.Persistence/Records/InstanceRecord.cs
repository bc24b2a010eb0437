namespace Bpm.Persistence;

/// <summary>A process instance pinned to one definition version, with its serialised engine state.</summary>
public sealed class InstanceRecord
{
    public required string InstanceId { get; set; }

    public required string DefinitionId { get; set; }

    public required int DefinitionVersion { get; set; }

    /// <summary>The process of the definition this instance runs (the main one, or a called one).</summary>
    public required string ProcessId { get; set; }

    /// <summary>The dossier code.</summary>
    public string? BusinessKey { get; set; }

    public required string Status { get; set; }

    /// <summary>The engine's <c>InstanceState</c> as JSON.</summary>
    public required string State { get; set; }

    public required DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public required DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Incremented by every write; the optimistic concurrency token.</summary>
    public long Revision { get; set; }
}
