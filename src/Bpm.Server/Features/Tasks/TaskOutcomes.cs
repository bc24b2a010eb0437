using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Tasks;

/// <summary>
/// The decisions a task's step offers (<c>bpm:outcomes</c>), read from the version its dossier runs.
/// The engine lets a task complete without one; the API does not, because the gateway after the
/// step reads <c>outcome</c> and a dossier without it faults with no task left to correct it.
/// </summary>
internal static class TaskOutcomes
{
    /// <summary>The outcomes offered; empty when the step offers none (any or no outcome will do) or is not a node of the process (the apology letter).</summary>
    public static async Task<IReadOnlyList<string>> OfferedAsync(BpmDbContext db, DefinitionCache definitions, TaskRecord task, CancellationToken cancellationToken) =>
        (await NodeOfAsync(db, definitions, task, cancellationToken))?.Outcomes ?? [];

    /// <summary>
    /// The outcomes of many tasks at once, keyed by task (<see cref="TaskIds.Compose"/>): one query
    /// for their instances, one definition lookup per version — a list does not ask per row.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> OfferedAsync(BpmDbContext db, DefinitionCache definitions, IReadOnlyList<TaskRecord> tasks, CancellationToken cancellationToken)
    {
        var ids = tasks.Select(t => t.InstanceId).Distinct().ToList();
        var instances = await db.Instances.AsNoTracking()
            .Where(i => ids.Contains(i.InstanceId))
            .Select(i => new { i.InstanceId, i.DefinitionId, i.DefinitionVersion, i.ProcessId })
            .ToDictionaryAsync(i => i.InstanceId, cancellationToken);
        var offered = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var task in tasks)
        {
            var instance = instances[task.InstanceId];
            var definition = await definitions.GetAsync(db, instance.DefinitionId, instance.DefinitionVersion, cancellationToken);
            offered[TaskIds.Compose(task.InstanceId, task.TaskId)] =
                definition?.Processes.FirstOrDefault(p => p.Id == instance.ProcessId)?.NodesById.GetValueOrDefault(task.ElementId)?.Outcomes ?? [];
        }

        return offered;
    }

    /// <summary>The task's step in the version its instance runs; null when it is not a node of the process (the apology letter).</summary>
    public static async Task<Bpm.Engine.FlowNode?> NodeOfAsync(BpmDbContext db, DefinitionCache definitions, TaskRecord task, CancellationToken cancellationToken)
    {
        var instance = await db.Instances.AsNoTracking()
            .Where(i => i.InstanceId == task.InstanceId)
            .Select(i => new { i.DefinitionId, i.DefinitionVersion, i.ProcessId })
            .FirstAsync(cancellationToken);
        var definition = await definitions.GetAsync(db, instance.DefinitionId, instance.DefinitionVersion, cancellationToken);
        return definition?.Processes.FirstOrDefault(p => p.Id == instance.ProcessId)?.NodesById.GetValueOrDefault(task.ElementId);
    }
}
