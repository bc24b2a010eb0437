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

        // Every task row has its instance (a foreign key), so the instances table is read only where it
        // adds something: the procedure filter, and the procedure of the page's rows. Joined to every task,
        // it cost the database a heap read of each of the unit's open tasks' instances, twice (page and count).
        if (!string.IsNullOrWhiteSpace(procedure))
        {
            tasks = tasks.Where(t => db.Instances.Any(i => i.InstanceId == t.InstanceId && i.DefinitionId == procedure));
        }

        // The page and the count in one round trip: the count is an uncorrelated subquery, which the
        // database computes once. A page past the last has no row to carry it, so only then is it asked alone.
        var (skip, take) = Paging.Window(page, pageSize);
        var rows = await tasks
            .OrderBy(t => t.DueAt == null)
            .ThenBy(t => t.DueAt)
            .ThenBy(t => t.CreatedAt)
            .ThenBy(t => t.InstanceId)
            .ThenBy(t => t.TaskId)
            .Skip(skip)
            .Take(take)
            .Select(t => new
            {
                Task = t,
                DefinitionId = db.Instances.Where(i => i.InstanceId == t.InstanceId).Select(i => i.DefinitionId).FirstOrDefault(),
                Total = tasks.Count(),
            })
            .ToListAsync(cancellationToken);
        var total = rows.Count > 0 ? rows[0].Total : skip == 0 ? 0 : await tasks.CountAsync(cancellationToken);
        return TypedResults.Ok(new Response(rows.Select(x => TaskResponse.From(x.Task, x.DefinitionId)).ToList(), total));
    }
}
