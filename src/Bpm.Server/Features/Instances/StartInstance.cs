using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Bpm.Persistence;
using Bpm.Server.Features.Definitions;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Engine = Bpm.Engine;

namespace Bpm.Server.Features.Instances;

public static class StartInstance
{
    public sealed record Request([property: MaxLength(100)] string? DefinitionId, int? Version, [property: MaxLength(100)] string? BusinessKey, Dictionary<string, JsonElement>? Variables);

    public static async Task<Results<Created<InstanceResponse>, ProblemHttpResult>> HandleAsync(
        Request request, CommandExecutor executor, BpmDbContext db, DefinitionCache definitions, CallerAccessor callers, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.DefinitionId))
        {
            errors["definitionId"] = ["Hãy chọn quy trình (definitionId)."];
        }

        if (string.IsNullOrWhiteSpace(request.BusinessKey))
        {
            errors["businessKey"] = ["Hãy nhập mã hồ sơ (businessKey)."];
        }

        if (request.Version is < 1)
        {
            errors["version"] = ["Phiên bản bắt đầu từ 1."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = "Yêu cầu không hợp lệ" });
        }

        var caller = await callers.GetAsync(cancellationToken);
        var version = await Reception.PublishedVersionAsync(db, request.DefinitionId!, request.Version, cancellationToken);
        var definition = version is null ? null : await definitions.GetAsync(db, request.DefinitionId!, version.Value, cancellationToken);
        if (definition is null)
        {
            return NotPublished(request);
        }

        if (Reception.Refusal(definition.Main, request.DefinitionId!, caller) is { } refused)
        {
            return refused;
        }

        var instanceId = Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
        var command = new Engine.StartInstance(instanceId, request.BusinessKey!.Trim(), request.Variables) { Actor = caller.UserName };
        var result = await executor.StartAsync(request.DefinitionId!, version, command, cancellationToken);
        if (!result.Applied)
        {
            return result.Rejection!.Code == "definition-not-found"
                ? NotPublished(request)
                : Problems.Conflict($"Không bắt đầu được hồ sơ: {result.Rejection.Message}.", new Dictionary<string, object?> { ["code"] = result.Rejection.Code });
        }

        var row = await db.Instances.AsNoTracking().FirstAsync(i => i.InstanceId == instanceId, cancellationToken);
        var open = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == instanceId && t.Status == TaskRecord.Open).ToListAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/instances/{instanceId}", InstanceResponse.From(row, open));
    }

    private static ProblemHttpResult NotPublished(Request request) =>
        Problems.NotFound(request.Version is null
            ? $"Quy trình '{request.DefinitionId}' chưa có phiên bản nào được ban hành."
            : $"Phiên bản {request.Version} của quy trình '{request.DefinitionId}' không tồn tại hoặc chưa được ban hành.");
}
