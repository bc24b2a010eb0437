using Bpm.Engine;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence;

/// <summary>
/// Moves running instances from version N to version M of a definition. The engine decides
/// (<see cref="InstanceMigration.Check"/>) and moves (<see cref="MigrateInstance"/>, journaled as
/// <c>instance-migrated</c>); this class only picks the instances and runs the command on each
/// through the <see cref="CommandExecutor"/>, with the host's <paramref name="engineOptions"/> (its working
/// calendar counts the moved steps' due dates). Instances that do not map are reported and left untouched.
/// </summary>
public sealed class InstanceMigrator(BpmDbContext db, TimeProvider time, DefinitionCache? definitions = null, EngineOptions? engineOptions = null)
{
    public static readonly string JournalType = JournalEventType.InstanceMigrated.ToKebabCase();

    private readonly DefinitionCache _definitions = definitions ?? new DefinitionCache();

    /// <summary>The dry run: what would move and what cannot. Changes nothing.</summary>
    public async Task<MigrationPlan> PlanAsync(string definitionId, int from, int to, IReadOnlyDictionary<string, string>? mapping = null, CancellationToken cancellationToken = default)
    {
        var (source, target) = await LoadAsync(definitionId, from, to, cancellationToken);
        var rows = await RunningAsync(definitionId, from, cancellationToken);
        var movable = new List<MovableInstance>();
        var stuck = new List<StuckInstance>();
        foreach (var row in rows)
        {
            var check = InstanceMigration.Check(source, target, StoreJson.State(row.State), mapping);
            if (check.CanMove)
            {
                movable.Add(new MovableInstance(row.InstanceId, row.BusinessKey, check.Mapping));
            }
            else
            {
                stuck.Add(new StuckInstance(row.InstanceId, row.BusinessKey, check.Refusal!));
            }
        }

        return new MigrationPlan(definitionId, from, to, movable, stuck);
    }

    /// <summary>Moves every movable instance, each in its own transaction; returns the plan that was carried out.</summary>
    public async Task<MigrationPlan> MigrateAsync(string definitionId, int from, int to, IReadOnlyDictionary<string, string>? mapping, string actor, CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(definitionId, from, to, mapping, cancellationToken);
        var executor = new CommandExecutor(db, time, _definitions, engineOptions);
        var moved = new List<MovableInstance>();
        var stuck = new List<StuckInstance>(plan.Stuck);
        foreach (var instance in plan.Movable)
        {
            var result = await executor.MigrateAsync(instance.InstanceId, new MigrateInstance(from, to, mapping) { Actor = actor }, cancellationToken);
            if (result.Status == ExecutionStatus.Applied)
            {
                moved.Add(instance);
            }
            else
            {
                stuck.Add(new StuckInstance(instance.InstanceId, instance.BusinessKey, result.Rejection?.Message ?? "the instance could not be moved"));
            }
        }

        return plan with { Movable = moved, Stuck = stuck };
    }

    private async Task<(ExecutableProcess Source, ExecutableProcess Target)> LoadAsync(string definitionId, int from, int to, CancellationToken cancellationToken)
    {
        if (from == to)
        {
            throw new DefinitionException("same-version", $"fromVersion and toVersion are both {from}; instances move only to another version");
        }

        var source = await _definitions.GetAsync(db, definitionId, from, cancellationToken)
            ?? throw new DefinitionException("not-found", $"definition '{definitionId}' v{from} does not exist or is a draft");
        var target = await _definitions.GetAsync(db, definitionId, to, cancellationToken)
            ?? throw new DefinitionException("not-found", $"definition '{definitionId}' v{to} does not exist or is a draft");
        var status = await db.Definitions.AsNoTracking().Where(d => d.DefinitionId == definitionId && d.Version == to).Select(d => d.Status).FirstAsync(cancellationToken);
        if (status != DefinitionStatus.Published)
        {
            throw new DefinitionException("not-published", $"definition '{definitionId}' v{to} is {DefinitionStore.Name(status)}; instances move only to a published version");
        }

        return (source.Main, target.Main);
    }

    private Task<List<InstanceRecord>> RunningAsync(string definitionId, int version, CancellationToken cancellationToken)
    {
        var running = StateWriter.Status(InstanceStatus.Running);
        return db.Instances.AsNoTracking()
            .Where(i => i.DefinitionId == definitionId && i.DefinitionVersion == version && i.Status == running)
            .OrderBy(i => i.InstanceId)
            .ToListAsync(cancellationToken);
    }
}
