namespace Bpm.Persistence;

/// <summary>Where a definition version stands.</summary>
public enum DefinitionStatus
{
    /// <summary>Being edited; not runnable.</summary>
    Draft,

    /// <summary>Runnable; new instances start on the latest published version.</summary>
    Published,

    /// <summary>No new instances; instances already pinned to it keep running.</summary>
    Retracted,
}
