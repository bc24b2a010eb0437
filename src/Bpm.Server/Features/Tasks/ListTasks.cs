using Bpm.Persistence;
using Bpm.Server.Features.Instances;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Tasks;

public static class ListTasks
{
    public sealed record Response(IReadOnlyList<TaskResponse> Items, int Total);

    private static readonly string[] Statuses = [TaskRecord.Open, TaskRecord.Completed, TaskRecord.Cancelled, "all"];

    public static async Task<Results<Ok<Response>, ValidationProblem>> HandleAsync(
        string? status, DateTimeOffset? dueBefore, string? procedure, string? dossierCode, bool? mine, int? page, int? pageSize,
        BpmDbContext db, CallerAccessor callers, CancellationToken cancellationToken)
    {
        if (Paging.Check(page, pageSize) is { } invalid)
        {
            return invalid;
        }

        if (status is not null && !Statuses.Contains(status))
        {
            return Problems.Invalid("status", "Trạng thái phải là open, completed, cancelled hoặc all.");
        }

        var caller = await callers.GetAsync(cancellationToken);
        var tasks = db.Tasks.AsNoTracking().VisibleTasks(caller);
        var wanted = status ?? TaskRecord.Open;
        if (wanted != "all")
        {
            tasks = tasks.Where(t => t.Status == wanted);
        }

        if (dueBefore is { } due)
        {
            var utc = due.ToUniversalTime();
            tasks = tasks.Where(t => t.DueAt != null && t.DueAt < utc);
        }

        if (!string.IsNullOrWhiteSpace(dossierCode))
        {
            tasks = tasks.Where(t => t.BusinessKey == dossierCode);
        }

        if (mine == true)
        {
            tasks = tasks.Where(t => t.Assignee == caller.UserName);
        }

        var joined = tasks.Join(db.Instances.AsNoTracking(), t => t.InstanceId, i => i.InstanceId, (t, i) => new { Task = t, i.DefinitionId });
        if (!string.IsNullOrWhiteSpace(procedure))
        {
            joined = joined.Where(x => x.DefinitionId == procedure);
        }

        // The page and the count in one round trip: the count is an uncorrelated subquery, which the
        // database computes once. A page past the last has no row to carry it, so only then is it asked alone.
        var (skip, take) = Paging.Window(page, pageSize);
        var rows = await joined
            .OrderBy(x => x.Task.DueAt == null)
            .ThenBy(x => x.Task.DueAt)
            .ThenBy(x => x.Task.CreatedAt)
            .ThenBy(x => x.Task.InstanceId)
            .ThenBy(x => x.Task.TaskId)
            .Skip(skip)
            .Take(take)
            .Select(x => new { x.Task, x.DefinitionId, Total = joined.Count() })
            .ToListAsync(cancellationToken);
        var total = rows.Count > 0 ? rows[0].Total : skip == 0 ? 0 : await joined.CountAsync(cancellationToken);
        return TypedResults.Ok(new Response(rows.Select(x => TaskResponse.From(x.Task, x.DefinitionId)).ToList(), total));
    }
}
