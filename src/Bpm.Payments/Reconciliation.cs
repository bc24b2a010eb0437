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
            rejected);
    }
}
