using Bpm.Persistence;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Tasks;

/// <summary>
/// Claim and unclaim (and <see cref="DelegateTask"/>) change only the task's assignee. Each is one conditional UPDATE,
/// so two people claiming at once cannot both win.
/// </summary>
public static class ClaimTask
{
    public static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> ClaimAsync(
        string id, BpmDbContext db, CallerAccessor callers, TimeProvider time, CancellationToken cancellationToken)
    {
        var (caller, task, problem) = await OpenTaskAsync(id, db, callers, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (task.Assignee != caller.UserName)
        {
            var changed = await db.Tasks
                .Where(t => t.InstanceId == task.InstanceId && t.TaskId == task.TaskId && t.Status == TaskRecord.Open && t.Assignee == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Assignee, caller.UserName).SetProperty(t => t.ClaimedAt, time.GetUtcNow()), cancellationToken);
            if (changed == 0)
            {
                return await ClaimedByOtherAsync(db, task);
            }
        }

        return await ReloadAsync(db, task, cancellationToken);
    }

    public static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> UnclaimAsync(
        string id, BpmDbContext db, CallerAccessor callers, CancellationToken cancellationToken)
    {
        var (caller, task, problem) = await OpenTaskAsync(id, db, callers, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var changed = await db.Tasks
            .Where(t => t.InstanceId == task.InstanceId && t.TaskId == task.TaskId && t.Status == TaskRecord.Open && t.Assignee == caller.UserName)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Assignee, (string?)null).SetProperty(t => t.ClaimedAt, (DateTimeOffset?)null), cancellationToken);
        if (changed == 0 && task.Assignee is not null)
        {
            return HeldByOther(task, "chỉ người nhận mới trả lại được.");
        }

        return await ReloadAsync(db, task, cancellationToken);
    }

    /// <summary>The caller and the task they may see, or the problem: not found (also when not visible) or no longer open.</summary>
    internal static async Task<(Caller Caller, TaskRecord Task, ProblemHttpResult? Problem)> OpenTaskAsync(
        string id, BpmDbContext db, CallerAccessor callers, CancellationToken cancellationToken)
    {
        var caller = await callers.GetAsync(cancellationToken);
        var task = await TasksApi.FindVisibleAsync(db, caller, id, cancellationToken);
        return task is null ? (caller, null!, TasksApi.NotFound(id)) : (caller, task, NotOpen(task));
    }

    internal static ProblemHttpResult? NotOpen(TaskRecord task) =>
        task.Status == TaskRecord.Open
            ? null
            : Problems.Conflict(task.Status == TaskRecord.Completed
                ? $"Công việc đã được {task.CompletedBy} hoàn thành lúc {(task.CompletedAt is { } at ? Bpm.Dossiers.Dossiers.DossierTime.Display(at) : "?")}."
                : "Công việc đã bị huỷ.", new Dictionary<string, object?> { ["status"] = task.Status, ["completedBy"] = task.CompletedBy });

    private static async Task<ProblemHttpResult> ClaimedByOtherAsync(BpmDbContext db, TaskRecord task)
    {
        var now = await db.Tasks.AsNoTracking().FirstAsync(t => t.InstanceId == task.InstanceId && t.TaskId == task.TaskId);
        return NotOpen(now) ?? HeldByOther(now, null);
    }

    /// <summary>
    /// The 409 for a task someone else holds: who, since when (dd/MM/yyyy HH:mm, UTC+7) when the row knows it,
    /// and what the caller may do (<paramref name="advice"/>).
    /// </summary>
    internal static ProblemHttpResult HeldByOther(TaskRecord task, string? advice)
    {
        var since = task.ClaimedAt is { } at ? $" từ {Bpm.Dossiers.Dossiers.DossierTime.Display(at)}" : "";
        var text = $"Công việc đang do {task.Assignee} xử lý{since}" + (advice is null ? "." : $"; {advice}");
        return Problems.Conflict(text, new Dictionary<string, object?> { ["assignee"] = task.Assignee, ["claimedAt"] = task.ClaimedAt });
    }

    internal static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> ReloadAsync(BpmDbContext db, TaskRecord task, CancellationToken cancellationToken)
    {
        var now = await db.Tasks.AsNoTracking().FirstAsync(t => t.InstanceId == task.InstanceId && t.TaskId == task.TaskId, cancellationToken);
        return TypedResults.Ok(TaskResponse.From(now, await TasksApi.DefinitionOfAsync(db, task.InstanceId, cancellationToken)));
    }
}
