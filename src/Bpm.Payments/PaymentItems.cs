using System.Text.Json;
using Bpm.Engine;

namespace Bpm.Payments;

/// <summary>One line of a payment as stored in <see cref="Persistence.PaymentRecord.Items"/>: the fee, the rule that gave its amount, and the exemption applied with its legal basis.</summary>
public sealed record PaymentItem(string Code, string Name, long AmountVnd, string? Rule, long? BaseAmountVnd, AppliedExemption? Exemption);

/// <summary>
/// The items JSON of a payment: <c>[{ code, name, amountVnd, rule, baseAmountVnd, exemption: { name, percent, basis } }]</c>.
/// Payments recorded before schedules have only code, name and amount; they read with the rest null.
/// </summary>
public static class PaymentItems
{
    /// <summary><see cref="Persistence.PaymentRecord.PaidBy"/> of a request whose fees are all exempt: nothing was collected.</summary>
    public const string ExemptPaidBy = "exempt";

    // Vietnamese fee names stay readable in the database instead of \u escapes.
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public static string Serialize(FeeBreakdown breakdown) => JsonSerializer.Serialize(
        breakdown.Lines.Select(l => new PaymentItem(l.Code, l.Name, l.AmountVnd, l.Rule, l.BaseAmountVnd, l.Exemption)), Json);

    public static IReadOnlyList<PaymentItem> Read(string items) => JsonSerializer.Deserialize<List<PaymentItem>>(items, Json) ?? [];
}
