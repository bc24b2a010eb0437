using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Payments;

/// <summary>What an e-invoice is issued for: a paid payment.</summary>
public sealed record EInvoiceRequest(string PaymentId, string DossierCode, long AmountVnd, string PaidBy, DateTimeOffset PaidAt, string Items);

/// <summary>An issued e-invoice (biên lai / hóa đơn điện tử): its template, series and number, and the code the payer looks it up with.</summary>
public sealed record EInvoice(string Provider, string Template, string Series, string Number, string LookupCode, string? LookupUrl, DateTimeOffset IssuedAt)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static EInvoice? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<EInvoice>(json, Json);
}

/// <summary>
/// Who issues e-invoices for paid fees: a certified e-invoice provider, or the tax authority.
/// <see cref="IssueAsync"/> throws when it cannot issue; Bpm keeps the payment paid and tries again.
/// </summary>
public interface IEInvoiceProvider
{
    string Name { get; }

    /// <summary>Issues the invoice; issuing again for the same payment gives the same invoice.</summary>
    Task<EInvoice> IssueAsync(EInvoiceRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// A simulated e-invoice provider, shipped so that a paid fee gets its invoice data without a
/// contract with a provider or the tax authority. The number and lookup code are derived from the
/// payment id, so a retry gives the same invoice; they are not registered anywhere.
/// Named as simulated wherever it appears.
/// </summary>
public sealed class SimulatedEInvoiceProvider(TimeProvider time) : IEInvoiceProvider
{
    public const string ProviderName = "simulated-einvoice";

    /// <summary>How the provider is shown to people.</summary>
    public const string DisplayName = "Hóa đơn điện tử giả lập (không phải của cơ quan thuế)";

    public string Name => ProviderName;

    public Task<EInvoice> IssueAsync(EInvoiceRequest request, CancellationToken cancellationToken)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(request.PaymentId));
        var number = (BitConverter.ToUInt32(hash, 0) % 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        var lookup = Convert.ToHexString(hash, 4, 5);
        var issuedAt = time.GetUtcNow();
        var year = issuedAt.ToOffset(Bpm.Engine.Calendar.VietnameseWorkingCalendar.UtcOffset).Year % 100;
        return Task.FromResult(new EInvoice(ProviderName, "GL-01", $"GL{year:D2}", number, lookup, null, issuedAt));
    }
}

/// <summary>
/// Issues the e-invoice of paid payments (bank or cash; not exemptions, which collect nothing) after
/// the payment has committed, so that a provider's failure never touches the payment: the failure is
/// counted and kept in <see cref="PaymentRecord.EInvoiceError"/>, shown on the dossier page, and tried
/// again by <see cref="RetryAsync"/>.
/// </summary>
public sealed class EInvoiceIssuer(BpmDbContext db, IEInvoiceProvider provider)
{
    /// <summary>After this many failures a payment waits for an officer instead of the background pass.</summary>
    public const int MaxAttempts = 10;

    /// <summary>The payment's invoice: the one issued before, a new one, or null when issuing failed (recorded).</summary>
    public async Task<EInvoice?> IssueAsync(string paymentId, CancellationToken cancellationToken = default)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        if (payment is not { Status: PaymentStatus.Paid, PaidBy: "bank" or "cash" })
        {
            return null;
        }

        if (EInvoice.FromJson(payment.EInvoice) is { } issued)
        {
            return issued;
        }

        EInvoice invoice;
        try
        {
            invoice = await provider.IssueAsync(new EInvoiceRequest(payment.Id, payment.DossierCode, payment.AmountVnd, payment.PaidBy!, payment.PaidAt!.Value, payment.Items), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var error = $"{provider.Name}: {e.Message}";
            await db.Payments.Where(p => p.Id == paymentId && p.EInvoice == null)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.EInvoiceAttempts, p => p.EInvoiceAttempts + 1).SetProperty(p => p.EInvoiceError, error.Length > 500 ? error[..500] : error), cancellationToken);
            return null;
        }

        var json = invoice.ToJson();
        await db.Payments.Where(p => p.Id == paymentId && p.EInvoice == null)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.EInvoice, json).SetProperty(p => p.EInvoiceAttempts, p => p.EInvoiceAttempts + 1).SetProperty(p => p.EInvoiceError, (string?)null), cancellationToken);
        return EInvoice.FromJson(await db.Payments.AsNoTracking().Where(p => p.Id == paymentId).Select(p => p.EInvoice).SingleAsync(cancellationToken));
    }

    /// <summary>Tries again the paid payments still without an invoice; returns how many got one.</summary>
    public async Task<int> RetryAsync(int batch = 50, CancellationToken cancellationToken = default)
    {
        var waiting = await db.Payments.AsNoTracking()
            .Where(p => p.Status == PaymentStatus.Paid && (p.PaidBy == "bank" || p.PaidBy == "cash") && p.EInvoice == null && p.EInvoiceAttempts < MaxAttempts)
            .OrderBy(p => p.Id)
            .Select(p => p.Id)
            .Take(batch)
            .ToListAsync(cancellationToken);
        var issued = 0;
        foreach (var id in waiting)
        {
            issued += await IssueAsync(id, cancellationToken) is null ? 0 : 1;
        }

        return issued;
    }
}
