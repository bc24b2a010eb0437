using Bpm.Dossiers.Dossiers;
using Bpm.Server.Features.Dossiers;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Desk;

/// <summary>
/// The desk's form models and the steps that do not render: the markup and the request's flow stay
/// in ReceptionDesk.razor, what a step decides from the form is here.
/// </summary>
public partial class ReceptionDesk
{
    /// <summary>
    /// Form 02 (the required papers not ticked) or 03 (with the reason) instead of receiving: nothing
    /// is received, and the issued document is the record. A refusal without a reason, a guide with
    /// nothing missing or a form without the applicant's name is answered beside the field.
    /// </summary>
    private async Task IssueInsteadOfReceivingAsync(CancellationToken ct)
    {
        var applicant = Input!.Kind == "organisation" && !string.IsNullOrWhiteSpace(Input.OrganisationName) ? Input.OrganisationName.Trim() : Input.FullName?.Trim();
        var missing = DeskDocuments.Missing(_procedure!, Input.Papers);
        var reason = Input.RefusalReason?.Trim();
        _errors = [];
        if (string.IsNullOrEmpty(applicant))
        {
            _errors["applicant.fullName"] = "Hãy ghi họ tên người nộp (hoặc tên tổ chức): phiếu ghi hồ sơ của ai.";
        }

        if (Input.Action == "guide" && missing.Count == 0)
        {
            _errors["papers"] = "Không thiếu giấy tờ bắt buộc nào, nên không có gì để hướng dẫn bổ sung: hãy tiếp nhận hồ sơ.";
        }

        if (Input.Action == "refuse" && string.IsNullOrEmpty(reason))
        {
            _errors["refusalReason"] = "Hãy ghi lý do từ chối: lý do được in trên phiếu từ chối (mẫu 03).";
        }
        else if (Input.Action == "refuse" && reason!.Length > DeskDocuments.MaxReason)
        {
            _errors["refusalReason"] = $"Lý do từ chối dài {reason.Length} ký tự; tối đa {DeskDocuments.MaxReason}.";
        }

        if (_errors.Count > 0)
        {
            _error = "Chưa lập phiếu: hãy sửa các mục ghi bên dưới. Hồ sơ chưa được tiếp nhận.";
            HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var issued = Input.Action == "guide"
            ? await Forms.SupplementGuideAtDeskAsync(_unit!, _procedure!, applicant!, missing, _caller.UserName, _now, ct)
            : await Forms.RefusalAtDeskAsync(_unit!, _procedure!, applicant!, reason!, _caller.UserName, _now, ct);
        Navigation.NavigateTo($"/tiep-nhan?da-lap={issued.Id}");
    }

    private ApplicantInput Applicant() => new(
        Input!.Kind, Input.FullName?.Trim(), Input.IdentityNumber?.Trim(), Input.Phone?.Trim(), Input.Email?.Trim(), Input.Address?.Trim(), Input.OrganisationName?.Trim(), Input.TaxCode?.Trim());

    /// <summary>Puts each error beside its field; a paper's error (<c>papers[i].count</c>, by the position in what was sent) beside its checklist row.</summary>
    private void Show(IReadOnlyDictionary<string, string[]> errors, List<PaperChecklist.PaperLine> sent)
    {
        _errors = errors.ToDictionary(e => e.Key, e => string.Join(" ", e.Value));
        _paperErrors = [];
        for (var i = 0; i < sent.Count; i++)
        {
            var messages = errors.Where(e => e.Key.StartsWith($"papers[{i}].", StringComparison.Ordinal)).SelectMany(e => e.Value).ToList();
            if (messages.Count > 0)
            {
                _paperErrors[sent[i].Id!] = string.Join(" ", messages);
            }
        }

        _error = _errors.Count > 0 ? "Hồ sơ chưa được tiếp nhận: hãy sửa các mục ghi bên dưới." : null;
    }

    /// <summary>A returning applicant: the dossiers of the same identity number this officer may see.</summary>
    private async Task LoadEarlierAsync(CancellationToken ct)
    {
        var number = Input!.IdentityNumber?.Trim();
        if (number is { Length: 12 })
        {
            _earlier = await Db.Dossiers.AsNoTracking().VisibleTo(Db, _caller).Where(d => d.IdentityNumber == number)
                .OrderByDescending(d => d.ReceivedAt).Take(10).ToListAsync(ct);
        }
    }

    public sealed class ReceptionForm
    {
        public string? ProcedureCode { get; set; }

        public string? IdempotencyKey { get; set; }

        public string? Action { get; set; }

        public string Kind { get; set; } = "person";

        public string? FullName { get; set; }

        public string? IdentityNumber { get; set; }

        public string? Phone { get; set; }

        public string? Email { get; set; }

        public string? Address { get; set; }

        public string? OrganisationName { get; set; }

        public string? TaxCode { get; set; }

        public List<PaperChecklist.PaperLine> Papers { get; set; } = [];

        public string Channel { get; set; } = Channels.Desk;

        public string ResultDelivery { get; set; } = Channels.Desk;

        public string? Notes { get; set; }

        public string? RefusalReason { get; set; }
    }

    public sealed class HandoverForm
    {
        public string? Code { get; set; }
    }
}
