using Bpm.Dossiers.Dossiers;
using Bpm.Engine;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Reports.Simulation;

/// <summary>
/// A step on a received dossier as the API's lifecycle runs it (src/Bpm.Server, Features/Dossiers):
/// the engine command(s) and the dossier event in one transaction; closing steps stamp the
/// closing time and, on return, the engine's evaluation. The simulator's officers work through it.
/// A transaction the caller has open (the simulator's batch of steps) is joined, and the caller commits.
/// </summary>
internal sealed class DossierSteps(BpmDbContext db, CommandExecutor executor, TimeProvider clock)
{
    public CommandExecutor Executor => executor;

    /// <returns>The engine's result of the step's (last) command.</returns>
    public async Task<ExecutionResult> RunAsync(
        string code, string instanceId, Func<Task<ExecutionResult>> engine, string? eventType, string? status, object? payload, string actor,
        bool close, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var result = await engine();
        if (!result.Applied)
        {
            throw new InvalidOperationException($"the engine refused the step {eventType ?? "(task)"} of dossier {code}: {result.Rejection!.Message}");
        }

        if (eventType is not null)
        {
            db.ChangeTracker.Clear();
            var dossier = await db.Dossiers.FirstAsync(d => d.Code == code, cancellationToken);
            var now = clock.GetUtcNow();
            if (close)
            {
                dossier.ClosedAt = now;
                if (status == DossierStatus.Returned)
                {
                    // What the executor wrote on the instance row: the evaluation of the completion it journaled.
                    var completed = result.Events.LastOrDefault(e => e.Type == JournalEventType.InstanceCompleted);
                    dossier.Evaluation = completed?.Evaluation ?? Punctuality.Evaluate(now, result.State!.DueAt);
                }
            }

            await DossierEvents.AppendAsync(db, dossier, eventType, actor, now, payload, cancellationToken, status);
            await db.SaveChangesAsync(cancellationToken);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>Completes the instance's open task at <paramref name="elementId"/>.</summary>
    public async Task<ExecutionResult> CompleteAsync(string instanceId, string elementId, string actor, CancellationToken cancellationToken)
    {
        var taskId = await db.Tasks.AsNoTracking()
            .Where(t => t.InstanceId == instanceId && t.Status == TaskRecord.Open && t.ElementId == elementId)
            .Select(t => t.TaskId).FirstAsync(cancellationToken);
        return await executor.ExecuteAsync(instanceId, new CompleteTask(taskId) { Actor = actor }, cancellationToken);
    }

    public Task<ExecutionResult> CancelAsync(string instanceId, string reason, string actor, CancellationToken cancellationToken) =>
        executor.ExecuteAsync(instanceId, new CancelInstance(reason) { Actor = actor }, cancellationToken);
}
