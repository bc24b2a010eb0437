namespace Bpm.Persistence;

/// <summary>One version of a process definition (BPMN XML).</summary>
public sealed class DefinitionRecord
{
    public required string DefinitionId { get; set; }

    public required int Version { get; set; }

    public required DefinitionStatus Status { get; set; }

    public required string Xml { get; set; }

    /// <summary>SHA-256 of the XML's UTF-8 bytes, lower-case hex.</summary>
    public required string ContentHash { get; set; }

    /// <summary>
    /// The main process's <c>bpm:procedureCode</c>, copied from the XML when the version is
    /// published (<see cref="DefinitionProcedureColumns"/>), so that finding the definition that
    /// handles a procedure reads an index instead of every definition's XML. Null on drafts and
    /// when the process names no procedure.
    /// </summary>
    public string? ProcedureCode { get; set; }

    /// <summary>The main process's <c>bpm:decidingUnit</c>, copied with <see cref="ProcedureCode"/>.</summary>
    public string? DecidingUnit { get; set; }

    public required string CreatedBy { get; set; }

    public required DateTimeOffset CreatedAt { get; set; }

    public string? PublishedBy { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>What changed, as the designer wrote it when publishing.</summary>
    public string? ChangeNote { get; set; }
}
