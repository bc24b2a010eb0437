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
/// A target agency that a partner installation serves (<see cref="HandoffPartners"/>) is not started
/// here: the handoff, and later its cancel, are written as signed messages to that partner
/// (<c>handoff_messages</c>, sent by <see cref="HandoffSender"/>), and the partner's answer comes back
/// through <see cref="PartnerHandoffs"/>. Likewise a child started here for a partner's handoff
/// answers it with a message to the partner instead of completing a local task.
/// </summary>
public sealed class HandoffCoordinator(Func<BpmDbContext> createContext, TimeProvider time, DefinitionCache definitions, EngineOptions engineOptions, HandoffPartners partners)
{
    /// <summary>The engine's task kind of a handoff step (<c>bpm:kind="handoff"</c>).</summary>
    public const string HandoffKind = "handoff";

    /// <summary>Who the commands of a handoff are journaled as: <c>lien-thong:</c> and the agency.</summary>
    public const string ActorPrefix = "lien-thong:";

    private const string AllowanceAttribute = "allowance";

    /// <summary>Handles one outbox message; ignores everything but handoff tasks and the end of a handoff's child.</summary>
    public Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken = default) => message.Effect switch
    {
        TaskCreated { Kind: HandoffKind } created => StartAsync(message, created, cancellationToken),
        TaskCancelled cancelled => WithdrawAsync(message, cancelled, cancellationToken),
        InstanceEnded ended => AnswerAsync(message, ended, cancellationToken),
        _ => Task.CompletedTask,
    };

    private async Task StartAsync(OutboxMessage message, TaskCreated task, CancellationToken cancellationToken)
    {
        var parentId = message.InstanceId;
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
        if (target is not null && partners.ForAgency(target.Agency) is { } partner && parent.BusinessKey is { } remoteCode)
        {
            await SendOutAsync(db, message, parent, remoteCode, target, partner, task, cancellationToken);
            return;
        }

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

    private async Task AnswerAsync(OutboxMessage message, InstanceEnded ended, CancellationToken cancellationToken)
    {
        var childId = message.InstanceId;
        await using var db = createContext();
        // A faulted child keeps its incident for operators and the parent waits.
        if (ended.Status == InstanceStatus.Faulted)
        {
            return;
        }

        var handoff = await db.Handoffs.AsNoTracking().FirstOrDefaultAsync(h => h.ChildInstanceId == childId, cancellationToken);
        if (handoff is null)
        {
            await AnswerPartnerAsync(db, message, ended, cancellationToken);
            return;
        }

        // Already answered or withdrawn.
        if (handoff.Status != HandoffRecord.Running)
        {
            return;
        }

        var child = await db.Instances.AsNoTracking().FirstAsync(i => i.InstanceId == childId, cancellationToken);
        var outcome = ended.Status == InstanceStatus.Cancelled ? HandoffRecord.Refused : OutcomeOf(child);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await CompleteParentAsync(db, handoff, outcome, childId, child.Evaluation, answerKey: null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Completes the parent's handoff task with the target's answer, and records it on the handoff
    /// and the dossier; the caller commits. Used for a child here and for a partner's answer.
    /// </summary>
    internal async Task CompleteParentAsync(BpmDbContext db, HandoffRecord handoff, string outcome, string childId, string? evaluation, string? answerKey, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var variables = new Dictionary<string, JsonElement>
        {
            ["handoffOutcome"] = JsonSerializer.SerializeToElement(outcome),
            ["handoffAgency"] = JsonSerializer.SerializeToElement(handoff.TargetAgency),
            ["handoffInstanceId"] = JsonSerializer.SerializeToElement(childId),
            ["handoffEvaluation"] = JsonSerializer.SerializeToElement(evaluation),
        };

        var executor = new CommandExecutor(db, time, definitions, engineOptions);
        var completed = await executor.ExecuteAsync(handoff.ParentInstanceId, new CompleteTask(handoff.ParentTaskId, outcome, variables) { Actor = ActorPrefix + handoff.TargetAgency }, cancellationToken);
        // The parent may have stopped waiting in between (its task cancelled, or completed by hand): the answer is recorded all the same.
        if (completed.Rejection?.Code == "concurrency")
        {
            throw new InvalidOperationException($"handoff answer for '{handoff.ParentInstanceId}' task '{handoff.ParentTaskId}' met a concurrent change; retried from the outbox");
        }

        var row = await db.Handoffs.FirstAsync(h => h.ParentInstanceId == handoff.ParentInstanceId && h.ParentTaskId == handoff.ParentTaskId, cancellationToken);
        row.Status = outcome;
        row.EndedAt = now;
        row.Evaluation = evaluation;
        row.ChildInstanceId = childId;
        row.AnswerKey = answerKey;
        await AppendEventAsync(db, row.DossierCode, DossierEventType.HandoffAnswered, ActorPrefix + row.TargetAgency, now,
            new { agency = row.TargetAgency, procedure = row.TargetProcedure, childInstanceId = childId, outcome, evaluation, partner = row.Partner }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A child started here for a partner's handoff ended: its answer goes to the partner, signed, from the outbox.</summary>
    private async Task AnswerPartnerAsync(BpmDbContext db, OutboxMessage message, InstanceEnded ended, CancellationToken cancellationToken)
    {
        var inbound = await db.InboundHandoffs.FirstOrDefaultAsync(h => h.ChildInstanceId == message.InstanceId, cancellationToken);
        // Not a partner's child, or withdrawn by the partner (which no longer waits for an answer).
        if (inbound is not { Status: HandoffRecord.Running } || partners.Find(inbound.Partner) is not { } partner)
        {
            return;
        }

        var child = await db.Instances.AsNoTracking().FirstAsync(i => i.InstanceId == message.InstanceId, cancellationToken);
        var outcome = ended.Status == InstanceStatus.Cancelled ? HandoffRecord.Refused : OutcomeOf(child);
        var now = time.GetUtcNow();
        var key = KeyOf(message);
        inbound.Status = outcome;
        inbound.EndedAt = now;
        HandoffOutbox.Add(db, key, partner.Id, HandoffMessageRecord.AnswerKind, inbound.CallbackUrl, inbound.DossierCode,
            new HandoffAnswer(key, inbound.Key, outcome, message.InstanceId, child.Evaluation), now);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// A handoff to an agency a partner installation serves: recorded as running, and written as a
    /// signed request to the partner in the same transaction; the request's idempotency key is this
    /// outbox row's, so a redelivery writes nothing twice.
    /// </summary>
    private async Task SendOutAsync(BpmDbContext db, OutboxMessage message, InstanceRecord parent, string code, HandoffTarget target, HandoffPartner partner, TaskCreated task, CancellationToken cancellationToken)
    {
        var dossier = await db.Dossiers.AsNoTracking().FirstOrDefaultAsync(d => d.Code == code, cancellationToken);
        var handedOver = HandedOver(parent, dossier, target, parent.InstanceId, task);
        var now = time.GetUtcNow();
        var key = KeyOf(message);
        var request = new HandoffRequest(
            key, code, target.Agency, target.Procedure, task.ElementId, task.Unit, task.Settings.GetValueOrDefault(AllowanceAttribute),
            Text(handedOver, "applicantName"), Text(handedOver, "channel"), handedOver.TryGetValue("papers", out var papers) ? papers : null,
            partners.CallbackUrl);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Handoffs.Add(new HandoffRecord
        {
            ParentInstanceId = parent.InstanceId,
            ParentTaskId = task.TaskId,
            ParentElementId = task.ElementId,
            DossierCode = code,
            TargetAgency = target.Agency,
            TargetProcedure = target.Procedure,
            Partner = partner.Id,
            RemoteKey = key,
            Status = HandoffRecord.Running,
            StartedAt = now,
            // The partner counts the same allowance; here the task's own due date stands for it.
            DueAt = task.Due?.ToUniversalTime(),
        });
        HandoffOutbox.Add(db, key, partner.Id, HandoffMessageRecord.HandoffKind, partner.Endpoint("inbound").AbsoluteUri, code, request, now);
        // Each stored file follows its handoff (a dossier's messages to a partner go in order), one message per file.
        foreach (var file in HandoffPaperFile.Of(key, request.Papers))
        {
            HandoffOutbox.Add(db, $"{key}:file:{file.FileId}", partner.Id, HandoffMessageRecord.PaperKind, partner.Endpoint("inbound/papers").AbsoluteUri, code, file, now);
        }
        await AppendEventAsync(db, code, DossierEventType.HandedOff, ActorPrefix + task.Unit, now,
            new { agency = target.Agency, procedure = target.Procedure, partner = partner.Id, key, step = task.ElementId, dueAt = task.Due }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The idempotency key of what an outbox row causes at a partner: this installation's id and the row's.</summary>
    private string KeyOf(OutboxMessage message) => $"{partners.InstallationId}:{message.Id}";

    private static string? Text(Dictionary<string, JsonElement> variables, string name) =>
        variables.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private async Task WithdrawAsync(OutboxMessage message, TaskCancelled task, CancellationToken cancellationToken)
    {
        var parentId = message.InstanceId;
        await using var db = createContext();
        var handoff = await db.Handoffs.AsNoTracking().FirstOrDefaultAsync(h => h.ParentInstanceId == parentId && h.ParentTaskId == task.TaskId, cancellationToken);
        if (handoff is not { Status: HandoffRecord.Running })
        {
            return;
        }

        if (handoff.ChildInstanceId is not { } childId)
        {
            // Sent to a partner installation: its child is not here.
            await WithdrawFromPartnerAsync(db, message, handoff, cancellationToken);
            return;
        }

        var now = time.GetUtcNow();
        var executor = new CommandExecutor(db, time, definitions, engineOptions);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var cancelled = await executor.ExecuteAsync(childId, new CancelInstance($"handoff withdrawn: step '{handoff.ParentElementId}' of instance '{parentId}' no longer waits") { Actor = ActorPrefix + handoff.TargetAgency }, cancellationToken);
        if (!cancelled.Applied && cancelled.Rejection?.Code != "not-running")
        {
            throw new InvalidOperationException($"handoff child '{handoff.ChildInstanceId}' could not be cancelled: {cancelled.Rejection?.Message}");
        }

        var row = await db.Handoffs.FirstAsync(h => h.ParentInstanceId == parentId && h.ParentTaskId == task.TaskId, cancellationToken);
        row.Status = HandoffRecord.Cancelled;
        row.EndedAt = now;
        await AppendEventAsync(db, row.DossierCode, DossierEventType.HandoffWithdrawn, ActorPrefix + row.TargetAgency, now,
            new { agency = row.TargetAgency, procedure = row.TargetProcedure, childInstanceId = row.ChildInstanceId }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The parent no longer waits for a partner's answer: the handoff is cancelled here and a signed cancel goes to the partner.</summary>
    private async Task WithdrawFromPartnerAsync(BpmDbContext db, OutboxMessage message, HandoffRecord handoff, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var key = KeyOf(message);
        var row = await db.Handoffs.FirstAsync(h => h.ParentInstanceId == handoff.ParentInstanceId && h.ParentTaskId == handoff.ParentTaskId, cancellationToken);
        row.Status = HandoffRecord.Cancelled;
        row.EndedAt = now;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A partner removed from the configuration since: the cancel is written for it all the same, and sent once it is back.
        var url = partners.Find(row.Partner)?.Endpoint("inbound/cancel").AbsoluteUri ?? $"partner:{row.Partner}/api/v1/handoffs/inbound/cancel";
        HandoffOutbox.Add(db, key, row.Partner!, HandoffMessageRecord.CancelKind, url, row.DossierCode,
            new HandoffCancel(key, row.RemoteKey!, $"handoff withdrawn: step '{row.ParentElementId}' of instance '{row.ParentInstanceId}' no longer waits"), now);
        await AppendEventAsync(db, row.DossierCode, DossierEventType.HandoffWithdrawn, ActorPrefix + row.TargetAgency, now,
            new { agency = row.TargetAgency, procedure = row.TargetProcedure, partner = row.Partner, key = row.RemoteKey }, cancellationToken);
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

    internal static Dictionary<string, JsonElement> HandedOver(InstanceRecord parent, DossierRecord? dossier, HandoffTarget target, string parentId, TaskCreated task)
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

        // The papers go by reference (catalogue ids, counts and the stored files' ids): the target reads them from the dossier (a partner gets the files sent after it).
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
