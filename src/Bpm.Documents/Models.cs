namespace Bpm.Documents;

/// <summary>The issuing agency as printed in the top-left block of a form, and the place printed before the date.</summary>
/// <param name="ParentAgency">Governing body, e.g. "UBND TỈNH BÌNH ĐỊNH"; empty when none.</param>
/// <param name="Name">Issuing agency or unit, e.g. "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG".</param>
/// <param name="Place">Place name before the date, e.g. "Quy Nhơn".</param>
public sealed record Agency(string ParentAgency, string Name, string Place);

/// <summary>A printable form: every one carries the issuing agency, whose name the development signing certificate takes.</summary>
public interface IFormModel
{
    /// <summary>The issuing agency.</summary>
    Agency Agency { get; }
}

/// <summary>One paper received with the dossier (Form 01's "thành phần hồ sơ").</summary>
/// <param name="Name">Name of the paper.</param>
/// <param name="Kind">Original, certified copy or photocopy, in Vietnamese ("Bản chính", "Bản sao", "Bản chụp").</param>
/// <param name="Count">Number of copies received.</param>
public sealed record ReceivedPaper(string Name, string Kind, int Count);

/// <summary>Form 01: receipt and appointment slip (Giấy tiếp nhận hồ sơ và hẹn trả kết quả).</summary>
/// <param name="Agency">Receiving agency.</param>
/// <param name="DossierCode">Dossier code (Circular 01/2018 art. 19).</param>
/// <param name="Applicant">Applicant's full name or organisation.</param>
/// <param name="Address">Applicant's address.</param>
/// <param name="Phone">Applicant's phone.</param>
/// <param name="Email">Applicant's email; empty when none.</param>
/// <param name="ProcedureName">The request: name of the procedure.</param>
/// <param name="Papers">Papers received, with counts.</param>
/// <param name="DossierSets">Number of dossier sets received.</param>
/// <param name="LegalTimeLimit">Legal time limit as text, e.g. "10 ngày làm việc".</param>
/// <param name="ReceivedAt">When the dossier was received (agency local time).</param>
/// <param name="AppointmentAt">When the result will be returned (agency local time).</param>
/// <param name="ReturnMethod">Where or how the result is returned, e.g. "Tại Bộ phận Một cửa".</param>
/// <param name="ReceivingOfficer">Officer who received the dossier.</param>
public sealed record ReceiptSlip(
    Agency Agency,
    string DossierCode,
    string Applicant,
    string Address,
    string Phone,
    string Email,
    string ProcedureName,
    IReadOnlyList<ReceivedPaper> Papers,
    int DossierSets,
    string LegalTimeLimit,
    DateTimeOffset ReceivedAt,
    DateTimeOffset AppointmentAt,
    string ReturnMethod,
    string ReceivingOfficer) : IFormModel;

/// <summary>One thing the applicant must supply or correct, and why.</summary>
/// <param name="What">The missing or incorrect paper or content.</param>
/// <param name="Why">The reason it is needed.</param>
public sealed record SupplementItem(string What, string Why);

/// <summary>Form 02: supplement request (Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ).</summary>
/// <param name="Agency">Receiving agency.</param>
/// <param name="DossierCode">Dossier code; empty for a guide given at the desk instead of receiving (no QR code printed).</param>
/// <param name="Applicant">Applicant's full name or organisation.</param>
/// <param name="ProcedureName">The request: name of the procedure.</param>
/// <param name="ReceivedAt">When the dossier was received; null when it was not (the desk's guide).</param>
/// <param name="Items">What is missing and why.</param>
/// <param name="Deadline">Date by which the applicant should supply it; null when nothing was received, so nothing waits.</param>
/// <param name="Officer">Officer giving guidance.</param>
/// <param name="OfficerPhone">Phone to call with questions.</param>
/// <param name="IssuedOn">Date of the request.</param>
public sealed record SupplementRequest(
    Agency Agency,
    string DossierCode,
    string Applicant,
    string ProcedureName,
    DateTimeOffset? ReceivedAt,
    IReadOnlyList<SupplementItem> Items,
    DateOnly? Deadline,
    string Officer,
    string OfficerPhone,
    DateOnly IssuedOn) : IFormModel;

/// <summary>Form 03: refusal to accept the dossier (Phiếu từ chối tiếp nhận giải quyết hồ sơ).</summary>
/// <param name="Agency">Receiving agency.</param>
/// <param name="Applicant">Applicant's full name or organisation.</param>
/// <param name="ProcedureName">The request: name of the procedure.</param>
/// <param name="Reasons">Reasons for refusal.</param>
/// <param name="Officer">Officer who refuses.</param>
/// <param name="IssuedOn">Date of the refusal.</param>
public sealed record RefusalNotice(
    Agency Agency,
    string Applicant,
    string ProcedureName,
    IReadOnlyList<string> Reasons,
    string Officer,
    DateOnly IssuedOn) : IFormModel
{
    /// <summary>Dossier code when one was given (an online dossier is coded before it is checked); empty prints no QR code.</summary>
    public string DossierCode { get; init; } = "";
}

/// <summary>Form 04: apology and new date (Phiếu xin lỗi và hẹn lại ngày trả kết quả).</summary>
/// <param name="Agency">Deciding agency that is late.</param>
/// <param name="Number">Document number, e.g. "15/PXL-TTHCC".</param>
/// <param name="Addressee">Applicant addressed ("Kính gửi").</param>
/// <param name="ReceivedOn">Date the dossier was received.</param>
/// <param name="DossierCode">Dossier code.</param>
/// <param name="ProcedureName">The request: name of the procedure.</param>
/// <param name="OriginalDueDate">Appointment date on the receipt slip.</param>
/// <param name="Reason">Why the result is late.</param>
/// <param name="NewDueDate">The new date (may be set only once).</param>
/// <param name="SignerName">Head of agency (or deputy) who signs.</param>
/// <param name="SignerTitle">Signer's title, e.g. "GIÁM ĐỐC".</param>
/// <param name="IssuedOn">Date of the letter.</param>
public sealed record ApologyLetter(
    Agency Agency,
    string Number,
    string Addressee,
    DateOnly ReceivedOn,
    string DossierCode,
    string ProcedureName,
    DateOnly OriginalDueDate,
    string Reason,
    DateOnly NewDueDate,
    string SignerName,
    string SignerTitle,
    DateOnly IssuedOn) : IFormModel;

/// <summary>How a step compares with its time allowance.</summary>
public enum HandoverOutcome
{
    /// <summary>Trước hạn.</summary>
    Early,

    /// <summary>Đúng hạn.</summary>
    OnTime,

    /// <summary>Quá hạn.</summary>
    Late,
}

/// <summary>One row of the control slip: a hand-over between units, signed by both.</summary>
/// <param name="From">Unit (and person) handing over.</param>
/// <param name="To">Unit (and person) receiving.</param>
/// <param name="HandedAt">When it was handed over.</param>
/// <param name="ReceivedAt">When it was received.</param>
/// <param name="Outcome">Early, on time or late for the handing unit's step.</param>
/// <param name="Notes">Notes; empty when none.</param>
public sealed record Handover(
    string From,
    string To,
    DateTimeOffset HandedAt,
    DateTimeOffset ReceivedAt,
    HandoverOutcome Outcome,
    string Notes)
{
    /// <summary>Officer who handed over; empty leaves a line to write the name on paper.</summary>
    public string HandedBy { get; init; } = "";

    /// <summary>Officer who received; empty leaves a line to write the name on paper.</summary>
    public string ReceivedBy { get; init; } = "";

    /// <summary>When the handing unit's step was due; null when the step had no allowance of its own.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>
    /// A hand-over whose outcome is read from the clock: handed over on an earlier day than due is early,
    /// by the due moment on its day is on time, after it late (the 2018 form's three words).
    /// </summary>
    /// <param name="from">Unit handing over.</param>
    /// <param name="to">Unit receiving.</param>
    /// <param name="handedBy">Officer handing over.</param>
    /// <param name="receivedBy">Officer receiving.</param>
    /// <param name="handedAt">When it was handed over (Vietnam time).</param>
    /// <param name="receivedAt">When it was received (Vietnam time).</param>
    /// <param name="dueAt">When the handing unit's step was due (Vietnam time).</param>
    /// <param name="notes">Notes; empty when none.</param>
    public static Handover Timed(string from, string to, string handedBy, string receivedBy,
        DateTimeOffset handedAt, DateTimeOffset receivedAt, DateTimeOffset dueAt, string notes = "") =>
        new(from, to, handedAt, receivedAt, OutcomeOf(handedAt, dueAt), notes) { HandedBy = handedBy, ReceivedBy = receivedBy, DueAt = dueAt };

    /// <summary>Early when handed over on a calendar day before the due one, on time up to the due moment, late after it.</summary>
    /// <param name="handedAt">When the step ended.</param>
    /// <param name="dueAt">When it was due, in the same offset.</param>
    public static HandoverOutcome OutcomeOf(DateTimeOffset handedAt, DateTimeOffset dueAt) =>
        handedAt > dueAt ? HandoverOutcome.Late
        : DateOnly.FromDateTime(handedAt.DateTime) < DateOnly.FromDateTime(dueAt.DateTime) ? HandoverOutcome.Early
        : HandoverOutcome.OnTime;

    /// <summary>The outcome as printed: "Trước hạn", "Đúng hạn" or "Quá hạn".</summary>
    public string OutcomeText => Outcome switch
    {
        HandoverOutcome.Early => "Trước hạn",
        HandoverOutcome.OnTime => "Đúng hạn",
        _ => "Quá hạn",
    };
}

/// <summary>Form 05: control slip (Phiếu kiểm soát quá trình giải quyết hồ sơ).</summary>
/// <param name="Agency">Receiving agency.</param>
/// <param name="DossierCode">Dossier code.</param>
/// <param name="HandlingAgency">Agency (unit) deciding the dossier.</param>
/// <param name="CoordinatingAgencies">Agencies taking part; empty when none.</param>
/// <param name="Handovers">One row per hand-over, in order.</param>
public sealed record ControlSlip(
    Agency Agency,
    string DossierCode,
    string HandlingAgency,
    string CoordinatingAgencies,
    IReadOnlyList<Handover> Handovers) : IFormModel;

/// <summary>One dossier's row in the tracking book (Form 06), in the columns the form prescribes.</summary>
/// <param name="DossierCode">Dossier code.</param>
/// <param name="ProcedureName">Name of the procedure.</param>
/// <param name="DossierSets">Number of dossier sets.</param>
/// <param name="Applicant">Person or organisation.</param>
/// <param name="AddressAndPhone">Address and phone number.</param>
/// <param name="HandlingAgency">Agency leading the processing.</param>
/// <param name="ReceivedAt">Dossier received.</param>
/// <param name="AppointmentAt">Result promised for.</param>
/// <param name="SentToHandlingAgencyAt">Sent to the handling agency; null while not yet.</param>
/// <param name="ResultReceivedAt">Result received back from it; null while not yet.</param>
/// <param name="ReturnedAt">Result returned to the applicant; null while not yet.</param>
/// <param name="Notes">Notes, e.g. "Quá hạn 2 ngày"; empty when none.</param>
public sealed record TrackingBookEntry(
    string DossierCode,
    string ProcedureName,
    int DossierSets,
    string Applicant,
    string AddressAndPhone,
    string HandlingAgency,
    DateTimeOffset ReceivedAt,
    DateTimeOffset AppointmentAt,
    DateTimeOffset? SentToHandlingAgencyAt,
    DateTimeOffset? ResultReceivedAt,
    DateTimeOffset? ReturnedAt,
    string Notes);

/// <summary>Form 06: the dossier tracking book (Sổ theo dõi hồ sơ) of one unit over one period.</summary>
/// <param name="Agency">Agency keeping the book.</param>
/// <param name="UnitName">The unit (one-stop desk) whose dossiers are listed.</param>
/// <param name="PeriodFrom">First day of the period.</param>
/// <param name="PeriodTo">Last day of the period.</param>
/// <param name="Entries">One row per dossier received in the period, in order of reception.</param>
/// <param name="PrintedOn">Date the book was printed.</param>
public sealed record TrackingBook(
    Agency Agency,
    string UnitName,
    DateOnly PeriodFrom,
    DateOnly PeriodTo,
    IReadOnlyList<TrackingBookEntry> Entries,
    DateOnly PrintedOn) : IFormModel;
