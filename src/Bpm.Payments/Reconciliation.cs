using Bpm.Engine.Calendar;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Payments;

/// <summary>One line of the provider's statement for a day.</summary>
public sealed record StatementLine(string TransactionId, string PaymentId, long AmountVnd);

/// <summary>One day's reconciliation of a provider: what Bpm recorded against what the provider's statement says.</summary>
public sealed record ReconciliationReport(
    DateOnly Day,
    string Provider,
    int PaidCount,
    long PaidAmountVnd,
    int StatementCount,
    long StatementAmountVnd,
    IReadOnlyList<StatementLine> NotInBpm,
    IReadOnlyList<PaymentRecord> NotOnStatement,
    IReadOnlyList<(PaymentRecord Payment, StatementLine Line)> AmountsDiffer,
    IReadOnlyList<PaymentCallbackRecord> Rejected)
{
    /// <summary>Every payment paid that day — through the provider or in cash at the desk — with its e-invoice, or why it has none yet.</summary>
    public IReadOnlyList<PaymentRecord> Receipts { get; init; } = [];

    public bool Balanced => NotInBpm.Count == 0 && NotOnStatement.Count == 0 && AmountsDiffer.Count == 0;
}

/// <summary>The daily reconciliation report: a day is counted in Vietnam's time (00:00–24:00 UTC+7).</summary>
public static class Reconciliation
{
    public static async Task<ReconciliationReport> ForDayAsync(BpmDbContext db, string provider, DateOnly day, IReadOnlyList<StatementLine> statement, CancellationToken cancellationToken = default)
    {
        // In UTC: PostgreSQL takes only offset 0 for timestamptz parameters.
        var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), VietnameseWorkingCalendar.UtcOffset).ToUniversalTime();
        var to = from.AddDays(1);
        var paid = await db.Payments.AsNoTracking()
            .Where(p => p.Provider == provider && p.PaidBy == "bank" && p.PaidAt >= from && p.PaidAt < to)
            .OrderBy(p => p.PaidAt)
            .ToListAsync(cancellationToken);
        var rejected = await db.PaymentCallbacks.AsNoTracking()
            .Where(c => c.Provider == provider && c.Outcome == PaymentOutcome.RejectedOutcome && c.ReceivedAt >= from && c.ReceivedAt < to)
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var receipts = await db.Payments.AsNoTracking()
            .Where(p => ((p.Provider == provider && p.PaidBy == "bank") || p.PaidBy == "cash") && p.PaidAt >= from && p.PaidAt < to)
            .OrderBy(p => p.PaidAt)
            .ToListAsync(cancellationToken);
        var byTransaction = paid.Where(p => p.TransactionId is not null).ToDictionary(p => p.TransactionId!, StringComparer.Ordinal);
        var onStatement = statement.Select(l => l.TransactionId).ToHashSet(StringComparer.Ordinal);
        return new ReconciliationReport(
            day,
            provider,
            paid.Count,
            paid.Sum(p => p.AmountVnd),
            statement.Count,
            statement.Sum(l => l.AmountVnd),
            statement.Where(l => !byTransaction.ContainsKey(l.TransactionId)).ToList(),
            paid.Where(p => !onStatement.Contains(p.TransactionId!)).ToList(),
            statement.Where(l => byTransaction.TryGetValue(l.TransactionId, out var p) && p.AmountVnd != l.AmountVnd).Select(l => (byTransaction[l.TransactionId], l)).ToList(),
            rejected) { Receipts = receipts };
    }

    /// <summary>The header of <see cref="ReceiptsCsv"/>.</summary>
    public const string ReceiptsHeader = "paymentId,dossierCode,paidBy,transactionId,amountVnd,paidAt,eInvoiceProvider,eInvoiceTemplate,eInvoiceSeries,eInvoiceNumber,eInvoiceLookupCode,eInvoiceError";

    /// <summary>The day's receipts as CSV, one payment a line, times in Vietnam's time (dd/MM/yyyy HH:mm), for the accounts office.</summary>
    public static string ReceiptsCsv(ReconciliationReport report)
    {
        var csv = new System.Text.StringBuilder(ReceiptsHeader).Append('\n');
        foreach (var p in report.Receipts)
        {
            var invoice = EInvoice.FromJson(p.EInvoice);
            string[] fields =
            [
                p.Id, p.DossierCode, p.PaidBy ?? "", p.TransactionId ?? "", p.AmountVnd.ToString(System.Globalization.CultureInfo.InvariantCulture),
                p.PaidAt is { } at ? at.ToOffset(VietnameseWorkingCalendar.UtcOffset).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "",
                invoice?.Provider ?? "", invoice?.Template ?? "", invoice?.Series ?? "", invoice?.Number ?? "", invoice?.LookupCode ?? "", p.EInvoiceError ?? "",
            ];
            csv.AppendJoin(',', fields.Select(Field)).Append('\n');
        }

        return csv.ToString();
    }

    // RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
