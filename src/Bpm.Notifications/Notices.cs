using Bpm.Engine.Calendar;

namespace Bpm.Notifications;

/// <summary>What the applicant is told. Each kind has an SMS and an e-mail template (<see cref="NoticeTemplates"/>).</summary>
public enum NoticeKind
{
    /// <summary>The dossier was received; its code and appointment.</summary>
    Receipt,

    /// <summary>Papers are missing: what, why, and that the time limit starts again when they come.</summary>
    SupplementRequest,

    /// <summary>The dossier will be late: the apology, the reason and the new date (Decree 61/2018 art. 19).</summary>
    Apology,

    /// <summary>The result is ready to collect, or on its way by post.</summary>
    ResultReady,

    /// <summary>The dossier was refused, with the reasons.</summary>
    Refusal,

    /// <summary>A fee or charge is due before the dossier goes on.</summary>
    PaymentDue,
}

/// <summary>The fields every notice has. Templates see them as snake_case variables (<c>dossier_code</c>).</summary>
public interface INotice
{
    NoticeKind Kind { get; }

    string DossierCode { get; }

    string AgencyName { get; }
}

/// <summary><see cref="NoticeKind.Receipt"/>.</summary>
/// <remarks>Times are moments (any offset); templates print <c>received_at_vn</c> and <c>appointment_at_vn</c>, in Vietnam's time.</remarks>
public sealed record ReceiptNotice(string DossierCode, string AgencyName, string ProcedureName, DateTimeOffset ReceivedAt, DateTimeOffset? AppointmentAt, string LookupUrl) : INotice
{
    public NoticeKind Kind => NoticeKind.Receipt;

    public DateTimeOffset ReceivedAtVn => ReceivedAt.ToOffset(VietnameseWorkingCalendar.UtcOffset);

    /// <summary>Null for a same-day procedure without an appointment.</summary>
    public DateTimeOffset? AppointmentAtVn => AppointmentAt?.ToOffset(VietnameseWorkingCalendar.UtcOffset);
}

/// <summary><see cref="NoticeKind.SupplementRequest"/>.</summary>
public sealed record SupplementNotice(string DossierCode, string AgencyName, string ProcedureName, IReadOnlyList<string> MissingPapers, string Reason, string LookupUrl) : INotice
{
    public NoticeKind Kind => NoticeKind.SupplementRequest;
}

/// <summary><see cref="NoticeKind.Apology"/>.</summary>
public sealed record ApologyNotice(string DossierCode, string AgencyName, string ProcedureName, DateOnly OriginalDueDate, DateOnly NewDueDate, string Reason) : INotice
{
    public NoticeKind Kind => NoticeKind.Apology;
}

/// <summary><see cref="NoticeKind.ResultReady"/>; <see cref="ByPost"/> when the result is posted, else <see cref="CollectAt"/> says where.</summary>
public sealed record ResultReadyNotice(string DossierCode, string AgencyName, string ProcedureName, bool ByPost, string CollectAt) : INotice
{
    public NoticeKind Kind => NoticeKind.ResultReady;
}

/// <summary><see cref="NoticeKind.Refusal"/>.</summary>
public sealed record RefusalNotice(string DossierCode, string AgencyName, string ProcedureName, IReadOnlyList<string> Reasons) : INotice
{
    public NoticeKind Kind => NoticeKind.Refusal;
}

/// <summary><see cref="NoticeKind.PaymentDue"/>: <see cref="PaymentReference"/> is the payment's id, which the applicant quotes when paying.</summary>
public sealed record PaymentDueNotice(string DossierCode, string AgencyName, string ProcedureName, string PaymentReference, decimal AmountVnd, DateOnly PayBy, string HowToPay) : INotice
{
    public NoticeKind Kind => NoticeKind.PaymentDue;
}
