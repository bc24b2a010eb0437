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

    /// <summary>The step, reading the dossier row and its last event as the live path does (the report tests' dataset).</summary>
    /// <returns>The engine's result of the step's (last) command.</returns>
    public Task<ExecutionResult> RunAsync(
        string code, string instanceId, Func<Task<ExecutionResult>> engine, string? eventType, string? status, object? payload, string actor,
        bool close, CancellationToken cancellationToken) =>
        RunAsync(code, engine, eventType, async (result, now) =>
        {
            var dossier = await db.Dossiers.FirstAsync(d => d.Code == code, cancellationToken);
            Close(dossier, result, status, close, now);
            await DossierEvents.AppendAsync(db, dossier, eventType!, actor, now, payload, cancellationToken, status);
        }, cancellationToken);

    /// <summary>
    /// The step on <paramref name="c"/>: what the live path reads before the dossier event (the dossier
    /// row, its last event's number and status, the instance's last journal number, on a late return its
    /// late-without-apology flag) is what this run wrote last, kept on the case, so the step writes
    /// without reading. The dossier row is the one the reception returned, attached again: only the
    /// columns the step changes are updated.
    /// </summary>
    /// <returns>The engine's result of the step's (last) command.</returns>
    public Task<ExecutionResult> RunAsync(
        SimulatedCase c, Func<Task<ExecutionResult>> engine, string? eventType, string? status, object? payload, bool close, CancellationToken cancellationToken) =>
        RunAsync(c.Code, engine, eventType, async (result, now) =>
        {
            var dossier = c.Dossier ?? throw new InvalidOperationException($"dossier {c.Code} was not received in this run");
            db.Dossiers.Attach(dossier);
            Close(dossier, result, status, close, now);

            // The journal's numbers only grow, and every command on the instance is this run's: the last one reported is the highest.
            var journalSeq = c.JournalSeq ?? await db.Journal.Where(j => j.InstanceId == c.InstanceId).MaxAsync(j => (long?)j.Seq, cancellationToken);
            var position = new DossierEventPosition(c.EventSeq, dossier.Status, journalSeq, result.State!.LateWithoutApology);
            c.EventSeq = await DossierEvents.AppendAsync(db, dossier, position, eventType!, c.Officer, now, payload, cancellationToken, status);
        }, cancellationToken);

    private async Task<ExecutionResult> RunAsync(string code, Func<Task<ExecutionResult>> engine, string? eventType, Func<ExecutionResult, DateTimeOffset, Task> appendEvent, CancellationToken cancellationToken)
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
            await appendEvent(result, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>A closing step stamps the closing time and, on return, the evaluation the executor wrote on the instance row for the completion it journaled.</summary>
    private static void Close(DossierRecord dossier, ExecutionResult result, string? status, bool close, DateTimeOffset now)
    {
        if (close)
        {
            dossier.ClosedAt = now;
            if (status == DossierStatus.Returned)
            {
                var completed = result.Events.LastOrDefault(e => e.Type == JournalEventType.InstanceCompleted);
                dossier.Evaluation = completed?.Evaluation ?? Punctuality.Evaluate(now, result.State!.DueAt);
            }
        }
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
