using Bpm.Engine;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Payments;

/// <summary>A dossier's open fee step (<c>bpm:kind="fee"</c>) and its items, read from the version the dossier runs.</summary>
internal static class FeeSteps
{
    // The engine's vocabulary is internal to it; these are its bpm:kind="fee" and bpm:feeItems (docs/bpmn-extensions.md).
    private const string FeeKind = "fee";
    private const string FeeItemsAttribute = "feeItems";

    public static Task<TaskRecord?> OpenAsync(BpmDbContext db, string dossierCode, CancellationToken cancellationToken) =>
        db.Tasks.AsNoTracking()
            .Where(t => t.BusinessKey == dossierCode && t.Kind == FeeKind && t.Status == TaskRecord.Open)
            .OrderBy(t => t.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);

    public static async Task<IReadOnlyList<FeeItem>> ItemsAsync(BpmDbContext db, DefinitionCache definitions, TaskRecord task, CancellationToken cancellationToken)
    {
        var node = await Tasks.TaskOutcomes.NodeOfAsync(db, definitions, task, cancellationToken);
        // A published version's items were checked when it was read (BPM1415), so they parse here.
        return node is not null && node.Extensions.TryGetValue(FeeItemsAttribute, out var text) && FeeItem.TryParseList(text, out var items, out _)
            ? items
            : [];
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
