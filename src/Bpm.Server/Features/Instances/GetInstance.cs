using Bpm.Persistence;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Instances;

public static class GetInstance
{
    public static async Task<Results<Ok<InstanceResponse>, ProblemHttpResult>> HandleAsync(
        string instanceId, BpmDbContext db, CallerAccessor callers, CancellationToken cancellationToken)
    {
        var caller = await callers.GetAsync(cancellationToken);
        var row = await InstanceAccess.FindVisibleAsync(db, caller, instanceId, cancellationToken);
        if (row is null)
        {
            return Problems.NotFound(InstanceAccess.NotFound(instanceId));
        }

        var open = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == instanceId && t.Status == TaskRecord.Open).OrderBy(t => t.TaskId).ToListAsync(cancellationToken);
        return TypedResults.Ok(InstanceResponse.From(row, open));
    }
}
