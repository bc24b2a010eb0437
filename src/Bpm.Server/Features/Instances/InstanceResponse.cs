using System.Text.Json;
using Bpm.Engine;
using Bpm.Persistence;
using Bpm.Server.Features.Tasks;

namespace Bpm.Server.Features.Instances;

public sealed record TimerResponse(string TimerId, string ElementId, DateTimeOffset? Due);

public sealed record IncidentResponse(string Id, string ElementId, string Message, DateTimeOffset At);

public sealed record InstanceResponse(
    string InstanceId,
    string DefinitionId,
    int Version,
    string ProcessId,
    string? BusinessKey,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset? DueAt,
    IReadOnlyList<string> ActiveElements,
    IReadOnlyDictionary<string, JsonElement> Variables,
    IReadOnlyList<TaskResponse> OpenTasks,
    IReadOnlyList<TimerResponse> Timers,
    IReadOnlyList<IncidentResponse> Incidents)
{
    public static InstanceResponse From(InstanceRecord row, IEnumerable<TaskRecord> openTasks)
    {
        var state = StoreJson.State(row.State);
        return new InstanceResponse(
            row.InstanceId, row.DefinitionId, row.DefinitionVersion, row.ProcessId, row.BusinessKey, row.Status,
            row.StartedAt, row.EndedAt, row.DueAt,
            state.Tokens.Select(t => t.ElementId).Distinct().Order(StringComparer.Ordinal).ToList(),
            state.Variables,
            openTasks.Select(t => TaskResponse.From(t, row.DefinitionId)).ToList(),
            state.Bookmarks.Where(b => b.Kind == BookmarkKind.Timer).Select(b => new TimerResponse(b.Id, b.ElementId, b.Due)).ToList(),
            state.Incidents.Select(i => new IncidentResponse(i.Id, i.ElementId, i.Message, i.At)).ToList());
    }
}
