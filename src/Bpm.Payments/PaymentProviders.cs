using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Bpm.Payments;

/// <summary>A provider's callback, read: which payment, which transaction, how much, when.</summary>
public sealed record ProviderCallback(string PaymentId, string TransactionId, long AmountVnd, DateTimeOffset PaidAt);

/// <summary>What the applicant is given to pay with.</summary>
public sealed record PaymentInstruction(string PaymentId, long AmountVnd, string PayUrl, string Note);

/// <summary>
/// A bank or the national payment platform, behind one interface: it instructs the applicant, and
/// it signs the callbacks it sends so that Bpm can tell them from forgeries.
/// </summary>
public interface IPaymentProvider
{
    /// <summary>Name in URLs and records: <c>simulated-bank</c>.</summary>
    string Name { get; }

    PaymentInstruction Instruct(string paymentId, long amountVnd, DateTimeOffset expiresAt);

    /// <summary>Whether <paramref name="signature"/> is the provider's over exactly <paramref name="body"/>.</summary>
    bool IsSigned(string body, string? signature);

    /// <summary>The callback in <paramref name="body"/>, or null with the reason when it is not one.</summary>
    ProviderCallback? Read(string body, out string? reason);
}

/// <summary>
/// A simulated bank, shipped so that the fee step can be run end to end without a contract: it
/// "pays" through <c>/simulated-bank/pay/{id}</c> and calls back with JSON
/// <c>{ paymentId, transactionId, amountVnd, paidAt }</c> signed by HMAC-SHA256 over the body
/// with a shared key (header <c>X-Signature: hex</c>). Named as simulated wherever it appears.
/// </summary>
public sealed class SimulatedBank(byte[] key) : IPaymentProvider
{
    public const string ProviderName = "simulated-bank";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => ProviderName;

    public PaymentInstruction Instruct(string paymentId, long amountVnd, DateTimeOffset expiresAt) =>
        new(paymentId, amountVnd, $"/simulated-bank/pay/{Uri.EscapeDataString(paymentId)}", "Ngân hàng giả lập (không phải ngân hàng thật)");

    /// <summary>The signature the bank puts on <paramref name="body"/>.</summary>
    public string Sign(string body) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(body)));

    public bool IsSigned(string body, string? signature)
    {
        if (signature is null || signature.Length != 64)
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(given, HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(body)));
    }

    public ProviderCallback? Read(string body, out string? reason)
    {
        try
        {
            var callback = JsonSerializer.Deserialize<ProviderCallback>(body, Json);
            reason = callback is { PaymentId.Length: > 0, TransactionId.Length: > 0 } ? null : "thiếu paymentId hoặc transactionId";
            return reason is null ? callback : null;
        }
        catch (JsonException e)
        {
            reason = $"không đọc được nội dung: {e.Message}";
            return null;
        }
    }

    /// <summary>The body of a callback as the bank writes it.</summary>
    public static string Body(ProviderCallback callback) => JsonSerializer.Serialize(callback, Json);
}
