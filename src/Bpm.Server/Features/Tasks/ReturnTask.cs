using System.ComponentModel.DataAnnotations;
using Bpm.Engine;
using Bpm.Persistence;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Tasks;

/// <summary>
/// "Return to the previous step" is a path the process designer draws: the step offers the outcome
/// <c>return</c> (<c>bpm:outcomes</c>) and its gateway leads back. Where the definition has no such
/// path, the server refuses rather than moving tokens behind the model's back.
/// </summary>
public static class ReturnTask
{
    public const string Outcome = "return";

    public sealed record Request([property: MaxLength(CompleteTask.MaxComment)] string? Comment);

    public static async Task<Results<Ok<CompleteTask.Response>, ProblemHttpResult>> HandleAsync(
        string id, Request? request, CommandExecutor executor, BpmDbContext db, DefinitionCache definitions, CallerAccessor callers, CancellationToken cancellationToken)
    {
        var caller = await callers.GetAsync(cancellationToken);
        var task = await TasksApi.FindVisibleAsync(db, caller, id, cancellationToken);
        if (task is null)
        {
            return TasksApi.NotFound(id);
        }

        if (!(await TaskOutcomes.OfferedAsync(db, definitions, task, cancellationToken)).Contains(Outcome, StringComparer.Ordinal))
        {
            return Problems.Conflict($"Bước '{task.Name ?? task.ElementId}' không có nhánh trả về bước trước trong quy trình (bpm:outcomes không có '{Outcome}').");
        }

        return await CompleteTask.HandleAsync(id, new CompleteTask.Request(Outcome, null, request?.Comment), executor, db, definitions, callers, cancellationToken);
    }
}
