namespace Bpm.Persistence;

/// <summary>
/// A request for a dossier's fees and charges (src/Bpm.Payments): what is owed, through which
/// provider, and — once — how it was paid. <see cref="Status"/> moves from <c>pending</c> to
/// <c>paid</c>, <c>expired</c> or <c>cancelled</c>, never back.
/// </summary>
public sealed class PaymentRecord
{
    /// <summary>The payment code the applicant or the bank quotes, e.g. <c>TT-000.00.12.H08-261201-0007-1</c>.</summary>
    public required string Id { get; set; }

    public required string DossierCode { get; set; }

    /// <summary>The items as JSON: <c>[{ "code", "name", "amountVnd" }]</c>.</summary>
    public required string Items { get; set; }

    public required long AmountVnd { get; set; }

    /// <summary>The provider the request was made through (<c>simulated-bank</c>…).</summary>
    public required string Provider { get; set; }

    public required string Status { get; set; }

    public required DateTimeOffset CreatedAt { get; set; }

    /// <summary>After this a callback is late and refused; the applicant is asked again.</summary>
    public required DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? PaidAt { get; set; }

    /// <summary><c>bank</c> or <c>cash</c> once paid.</summary>
    public string? PaidBy { get; set; }

    /// <summary>The provider's transaction id, or the desk's receipt number for cash; unique among paid payments.</summary>
    public string? TransactionId { get; set; }

    /// <summary>The officer who took cash at the desk.</summary>
    public string? ReceivedBy { get; set; }

    /// <summary>Receipt data as the provider gave it (JSON).</summary>
    public string? Receipt { get; set; }

    /// <summary>
    /// The e-invoice (biên lai / hóa đơn điện tử) issued for the paid payment, as JSON
    /// <c>{ provider, template, series, number, lookupCode, lookupUrl, issuedAt }</c>; null until issued.
    /// </summary>
    public string? EInvoice { get; set; }

    /// <summary>How many times issuing the e-invoice was tried; a failure is retried, the payment stays paid.</summary>
    public int EInvoiceAttempts { get; set; }

    /// <summary>The e-invoice provider's last refusal or failure, shown until an invoice is issued.</summary>
    public string? EInvoiceError { get; set; }
}

/// <summary>Every payment callback received, accepted or not, with why — nothing a bank sends is lost.</summary>
public sealed class PaymentCallbackRecord
{
    public long Id { get; set; }

    public required string Provider { get; set; }

    /// <summary>The payment the callback names (may not exist).</summary>
    public required string PaymentId { get; set; }

    public required string TransactionId { get; set; }

    public required long AmountVnd { get; set; }

    public required DateTimeOffset ReceivedAt { get; set; }

    /// <summary><c>paid</c>, <c>duplicate</c> or <c>rejected</c>.</summary>
    public required string Outcome { get; set; }

    /// <summary>Why it was rejected (forged, unknown payment, amount, late, already paid).</summary>
    public string? Reason { get; set; }

    /// <summary>The body as received, for disputes.</summary>
    public required string Body { get; set; }
}
