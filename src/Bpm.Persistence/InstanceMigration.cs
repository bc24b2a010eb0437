namespace Bpm.Persistence;

/// <summary>An instance that can move, and how its active elements map.</summary>
public sealed record MovableInstance(string InstanceId, string? BusinessKey, IReadOnlyDictionary<string, string> Mapping);

/// <summary>An instance that cannot move, and why; it is left untouched.</summary>
public sealed record StuckInstance(string InstanceId, string? BusinessKey, string Reason);

/// <summary>What moving the running instances of a definition from one version to another does.</summary>
public sealed record MigrationPlan(string DefinitionId, int From, int To, IReadOnlyList<MovableInstance> Movable, IReadOnlyList<StuckInstance> Stuck);
