using System.Text.Json;

namespace Bpm.Engine;

/// <summary>
/// Moves a checked instance onto the target process: renames every active element through the
/// mapping, journals <see cref="JournalEventType.InstanceMigrated"/> and tells the host, task by
/// task, which step each open task now stands for.
/// </summary>
internal sealed class MigrationRun(ExecutableProcess source, ExecutableProcess target, InstanceState state, EngineOptions options, DateTimeOffset now)
{
    private readonly RunContext _context = new(source, state, options, now);

    public CommandResult Run(MigrateInstance command, IReadOnlyDictionary<string, string> mapping)
    {
        string Map(string id) => id == source.Id ? target.Id : mapping.GetValueOrDefault(id, id);

        state.ProcessId = target.Id;
        state.Scopes = state.Scopes.ConvertAll(s => s with { ElementId = Map(s.ElementId) });
        foreach (var token in state.Tokens)
        {
            token.ElementId = Map(token.ElementId);
        }

        state.Bookmarks = state.Bookmarks.ConvertAll(b => b with { ElementId = Map(b.ElementId) });
        foreach (var join in state.Joins)
        {
            join.GatewayId = Map(join.GatewayId);
        }

        var changed = mapping.Where(m => m.Key != m.Value).OrderBy(m => m.Key, StringComparer.Ordinal).ToDictionary();
        var value = JsonSerializer.SerializeToElement(new { from = command.FromVersion, to = command.ToVersion, mapping = changed });
        _context.Journal(JournalEventType.InstanceMigrated, elementId: target.Id, actor: command.Actor, value: value);
        foreach (var task in state.Bookmarks.Where(b => b.Kind == BookmarkKind.Task))
        {
            _context.Emit(task.Purpose == DossierTimers.Purposes.Apology
                ? new TaskMoved(task.Id, target.Id, ApologyTask.TaskName, target.Extensions.GetValueOrDefault(BpmVocabulary.Attributes.DecidingUnit), BpmVocabulary.Roles.Leader)
                : Moved(task, target.NodesById[task.ElementId]));
        }

        return new CommandResult(state, _context.Events, _context.Effects);
    }

    private static TaskMoved Moved(Bookmark task, FlowNode node) => new(task.Id, node.Id, node.Name, node.Unit, node.Role);
}
