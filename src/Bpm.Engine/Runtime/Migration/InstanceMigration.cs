namespace Bpm.Engine;

/// <summary>Whether an instance can move to a target version, and how its active elements map.</summary>
/// <param name="Mapping">Each active element's id in the source, to its id in the target.</param>
/// <param name="Refusal">Why it cannot move; null when it can.</param>
public sealed record MigrationCheck(IReadOnlyDictionary<string, string> Mapping, string? Refusal)
{
    /// <summary>True when the instance can move.</summary>
    public bool CanMove => Refusal is null;
}

/// <summary>
/// The rules of moving an instance between versions: every active element (token position, wait
/// state, sub-process scope, join with arrivals) must map to a node of the same kind in the target,
/// and a running multi-instance activity to one that runs its instances the same way.
/// The dossier's own timers and apology task hang on the process, which maps to the target process.
/// </summary>
public static class InstanceMigration
{
    /// <summary>Checks <paramref name="state"/> against <paramref name="target"/>; changes nothing.</summary>
    public static MigrationCheck Check(ExecutableProcess source, ExecutableProcess target, InstanceState state, IReadOnlyDictionary<string, string>? mapping = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(state);
        if (state.ProcessId != source.Id)
        {
            return new MigrationCheck(new Dictionary<string, string>(), $"runs called process '{state.ProcessId}'; only instances of the main process are migrated");
        }

        var active = state.Tokens.Select(t => t.ElementId)
            .Concat(state.Bookmarks.Where(b => b.ElementId != source.Id).Select(b => b.ElementId))
            .Concat(state.Scopes.Where(s => s.ParentScopeId is not null).Select(s => s.ElementId))
            .Concat(state.Joins.Where(j => j.Arrived.Values.Any(n => n > 0)).Select(j => j.GatewayId))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var id in active)
        {
            var to = mapping?.GetValueOrDefault(id) ?? id;
            if (!target.NodesById.TryGetValue(to, out var node))
            {
                problems.Add(to == id ? $"active element '{id}' has no counterpart in the target version; map it explicitly" : $"'{id}' is mapped to '{to}', which the target version does not have");
            }
            else if (source.NodesById.TryGetValue(id, out var before) && before.Kind != node.Kind)
            {
                problems.Add($"'{id}' ({before.XmlType}) cannot become '{to}' ({node.XmlType})");
            }
            else if (before is not null && MultiInstanceDiffers(before, node))
            {
                problems.Add(before.MultiInstance is null || node.MultiInstance is null
                    ? $"'{id}' and '{to}' differ in being multi-instance, so its running instances cannot be carried over; let the activity finish first"
                    : $"'{id}' runs its instances {Order(before)} and '{to}' {Order(node)}, so its running instances cannot be carried over; let the activity finish first");
            }
            else
            {
                result[id] = to;
            }
        }

        return new MigrationCheck(result, problems.Count == 0 ? null : string.Join("; ", problems));
    }

    private static bool MultiInstanceDiffers(FlowNode before, FlowNode after) =>
        (before.MultiInstance is null) != (after.MultiInstance is null) || before.MultiInstance?.IsSequential != after.MultiInstance?.IsSequential;

    private static string Order(FlowNode node) => node.MultiInstance!.IsSequential ? "one after another" : "side by side";
}
