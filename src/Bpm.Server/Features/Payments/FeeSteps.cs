using Bpm.Engine;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Payments;

/// <summary>A dossier's open fee step (<c>bpm:kind="fee"</c>) and its fees, computed from the version the dossier runs and the dossier's variables.</summary>
internal static class FeeSteps
{
    // The engine's vocabulary is internal to it; this is its bpm:kind="fee" (docs/bpmn-extensions.md).
    private const string FeeKind = "fee";

    public static Task<TaskRecord?> OpenAsync(BpmDbContext db, string dossierCode, CancellationToken cancellationToken) =>
        db.Tasks.AsNoTracking()
            .Where(t => t.BusinessKey == dossierCode && t.Kind == FeeKind && t.Status == TaskRecord.Open)
            .OrderBy(t => t.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The fee step's fees computed for this dossier: its schedule (<c>bpm:feeSchedule</c>, or the
    /// fixed <c>bpm:feeItems</c>) over the instance's variables. A published version's schedule was
    /// checked when it was read (BPM1414–BPM1423); what can still fail is the dossier's data (a
    /// variable not set, a value of the wrong kind), and then the error says which fee and why.
    /// </summary>
    public static async Task<(FeeBreakdown? Breakdown, string? Error)> BreakdownAsync(BpmDbContext db, DefinitionCache definitions, TaskRecord task, CancellationToken cancellationToken)
    {
        var node = await Tasks.TaskOutcomes.NodeOfAsync(db, definitions, task, cancellationToken);
        if (node?.FeeSchedule is not { } schedule)
        {
            return (null, null);
        }

        var state = await db.Instances.AsNoTracking().Where(i => i.InstanceId == task.InstanceId).Select(i => i.State).FirstAsync(cancellationToken);
        return schedule.TryCompute(StoreJson.State(state).Variables, out var breakdown, out var error) ? (breakdown, null) : (null, error);
    }

    /// <summary>Completes the fee step once its payment is paid; a step already closed is left as it is (a repeated callback).</summary>
    public static async Task CompleteAsync(BpmDbContext db, CommandExecutor executor, PaymentRecord payment, CancellationToken cancellationToken)
    {
        var task = await OpenAsync(db, payment.DossierCode, cancellationToken);
        if (task is null)
        {
            return;
        }

        var variables = new Dictionary<string, System.Text.Json.JsonElement>
        {
            ["paymentId"] = System.Text.Json.JsonSerializer.SerializeToElement(payment.Id),
            ["paidAmountVnd"] = System.Text.Json.JsonSerializer.SerializeToElement(payment.AmountVnd),
            ["paidBy"] = System.Text.Json.JsonSerializer.SerializeToElement(payment.PaidBy),
        };
        await executor.ExecuteAsync(task.InstanceId, new CompleteTask(task.TaskId, null, variables) { Actor = payment.ReceivedBy ?? "thanh-toan:" + payment.Provider }, cancellationToken);
    }
}
