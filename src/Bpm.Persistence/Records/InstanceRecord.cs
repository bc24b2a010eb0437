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

    /// <summary>
    /// The hash of the instance's last journal row (<see cref="JournalHash.Genesis"/> before the first),
    /// written with the rows in the same update as <see cref="Revision"/>, so that appending to the
    /// chain needs no read of the journal.
    /// </summary>
    public string JournalHead { get; set; } = JournalHash.Genesis;

    /// <summary>Incremented by every write; the optimistic concurrency token.</summary>
    public long Revision { get; set; }

    /// <summary>When completed with a due date: early, on-time or late (for reports).</summary>
    public string? Evaluation { get; set; }

    /// <summary>True once the dossier passed its due date with no apology letter issued (counted in reports).</summary>
    public bool LateWithoutApology { get; set; }
}
