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

    public required string CreatedBy { get; set; }

    public required DateTimeOffset CreatedAt { get; set; }

    public string? PublishedBy { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>What changed, as the designer wrote it when publishing.</summary>
    public string? ChangeNote { get; set; }
}
