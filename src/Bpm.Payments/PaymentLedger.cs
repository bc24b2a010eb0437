using System.Text.Json;
using Bpm.Engine;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Payments;

/// <summary>A payment's status, as stored.</summary>
public static class PaymentStatus
{
    public const string Pending = "pending";
    public const string Paid = "paid";
    public const string Expired = "expired";
    public const string Cancelled = "cancelled";
}

/// <summary>What became of one callback or desk payment.</summary>
public sealed record PaymentOutcome(string Outcome, string? Reason, PaymentRecord? Payment)
{
    public const string PaidOutcome = "paid";
    public const string DuplicateOutcome = "duplicate";
    public const string RejectedOutcome = "rejected";

    public bool IsPaid => Outcome == PaidOutcome;
}

/// <summary>
/// A dossier's fee payments (the fee step, <c>bpm:kind="fee"</c>): requests, provider callbacks and
/// cash at the desk. A payment is paid once: a repeated callback of the same transaction is a
/// duplicate, and one that is forged, for an unknown payment, of another amount, late, or a second
/// transaction for a payment already paid is rejected — each kept in <c>payment_callbacks</c> with the
/// reason. The change from pending to paid is one conditional update, so two callbacks at the same
/// time cannot both pay.
/// </summary>
public sealed class PaymentLedger(BpmDbContext db, TimeProvider time, IEnumerable<IPaymentProvider> providers)
{
    private static readonly JsonSerializerOptions Json = PaymentItems.Json;
    private readonly Dictionary<string, IPaymentProvider> _providers = providers.ToDictionary(p => p.Name, StringComparer.Ordinal);

    public bool Has(string provider) => _providers.ContainsKey(provider);

    public IPaymentProvider Provider(string name) =>
        _providers.TryGetValue(name, out var provider) ? provider : throw new KeyNotFoundException($"no payment provider '{name}' (there are: {string.Join(", ", _providers.Keys)})");

    /// <summary>Asks for the fee step's items through <paramref name="provider"/>; the n-th request of a dossier is <c>TT-CODE-n</c>.</summary>
    /// <exception cref="ArgumentException">No items, or an amount not above zero.</exception>
    public async Task<(PaymentRecord Payment, PaymentInstruction Instruction)> RequestAsync(string dossierCode, IReadOnlyList<FeeItem> items, string provider, TimeSpan validFor, CancellationToken cancellationToken = default)
    {
        if (items.Count == 0 || items.Any(i => i.Amount <= 0))
        {
            throw new ArgumentException("a payment needs at least one item, each above 0 đồng", nameof(items));
        }

        FeeSchedule.Fixed(items).TryCompute(new Dictionary<string, JsonElement>(), out var breakdown, out _);
        var (payment, instruction) = await RequestAsync(dossierCode, breakdown!, provider, validFor, cancellationToken);
        return (payment, instruction!);
    }

    /// <summary>
    /// Asks for a computed breakdown (docs/payments.md: each line with its rule and the exemption applied)
    /// through <paramref name="provider"/>. A breakdown whose total is 0 — every fee exempt — is
    /// recorded as paid by <c>exempt</c> at once, with no instruction: there is nothing to pay.
    /// </summary>
    /// <exception cref="ArgumentException">No lines, or an amount below zero.</exception>
    public async Task<(PaymentRecord Payment, PaymentInstruction? Instruction)> RequestAsync(string dossierCode, FeeBreakdown breakdown, string provider, TimeSpan validFor, CancellationToken cancellationToken = default)
    {
        if (breakdown.Lines.Count == 0 || breakdown.Lines.Any(l => l.AmountVnd < 0))
        {
            throw new ArgumentException("a payment needs at least one fee, none below 0 đồng", nameof(breakdown));
        }

        var bank = Provider(provider);
        var count = await db.Payments.CountAsync(p => p.DossierCode == dossierCode, cancellationToken);
        var now = time.GetUtcNow();
        var exempt = breakdown.TotalVnd == 0;
        var payment = new PaymentRecord
        {
            Id = $"TT-{dossierCode}-{count + 1}",
            DossierCode = dossierCode,
            Items = PaymentItems.Serialize(breakdown),
            AmountVnd = breakdown.TotalVnd,
            Provider = bank.Name,
            Status = exempt ? PaymentStatus.Paid : PaymentStatus.Pending,
            CreatedAt = now,
            ExpiresAt = now + validFor,
            PaidAt = exempt ? now : null,
            PaidBy = exempt ? PaymentItems.ExemptPaidBy : null,
        };
        db.Payments.Add(payment);
        await db.SaveChangesAsync(cancellationToken);
        return (payment, exempt ? null : bank.Instruct(payment.Id, payment.AmountVnd, payment.ExpiresAt));
    }

    /// <summary>Takes a provider's callback as received: the raw body and its signature header.</summary>
    public async Task<PaymentOutcome> AcceptCallbackAsync(string provider, string body, string? signature, CancellationToken cancellationToken = default)
    {
        var bank = Provider(provider);
        var now = time.GetUtcNow();
        if (!bank.IsSigned(body, signature))
        {
            return await LogAsync(bank.Name, null, body, now, PaymentOutcome.RejectedOutcome, "chữ ký không đúng: không phải do ngân hàng gửi, hoặc nội dung đã bị sửa", null, cancellationToken);
        }

        var callback = bank.Read(body, out var unreadable);
        if (callback is null)
        {
            return await LogAsync(bank.Name, null, body, now, PaymentOutcome.RejectedOutcome, unreadable, null, cancellationToken);
        }

        return await SettleAsync(bank.Name, callback, body, now, receivedBy: null, paidBy: "bank", cancellationToken);
    }

    /// <summary>Cash taken at the desk by <paramref name="officer"/>, with the desk's receipt number.</summary>
    public Task<PaymentOutcome> PayCashAsync(string paymentId, long amountVnd, string receiptNumber, string officer, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var body = JsonSerializer.Serialize(new { paymentId, amountVnd, receiptNumber, officer }, Json);
        return SettleAsync("cash", new ProviderCallback(paymentId, receiptNumber, amountVnd, now), body, now, officer, "cash", cancellationToken);
    }

    /// <summary>Marks pending payments past their expiry as expired; returns how many.</summary>
    public Task<int> ExpireAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return db.Payments.Where(p => p.Status == PaymentStatus.Pending && p.ExpiresAt < now)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, PaymentStatus.Expired), cancellationToken);
    }

    private async Task<PaymentOutcome> SettleAsync(string channel, ProviderCallback callback, string body, DateTimeOffset now, string? receivedBy, string paidBy, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == callback.PaymentId, cancellationToken);
        var transactionUsed = payment is not null && await db.Payments.AnyAsync(
            p => p.Provider == payment.Provider && p.TransactionId == callback.TransactionId && p.Id != payment.Id, cancellationToken);
        string? refusal = payment switch
        {
            null => $"không có khoản thanh toán mã '{callback.PaymentId}'",
            _ when transactionUsed => $"giao dịch (hoặc biên lai) {callback.TransactionId} đã thanh toán một khoản khác",
            { Status: PaymentStatus.Paid } when payment.TransactionId == callback.TransactionId => null,
            { Status: PaymentStatus.Paid } => $"khoản {payment.Id} đã được thanh toán bởi giao dịch {payment.TransactionId} lúc {payment.PaidAt:O}; giao dịch {callback.TransactionId} cần hoàn tiền",
            { Status: PaymentStatus.Cancelled } => $"khoản {payment.Id} đã bị hủy",
            _ when callback.AmountVnd != payment.AmountVnd => $"số tiền {callback.AmountVnd} đồng khác số phải nộp {payment.AmountVnd} đồng",
            _ when payment.Status == PaymentStatus.Expired || now > payment.ExpiresAt => $"đến sau hạn thanh toán {payment.ExpiresAt:O}",
            _ when paidBy == "bank" && payment.Provider != channel => $"khoản {payment.Id} được yêu cầu qua {payment.Provider}, không qua {channel}",
            _ => null,
        };
        if (payment is { Status: PaymentStatus.Paid } && refusal is null)
        {
            return await LogAsync(channel, callback, body, now, PaymentOutcome.DuplicateOutcome, "giao dịch này đã được ghi nhận", payment, cancellationToken);
        }

        if (refusal is not null)
        {
            return await LogAsync(channel, callback, body, now, PaymentOutcome.RejectedOutcome, refusal, payment, cancellationToken);
        }

        var receipt = JsonSerializer.Serialize(new { transactionId = callback.TransactionId, paidAt = callback.PaidAt, amountVnd = callback.AmountVnd, channel }, Json);
        var paid = await db.Payments
            .Where(p => p.Id == payment!.Id && p.Status == PaymentStatus.Pending)
            .ExecuteUpdateAsync(
                u => u.SetProperty(p => p.Status, PaymentStatus.Paid).SetProperty(p => p.PaidAt, now).SetProperty(p => p.PaidBy, paidBy)
                    .SetProperty(p => p.TransactionId, callback.TransactionId).SetProperty(p => p.ReceivedBy, receivedBy).SetProperty(p => p.Receipt, receipt),
                cancellationToken);
        if (paid == 0)
        {
            // Another callback paid it between the read and the update: judge this one again.
            return await SettleAsync(channel, callback, body, now, receivedBy, paidBy, cancellationToken);
        }

        var settled = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == payment!.Id, cancellationToken);
        return await LogAsync(channel, callback, body, now, PaymentOutcome.PaidOutcome, null, settled, cancellationToken);
    }

    private async Task<PaymentOutcome> LogAsync(string channel, ProviderCallback? callback, string body, DateTimeOffset now, string outcome, string? reason, PaymentRecord? payment, CancellationToken cancellationToken)
    {
        db.PaymentCallbacks.Add(new PaymentCallbackRecord
        {
            Provider = channel,
            PaymentId = Cut(callback?.PaymentId ?? "", 200),
            TransactionId = Cut(callback?.TransactionId ?? "", 200),
            AmountVnd = callback?.AmountVnd ?? 0,
            ReceivedAt = now,
            Outcome = outcome,
            Reason = reason is null ? null : Cut(reason, 500),
            Body = body,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new PaymentOutcome(outcome, reason, payment);
    }

    private static string Cut(string text, int length) => text.Length > length ? text[..length] : text;
}
