using System.Text.Json;
using Bpm.Dossiers.Dossiers;
using Bpm.Engine;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Dossiers.Handoffs;

/// <summary>
/// Inter-connected handoffs (liên thông) within one installation, as an outbox consumer:
/// <list type="bullet">
/// <item>a task of kind <c>handoff</c> starts the target agency's published process for the same
/// dossier (same business key), handing over the dossier's papers by reference and the link to
/// the parent (<c>parentInstanceId</c>, <c>parentTaskId</c>, <c>parentElementId</c>);</item>
/// <item>the child's end comes back as the completion of that task, with outcome <c>result</c>,
/// <c>refused</c> or <c>supplement</c> and the child's id and evaluation;</item>
/// <item>a handoff task that is cancelled (the parent cancelled, interrupted, or its
/// multi-instance timed out) cancels the child.</item>
/// </list>
/// Each runs in one transaction with its <see cref="HandoffRecord"/> and dossier event, so a
/// redelivered outbox row finds the handoff already done and does nothing.
/// </summary>
public sealed class HandoffCoordinator(Func<BpmDbContext> createContext, TimeProvider time, DefinitionCache definitions, EngineOptions engineOptions)
{
    /// <summary>The engine's task kind of a handoff step (<c>bpm:kind="handoff"</c>).</summary>
    public const string HandoffKind = "handoff";

    /// <summary>Who the commands of a handoff are journaled as: <c>lien-thong:</c> and the agency.</summary>
    public const string ActorPrefix = "lien-thong:";

    private const string AllowanceAttribute = "allowance";

    /// <summary>Handles one outbox message; ignores everything but handoff tasks and the end of a handoff's child.</summary>
    public Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken = default) => message.Effect switch
    {
        TaskCreated { Kind: HandoffKind } created => StartAsync(message.InstanceId, created, cancellationToken),
        TaskCancelled cancelled => WithdrawAsync(message.InstanceId, cancelled, cancellationToken),
        InstanceEnded ended => AnswerAsync(message.InstanceId, ended, cancellationToken),
        _ => Task.CompletedTask,
    };

    private async Task StartAsync(string parentId, TaskCreated task, CancellationToken cancellationToken)
    {
        await using var db = createContext();
        if (await db.Handoffs.AnyAsync(h => h.ParentInstanceId == parentId && h.ParentTaskId == task.TaskId, cancellationToken))
        {
            return;
        }

        // A target that is not named, or has no published process here (an agency on paper, another
        // system), leaves the step as it was before handoffs were built: a task of the sending unit,
        // completed by hand when the answer arrives.
        var target = HandoffTarget.Of(task, out _);
        var parent = await db.Instances.AsNoTracking().FirstAsync(i => i.InstanceId == parentId, cancellationToken);
        var definitionId = target is null ? null : await ProcedureProcesses.FindAtAgencyAsync(db, target.Procedure, target.Agency, cancellationToken);
        if (target is null || definitionId is null || parent.BusinessKey is not { } code)
        {
            return;
        }
        var dossier = await db.Dossiers.AsNoTracking().FirstOrDefaultAsync(d => d.Code == code, cancellationToken);

        var now = time.GetUtcNow();
        var childId = Guid.CreateVersion7(now).ToString("N");
        var variables = HandedOver(parent, dossier, target, parentId, task);
        var allowance = task.Settings.TryGetValue(AllowanceAttribute, out var text) && WorkingDuration.TryParse(text, out var parsed, out _) ? parsed : (WorkingDuration?)null;

        var executor = new CommandExecutor(db, time, definitions, engineOptions);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var started = await executor.StartAsync(definitionId, null, new StartInstance(childId, code, variables, allowance) { Actor = ActorPrefix + task.Unit }, cancellationToken);
        if (!started.Applied)
        {
            // Thrown, the row stays in the outbox with the message for operators and is retried on each pass.
            throw new InvalidOperationException($"handoff step '{task.ElementId}': the process '{definitionId}' of '{target.Agency}' did not start: {started.Rejection!.Message}");
        }

        db.Handoffs.Add(new HandoffRecord
        {
            ParentInstanceId = parentId,
            ParentTaskId = task.TaskId,
            ParentElementId = task.ElementId,
            DossierCode = code,
            ChildInstanceId = childId,
            TargetAgency = target.Agency,
            TargetProcedure = target.Procedure,
            DefinitionId = definitionId,
            Status = HandoffRecord.Running,
            StartedAt = now,
            // PostgreSQL keeps timestamps in UTC only; the engine gives due dates in the calendar's offset.
            DueAt = started.State!.DueAt?.ToUniversalTime(),
        });
        await AppendEventAsync(db, code, DossierEventType.HandedOff, ActorPrefix + task.Unit, now,
            new { agency = target.Agency, procedure = target.Procedure, childInstanceId = childId, step = task.ElementId, dueAt = started.State.DueAt }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task AnswerAsync(string childId, InstanceEnded ended, CancellationToken cancellationToken)
    {
        await using var db = createContext();
        var handoff = await db.Handoffs.AsNoTracking().FirstOrDefaultAsync(h => h.ChildInstanceId == childId, cancellationToken);
        // Not a child, already answered or withdrawn; a faulted child keeps its incident for operators and the parent waits.
        if (handoff is not { Status: HandoffRecord.Running } || ended.Status == InstanceStatus.Faulted)
        {
            return;
        }

        var child = await db.Instances.AsNoTracking().FirstAsync(i => i.InstanceId == childId, cancellationToken);
        var outcome = ended.Status == InstanceStatus.Cancelled ? HandoffRecord.Refused : OutcomeOf(child);
        var now = time.GetUtcNow();
        var variables = new Dictionary<string, JsonElement>
        {
            ["handoffOutcome"] = JsonSerializer.SerializeToElement(outcome),
            ["handoffAgency"] = JsonSerializer.SerializeToElement(handoff.TargetAgency),
            ["handoffInstanceId"] = JsonSerializer.SerializeToElement(childId),
            ["handoffEvaluation"] = JsonSerializer.SerializeToElement(child.Evaluation),
        };

        var executor = new CommandExecutor(db, time, definitions, engineOptions);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var completed = await executor.ExecuteAsync(handoff.ParentInstanceId, new CompleteTask(handoff.ParentTaskId, outcome, variables) { Actor = ActorPrefix + handoff.TargetAgency }, cancellationToken);
        // The parent may have stopped waiting in between (its task cancelled, or completed by hand): the answer is recorded all the same.
        if (completed.Rejection?.Code == "concurrency")
        {
            throw new InvalidOperationException($"handoff answer for '{handoff.ParentInstanceId}' task '{handoff.ParentTaskId}' met a concurrent change; retried from the outbox");
        }

        var row = await db.Handoffs.FirstAsync(h => h.ChildInstanceId == childId, cancellationToken);
        row.Status = outcome;
        row.EndedAt = now;
        row.Evaluation = child.Evaluation;
        await AppendEventAsync(db, row.DossierCode, DossierEventType.HandoffAnswered, ActorPrefix + row.TargetAgency, now,
            new { agency = row.TargetAgency, procedure = row.TargetProcedure, childInstanceId = childId, outcome, evaluation = child.Evaluation }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task WithdrawAsync(string parentId, TaskCancelled task, CancellationToken cancellationToken)
    {
        await using var db = createContext();
        var handoff = await db.Handoffs.AsNoTracking().FirstOrDefaultAsync(h => h.ParentInstanceId == parentId && h.ParentTaskId == task.TaskId, cancellationToken);
        if (handoff is not { Status: HandoffRecord.Running })
        {
            return;
        }

        var now = time.GetUtcNow();
        var executor = new CommandExecutor(db, time, definitions, engineOptions);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var cancelled = await executor.ExecuteAsync(handoff.ChildInstanceId, new CancelInstance($"handoff withdrawn: step '{handoff.ParentElementId}' of instance '{parentId}' no longer waits") { Actor = ActorPrefix + handoff.TargetAgency }, cancellationToken);
        if (!cancelled.Applied && cancelled.Rejection?.Code != "not-running")
        {
            throw new InvalidOperationException($"handoff child '{handoff.ChildInstanceId}' could not be cancelled: {cancelled.Rejection?.Message}");
        }

        var row = await db.Handoffs.FirstAsync(h => h.ChildInstanceId == handoff.ChildInstanceId, cancellationToken);
        row.Status = HandoffRecord.Cancelled;
        row.EndedAt = now;
        await AppendEventAsync(db, row.DossierCode, DossierEventType.HandoffWithdrawn, ActorPrefix + row.TargetAgency, now,
            new { agency = row.TargetAgency, procedure = row.TargetProcedure, childInstanceId = row.ChildInstanceId }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// What the target's completed process answers, from its last decision (variable <c>outcome</c>):
    /// <c>refuse</c>, <c>reject</c> or <c>refused</c> is a refusal, <c>supplement</c> a supplement
    /// request, anything else (its result) a result.
    /// </summary>
    internal static string OutcomeOf(InstanceRecord child)
    {
        using var state = JsonDocument.Parse(child.State);
        var last = state.RootElement.TryGetProperty("variables", out var variables) && variables.TryGetProperty("outcome", out var o) && o.ValueKind == JsonValueKind.String
            ? o.GetString()
            : null;
        return last switch
        {
            "refuse" or "reject" or "refused" => HandoffRecord.Refused,
            "supplement" => HandoffRecord.Supplement,
            _ => HandoffRecord.Result,
        };
    }

    private static Dictionary<string, JsonElement> HandedOver(InstanceRecord parent, DossierRecord? dossier, HandoffTarget target, string parentId, TaskCreated task)
    {
        using var state = JsonDocument.Parse(parent.State);
        var parentVariables = state.RootElement.TryGetProperty("variables", out var v) ? v : default;
        var variables = new Dictionary<string, JsonElement>
        {
            ["dossierCode"] = JsonSerializer.SerializeToElement(parent.BusinessKey),
            ["procedureCode"] = JsonSerializer.SerializeToElement(target.Procedure),
            ["parentInstanceId"] = JsonSerializer.SerializeToElement(parentId),
            ["parentTaskId"] = JsonSerializer.SerializeToElement(task.TaskId),
            ["parentElementId"] = JsonSerializer.SerializeToElement(task.ElementId),
            ["handedOverBy"] = JsonSerializer.SerializeToElement(task.Unit),
        };
        foreach (var name in (string[])["applicantName", "channel"])
        {
            if (parentVariables.ValueKind == JsonValueKind.Object && parentVariables.TryGetProperty(name, out var value))
            {
                variables[name] = value.Clone();
            }
        }

        // The papers go by reference (catalogue ids, counts and the stored files' ids): the target reads them from the dossier.
        if (dossier is not null)
        {
            using var papers = JsonDocument.Parse(dossier.Papers);
            variables["papers"] = papers.RootElement.Clone();
        }

        return variables;
    }

    private static async Task AppendEventAsync(BpmDbContext db, string code, string type, string actor, DateTimeOffset at, object payload, CancellationToken cancellationToken)
    {
        // A handoff of an instance started without a dossier (through the instances API) has no dossier to write to.
        if (await db.Dossiers.FirstOrDefaultAsync(d => d.Code == code, cancellationToken) is { } dossier)
        {
            await DossierEvents.AppendAsync(db, dossier, type, actor, at, payload, cancellationToken);
        }
    }
}
