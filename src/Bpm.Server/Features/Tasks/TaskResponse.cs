using Bpm.Persistence;

namespace Bpm.Server.Features.Tasks;

/// <summary>An inbox task. <see cref="Id"/> is <c>INSTANCE~TASK</c>: engine task ids are unique per instance only.</summary>
public sealed record TaskResponse(
    string Id,
    string InstanceId,
    string TaskId,
    string ElementId,
    string? Name,
    string? Unit,
    string? Role,
    string? Kind,
    string Status,
    string? Assignee,
    string? BusinessKey,
    string? DefinitionId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? CompletedAt,
    string? CompletedBy,
    string? Outcome,
    DateTimeOffset? WarnedAt)
{
    /// <summary>True while an open task has been warned as falling due soon (Sắp đến hạn).</summary>
    public bool DueSoon => WarnedAt is not null && Status == TaskRecord.Open;

    public static TaskResponse From(TaskRecord t, string? definitionId) =>
        new(TaskIds.Compose(t.InstanceId, t.TaskId), t.InstanceId, t.TaskId, t.ElementId, t.Name, t.Unit, t.Role, t.Kind, t.Status, t.Assignee,
            t.BusinessKey, definitionId, t.CreatedAt, t.DueAt, t.CompletedAt, t.CompletedBy, t.Outcome, t.WarnedAt);
}

internal static class TaskIds
{
    public const char Separator = '~';

    public static string Compose(string instanceId, string taskId) => instanceId + Separator + taskId;

    public static bool TryParse(string id, out string instanceId, out string taskId)
    {
        var at = id.LastIndexOf(Separator);
        instanceId = at > 0 ? id[..at] : "";
        taskId = at > 0 ? id[(at + 1)..] : "";
        return at > 0 && taskId.Length > 0;
    }
}
