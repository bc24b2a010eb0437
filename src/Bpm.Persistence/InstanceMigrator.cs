using System.Text.Json;
using Bpm.Engine;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence;

/// <summary>
/// Moves running instances from version N to version M of a definition. Every active element
/// (token position, wait state, sub-process scope, join) must map to a node of the same kind in
/// version M: equal ids map themselves, others come from the explicit mapping. Instances that do
/// not map are reported and left untouched. A move is journaled as <c>instance-migrated</c>.
/// </summary>
public sealed class InstanceMigrator(BpmDbContext db, TimeProvider time, DefinitionCache? definitions = null)
{
    public const string JournalType = "instance-migrated";

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
            var result = Map(row, StoreJson.State(row.State), source, target, mapping ?? new Dictionary<string, string>());
            if (result.Reason is null)
            {
                movable.Add(new MovableInstance(row.InstanceId, row.BusinessKey, result.Mapping));
            }
            else
            {
                stuck.Add(new StuckInstance(row.InstanceId, row.BusinessKey, result.Reason));
            }
        }

        return new MigrationPlan(definitionId, from, to, movable, stuck);
    }

    /// <summary>Moves every movable instance, each in its own transaction; returns the plan that was carried out.</summary>
    public async Task<MigrationPlan> MigrateAsync(string definitionId, int from, int to, IReadOnlyDictionary<string, string>? mapping, string actor, CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(definitionId, from, to, mapping, cancellationToken);
        var (_, target) = await LoadAsync(definitionId, from, to, cancellationToken);
        var moved = new List<MovableInstance>();
        var stuck = new List<StuckInstance>(plan.Stuck);
        foreach (var instance in plan.Movable)
        {
            if (await MoveAsync(instance, plan, target, actor, cancellationToken) is { } reason)
            {
                stuck.Add(new StuckInstance(instance.InstanceId, instance.BusinessKey, reason));
            }
            else
            {
                moved.Add(instance);
            }
        }

        return plan with { Movable = moved, Stuck = stuck };
    }

    private async Task<string?> MoveAsync(MovableInstance instance, MigrationPlan plan, ExecutableProcess target, string actor, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var row = await db.Instances.FirstAsync(i => i.InstanceId == instance.InstanceId, cancellationToken);
        if (row.DefinitionVersion != plan.From || row.Status != StateWriter.Status(InstanceStatus.Running))
        {
            return "the instance changed since the plan was made";
        }

        var now = time.GetUtcNow();
        var state = StoreJson.State(row.State);
        string M(string id) => instance.Mapping.GetValueOrDefault(id, id);
        state.ProcessId = target.Id;
        state.Scopes = state.Scopes.ConvertAll(s => s with { ElementId = s.ParentScopeId is null ? target.Id : M(s.ElementId) });
        foreach (var token in state.Tokens)
        {
            token.ElementId = M(token.ElementId);
        }

        state.Bookmarks = state.Bookmarks.ConvertAll(b => b with { ElementId = M(b.ElementId) });
        foreach (var join in state.Joins)
        {
            join.GatewayId = M(join.GatewayId);
        }

        var previousHash = await db.Journal.AsNoTracking().Where(j => j.InstanceId == row.InstanceId).OrderByDescending(j => j.Seq).Select(j => j.Hash).FirstOrDefaultAsync(cancellationToken) ?? JournalHash.Genesis;

        // The engine numbers its events from LastSequence, so the migration row takes the next number.
        state.LastSequence++;
        var payload = JsonSerializer.Serialize(new { from = plan.From, to = plan.To, mapping = instance.Mapping.Where(m => m.Key != m.Value).ToDictionary() }, StoreJson.Options);
        db.Journal.Add(JournalHash.Append(row.InstanceId, state.LastSequence, JournalType, now, actor, payload, previousHash));
        StateWriter.Apply(row, state, now);
        row.DefinitionVersion = plan.To;
        row.ProcessId = target.Id;

        var tasks = await db.Tasks.Where(t => t.InstanceId == row.InstanceId && t.Status == TaskRecord.Open).ToListAsync(cancellationToken);
        foreach (var task in tasks)
        {
            var node = target.NodesById[M(task.ElementId)];
            task.ElementId = node.Id;
            task.Name = node.Name;
            task.Unit = node.Unit;
            task.Role = node.Role;
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException)
        {
            return "the instance changed while it was being moved; run the migration again";
        }
    }

    private static (IReadOnlyDictionary<string, string> Mapping, string? Reason) Map(InstanceRecord row, InstanceState state, ExecutableProcess source, ExecutableProcess target, IReadOnlyDictionary<string, string> explicitMapping)
    {
        if (row.ProcessId != source.Id)
        {
            return (new Dictionary<string, string>(), $"runs called process '{row.ProcessId}'; only instances of the main process are migrated");
        }

        var active = state.Tokens.Select(t => t.ElementId)
            .Concat(state.Bookmarks.Select(b => b.ElementId))
            .Concat(state.Scopes.Where(s => s.ParentScopeId is not null).Select(s => s.ElementId))
            .Concat(state.Joins.Where(j => j.Arrived.Values.Any(n => n > 0)).Select(j => j.GatewayId))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var id in active)
        {
            var to = explicitMapping.GetValueOrDefault(id, id);
            if (!target.NodesById.TryGetValue(to, out var node))
            {
                problems.Add(to == id ? $"active element '{id}' has no counterpart in the target version; map it explicitly" : $"'{id}' is mapped to '{to}', which the target version does not have");
            }
            else if (source.NodesById.TryGetValue(id, out var before) && before.Kind != node.Kind)
            {
                problems.Add($"'{id}' ({before.XmlType}) cannot become '{to}' ({node.XmlType})");
            }
            else
            {
                mapping[id] = to;
            }
        }

        return problems.Count == 0 ? (mapping, null) : (mapping, string.Join("; ", problems));
    }

    private async Task<(ExecutableProcess Source, ExecutableProcess Target)> LoadAsync(string definitionId, int from, int to, CancellationToken cancellationToken)
    {
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
