using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Bpm.Persistence;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Engine = Bpm.Engine;

namespace Bpm.Server.Features.Tasks;

/// <summary>
/// Completes a task. Idempotent: the same caller completing a task they already completed gets
/// the first result back (<c>replayed: true</c>) and nothing moves a second time; someone else
/// gets a 409 naming who completed it.
/// </summary>
public static class CompleteTask
{
    public const int MaxComment = 4000;

    public const int MaxOutcome = 100;

    // The engine's bpm:kind="fee" (docs/bpmn-extensions.md), as Payments' FeeSteps reads it.
    private const string FeeKind = "fee";

    public sealed record Request([property: MaxLength(MaxOutcome)] string? Outcome, Dictionary<string, JsonElement>? Variables, [property: MaxLength(MaxComment)] string? Comment);

    public sealed record Response(TaskResponse Task, string InstanceStatus, bool Replayed);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> HandleAsync(
        string id, Request? request, CommandExecutor executor, BpmDbContext db, DefinitionCache definitions, CallerAccessor callers, CancellationToken cancellationToken)
    {
        request ??= new Request(null, null, null);

        var caller = await callers.GetAsync(cancellationToken);
        var task = await TasksApi.FindVisibleAsync(db, caller, id, cancellationToken);
        if (task is null)
        {
            return TasksApi.NotFound(id);
        }

        if (task.Status == TaskRecord.Completed && task.CompletedBy == caller.UserName)
        {
            return await ResultAsync(db, task, replayed: true, cancellationToken);
        }

        if (ClaimTask.NotOpen(task) is { } closed)
        {
            return closed;
        }

        if (await WaitsElsewhereAsync(db, task, cancellationToken) is { } waiting)
        {
            return waiting;
        }

        if (task.Assignee is not null && task.Assignee != caller.UserName)
        {
            return ClaimTask.HeldByOther(task, "hãy nhận lại (claim) sau khi người đó trả lại.");
        }

        var outcome = string.IsNullOrWhiteSpace(request.Outcome) ? null : request.Outcome.Trim();
        var offered = await TaskOutcomes.OfferedAsync(db, definitions, task, cancellationToken);
        if (offered.Count > 0 && (outcome is null || !offered.Contains(outcome, StringComparer.Ordinal)))
        {
            var choices = string.Join(", ", offered);
            return Problems.BadRequest("outcome", outcome is null
                ? $"Bước '{task.Name ?? task.ElementId}' cần kết quả xử lý (outcome): một trong {choices}."
                : $"Bước '{task.Name ?? task.ElementId}' không có kết quả '{outcome}'; chọn một trong {choices}.");
        }

        var variables = request.Variables is null ? new Dictionary<string, JsonElement>() : new Dictionary<string, JsonElement>(request.Variables);
        if (!string.IsNullOrWhiteSpace(request.Comment))
        {
            variables["comment"] = JsonSerializer.SerializeToElement(request.Comment.Trim());
        }

        var command = new Engine.CompleteTask(task.TaskId, outcome, variables) { Actor = caller.UserName };
        var result = await executor.ExecuteAsync(task.InstanceId, command, cancellationToken);
        Telemetry.CommandsExecuted.Add(1, new KeyValuePair<string, object?>("command", "complete-task"), new KeyValuePair<string, object?>("status", result.Status.ToString()));
        if (!result.Applied)
        {
            return await RefusedAsync(db, task, caller, result, cancellationToken);
        }

        Telemetry.TasksCompleted.Add(1);
        return await ResultAsync(db, task, replayed: false, cancellationToken);
    }

    /// <summary>
    /// A fee step waits for its payment, and a handoff step for the other agency's answer: both are
    /// completed by what they wait for, never by hand. A handoff step whose agency has no process
    /// to start (or whose partner refused it) is the sending unit's to complete, as before.
    /// </summary>
    private static async Task<ProblemHttpResult?> WaitsElsewhereAsync(BpmDbContext db, TaskRecord task, CancellationToken cancellationToken)
    {
        var step = task.Name ?? task.ElementId;
        if (task.Kind == FeeKind)
        {
            return Problems.Conflict(
                $"Bước '{step}' chờ người nộp thanh toán phí, lệ phí: bước tự hoàn thành khi khoản thanh toán được ghi nhận (thanh toán trực tuyến hoặc nộp tiền mặt tại Bộ phận Một cửa), không hoàn thành bằng tay.",
                new Dictionary<string, object?> { ["kind"] = FeeKind });
        }

        if (task.Kind != Bpm.Dossiers.Handoffs.HandoffCoordinator.HandoffKind)
        {
            return null;
        }

        var handoff = await db.Handoffs.AsNoTracking().FirstOrDefaultAsync(h => h.ParentInstanceId == task.InstanceId && h.ParentTaskId == task.TaskId && h.Status == HandoffRecord.Running, cancellationToken);
        return handoff is null ? null : Problems.Conflict(
            $"Bước '{step}' chờ kết quả liên thông từ cơ quan {handoff.TargetAgency}{(handoff.Partner is { } partner ? $" (hệ thống {partner})" : "")}: bước tự hoàn thành khi cơ quan đó trả lời, không hoàn thành bằng tay.",
            new Dictionary<string, object?> { ["kind"] = Bpm.Dossiers.Handoffs.HandoffCoordinator.HandoffKind, ["agency"] = handoff.TargetAgency });
    }

    private static async Task<Results<Ok<Response>, ProblemHttpResult>> RefusedAsync(
        BpmDbContext db, TaskRecord task, Caller caller, ExecutionResult result, CancellationToken cancellationToken)
    {
        var rejection = result.Rejection!;
        switch (rejection.Code)
        {
            case "already-completed" when result.CompletedBy == caller.UserName:
                return await ResultAsync(db, task, replayed: true, cancellationToken);
            case "already-completed":
                // Who and when, as the task page words a task found completed before the post (ClaimTask.NotOpen).
                var done = await db.Tasks.AsNoTracking().FirstAsync(t => t.InstanceId == task.InstanceId && t.TaskId == task.TaskId, cancellationToken);
                return ClaimTask.NotOpen(done) ?? Problems.Conflict($"Công việc đã được {result.CompletedBy} hoàn thành.", new Dictionary<string, object?> { ["completedBy"] = result.CompletedBy });
            case "outcome-not-allowed":
                return Problems.BadRequest("outcome", $"Kết quả xử lý không hợp lệ cho bước này: {rejection.Message}.");
            default:
                return Problems.Conflict($"Không hoàn thành được công việc: {rejection.Message}.", new Dictionary<string, object?> { ["code"] = rejection.Code });
        }
    }

    private static async Task<Results<Ok<Response>, ProblemHttpResult>> ResultAsync(BpmDbContext db, TaskRecord task, bool replayed, CancellationToken cancellationToken)
    {
        var now = await db.Tasks.AsNoTracking().FirstAsync(t => t.InstanceId == task.InstanceId && t.TaskId == task.TaskId, cancellationToken);
        var instance = await db.Instances.AsNoTracking().Where(i => i.InstanceId == task.InstanceId).Select(i => new { i.DefinitionId, i.Status }).FirstAsync(cancellationToken);
        return TypedResults.Ok(new Response(TaskResponse.From(now, instance.DefinitionId), instance.Status, replayed));
    }
}
