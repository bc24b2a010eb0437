using Bpm.Persistence;
using Bpm.Server.Features.Instances;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Tasks;

/// <summary>The inbox: tasks of the caller's units and roles, and what staff do with them.</summary>
public static class TasksApi
{
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/tasks").WithTags("Công việc").RequireAuthorization(Policies.Authenticated);
        group.MapGet("/", ListTasks.HandleAsync).WithSummary("Công việc của đơn vị và vai trò của tôi, sắp theo hạn xử lý");
        group.MapGet("/{id}", GetTask.HandleAsync).WithSummary("Một công việc");
        group.MapPost("/{id}/claim", ClaimTask.ClaimAsync).WithSummary("Nhận xử lý");
        group.MapPost("/{id}/unclaim", ClaimTask.UnclaimAsync).WithSummary("Trả lại để người khác nhận");
        group.MapPost("/{id}/delegate", DelegateTask.HandleAsync).WithSummary("Chuyển cho đồng nghiệp cùng đơn vị");
        group.MapPost("/{id}/complete", CompleteTask.HandleAsync).WithSummary("Hoàn thành với kết quả (outcome), biến và ý kiến");
        group.MapPost("/{id}/return", ReturnTask.HandleAsync).WithSummary("Trả về bước trước (khi quy trình có nhánh 'return')");
        return app;
    }

    /// <summary>The task, when it exists and the caller may work on it; otherwise null (answered as 404).</summary>
    internal static async Task<TaskRecord?> FindVisibleAsync(BpmDbContext db, Caller caller, string id, CancellationToken cancellationToken)
    {
        if (!TaskIds.TryParse(id, out var instanceId, out var taskId))
        {
            return null;
        }

        return await db.Tasks.AsNoTracking()
            .Where(t => t.InstanceId == instanceId && t.TaskId == taskId)
            .VisibleTasks(caller)
            .FirstOrDefaultAsync(cancellationToken);
    }

    internal static ProblemHttpResult NotFound(string id) =>
        Problems.NotFound($"Không có công việc '{id}', hoặc công việc không thuộc đơn vị và vai trò của bạn.");

    internal static async Task<string?> DefinitionOfAsync(BpmDbContext db, string instanceId, CancellationToken cancellationToken) =>
        await db.Instances.AsNoTracking().Where(i => i.InstanceId == instanceId).Select(i => i.DefinitionId).FirstOrDefaultAsync(cancellationToken);
}
