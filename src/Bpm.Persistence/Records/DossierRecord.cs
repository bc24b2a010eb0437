namespace Bpm.Persistence;

/// <summary>
/// A received dossier (hồ sơ): what the applicant handed in and where it stands now. Its history
/// is not kept here but in <see cref="DossierEventRecord"/> rows and the process instance's
/// journal; <see cref="Status"/> is the latest event's status, written in the event's transaction.
/// </summary>
public sealed class DossierRecord
{
    /// <summary>The dossier code (Circular 01/2018/TT-VPCP art. 19), also the instance's business key.</summary>
    public required string Code { get; set; }

    public required string ProcedureCode { get; set; }

    /// <summary>The organisation unit that received it, e.g. <c>XA-PHUONGLAM.MOTCUA</c>.</summary>
    public required string ReceivingUnit { get; set; }

    public required string InstanceId { get; set; }

    public required string Status { get; set; }

    /// <summary>person or organisation.</summary>
    public required string ApplicantKind { get; set; }

    public required string ApplicantName { get; set; }

    public required string IdentityNumber { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    /// <summary>
    /// The channels the applicant chose for notices, comma-separated (<c>sms,email</c>); empty when
    /// they want none; null when they did not say, so the default rule applies (docs/notifications.md).
    /// </summary>
    public string? NotifyBy { get; set; }

    public string? Address { get; set; }

    public string? OrganisationName { get; set; }

    public string? TaxCode { get; set; }

    /// <summary>The papers received, JSON <c>[{"id","count"}]</c> by catalogue paper id.</summary>
    public required string Papers { get; set; }

    /// <summary>desk, online or post.</summary>
    public required string Channel { get; set; }

    /// <summary>desk or post.</summary>
    public required string ResultDelivery { get; set; }

    public string? Notes { get; set; }

    public required string ReceivedBy { get; set; }

    public required DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The due date given on the receipt slip; the current one is the instance's.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>The client's <c>Idempotency-Key</c>, unique per receiving unit.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>SHA-256 of the request body the key first came with.</summary>
    public string? RequestHash { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>early, on-time or late, once the result is handed over.</summary>
    public string? Evaluation { get; set; }
}
