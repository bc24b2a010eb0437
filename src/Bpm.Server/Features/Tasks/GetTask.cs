using Bpm.Persistence;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Features.Tasks;

public static class GetTask
{
    public static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> HandleAsync(
        string id, BpmDbContext db, CallerAccessor callers, CancellationToken cancellationToken)
    {
        var caller = await callers.GetAsync(cancellationToken);
        var task = await TasksApi.FindVisibleAsync(db, caller, id, cancellationToken);
        return task is null
            ? TasksApi.NotFound(id)
            : TypedResults.Ok(TaskResponse.From(task, await TasksApi.DefinitionOfAsync(db, task.InstanceId, cancellationToken)));
    }
}
