using Bpm.Persistence;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Engine = Bpm.Engine;

namespace Bpm.Server.Features.Instances;

public static class CancelInstance
{
    public sealed record Request(string? Reason);

    public static async Task<Results<Ok<InstanceResponse>, ProblemHttpResult>> HandleAsync(
        string instanceId, Request? request, CommandExecutor executor, BpmDbContext db, CallerAccessor callers, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.Reason))
        {
            return Problems.BadRequest("reason", "Hãy nêu lý do dừng xử lý hồ sơ.");
        }

        var caller = await callers.GetAsync(cancellationToken);
        if (await InstanceAccess.FindVisibleAsync(db, caller, instanceId, cancellationToken) is null)
        {
            return Problems.NotFound(InstanceAccess.NotFound(instanceId));
        }

        var result = await executor.ExecuteAsync(instanceId, new Engine.CancelInstance(request.Reason.Trim()) { Actor = caller.UserName }, cancellationToken);
        if (!result.Applied)
        {
            return Problems.Conflict($"Không dừng được hồ sơ: {result.Rejection!.Message}.", new Dictionary<string, object?> { ["code"] = result.Rejection.Code });
        }

        var row = await db.Instances.AsNoTracking().FirstAsync(i => i.InstanceId == instanceId, cancellationToken);
        return TypedResults.Ok(InstanceResponse.From(row, []));
    }
}
