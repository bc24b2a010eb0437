using Bpm.Dossiers.Catalog;

namespace Bpm.Dossiers.Dossiers;

/// <summary>
/// What Decree 61/2018/NĐ-CP art. 17 asks the desk to check before a dossier is received: the
/// procedure, that it is received at the receiving unit (for its agency, or routed to the competent
/// one, <see cref="ReceptionRouting"/>), the applicant and the papers against the
/// catalogue. Each problem is named by its field, as the API's ProblemDetails reports it.
/// </summary>
public static class ReceptionRules
{
    public const int MaxPaperCount = 100;

    /// <param name="procedure">The catalogued procedure of <see cref="ReceptionRequest.ProcedureCode"/>, null when there is none.</param>
    /// <param name="receivingUnit">The caller's unit.</param>
    /// <param name="today">The receipt day in UTC+7.</param>
    public static Dictionary<string, string[]> Check(ReceptionRequest request, Procedure? procedure, string receivingUnit, DateOnly today)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);

        if (string.IsNullOrWhiteSpace(request.ProcedureCode))
        {
            Add("procedureCode", "Hãy chọn thủ tục (procedureCode).");
        }
        else if (procedure is null)
        {
            Add("procedureCode", $"Không có thủ tục mã '{request.ProcedureCode}' trong danh mục.");
        }
        else if (ReceptionRouting.Decide(procedure, receivingUnit, request.CompetentAgency, today, out var refused) is null)
        {
            Add(refused!.Value.Field, refused.Value.Message);
        }

        CheckApplicant(request.Applicant, today, Add);
        CheckPapers(request.Papers, procedure, Add);

        if (request.Channel is null || !Channels.Reception.Contains(request.Channel))
        {
            Add("channel", $"Kênh tiếp nhận phải là một trong: {string.Join(", ", Channels.Reception)}.");
        }

        if (request.ResultDelivery is not null && !Channels.ResultDelivery.Contains(request.ResultDelivery))
        {
            Add("resultDelivery", $"Hình thức trả kết quả phải là một trong: {string.Join(", ", Channels.ResultDelivery)}.");
        }

        if (request.Notes is { Length: > 2000 })
        {
            Add("notes", "Ghi chú tối đa 2000 ký tự.");
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    private static void CheckApplicant(ApplicantInput? applicant, DateOnly today, Action<string, string> add)
    {
        if (applicant is null)
        {
            add("applicant", "Hãy nhập thông tin người nộp hồ sơ (applicant).");
            return;
        }

        if (applicant.Kind is not ("person" or "organisation"))
        {
            add("applicant.kind", "Loại người nộp phải là person (cá nhân) hoặc organisation (tổ chức).");
        }

        if (string.IsNullOrWhiteSpace(applicant.FullName))
        {
            add("applicant.fullName", "Hãy nhập họ và tên người nộp hồ sơ.");
        }
        else if (applicant.FullName.Length > 200)
        {
            add("applicant.fullName", "Họ và tên tối đa 200 ký tự.");
        }

        if (CitizenIdentityNumber.Check(applicant.IdentityNumber, today) is { } identity)
        {
            add("applicant.identityNumber", identity);
        }

        if (!string.IsNullOrWhiteSpace(applicant.Phone) && ContactChecks.CheckPhone(applicant.Phone) is { } phone)
        {
            add("applicant.phone", phone);
        }

        if (!string.IsNullOrWhiteSpace(applicant.Email) && ContactChecks.CheckEmail(applicant.Email) is { } email)
        {
            add("applicant.email", email);
        }

        CheckNotifyBy(applicant, add);

        if (applicant.Address is { Length: > 500 })
        {
            add("applicant.address", "Địa chỉ tối đa 500 ký tự.");
        }

        if (applicant.Kind == "organisation")
        {
            if (string.IsNullOrWhiteSpace(applicant.OrganisationName))
            {
                add("applicant.organisationName", "Hãy nhập tên tổ chức.");
            }

            if (string.IsNullOrWhiteSpace(applicant.TaxCode))
            {
                add("applicant.taxCode", "Hãy nhập mã số thuế của tổ chức.");
            }
            else if (ContactChecks.CheckTaxCode(applicant.TaxCode) is { } tax)
            {
                add("applicant.taxCode", tax);
            }
        }
    }

    /// <summary>Each chosen channel is known and has its address: a mobile number for SMS and Zalo, an e-mail address for e-mail.</summary>
    private static void CheckNotifyBy(ApplicantInput applicant, Action<string, string> add)
    {
        for (var i = 0; i < (applicant.NotifyBy?.Count ?? 0); i++)
        {
            var channel = applicant.NotifyBy![i];
            var field = $"applicant.notifyBy[{i}]";
            if (!NoticeChannels.All.Contains(channel))
            {
                add(field, $"Kênh nhận thông báo '{channel}' không có; hãy chọn trong: {string.Join(", ", NoticeChannels.All)} (hoặc danh sách rỗng để không nhận).");
            }
            else if (channel == NoticeChannels.Email && string.IsNullOrWhiteSpace(applicant.Email))
            {
                add(field, "Nhận thông báo qua email cần địa chỉ thư điện tử (applicant.email).");
            }
            else if (channel != NoticeChannels.Email && (string.IsNullOrWhiteSpace(applicant.Phone) || !ContactChecks.IsMobile(applicant.Phone)))
            {
                add(field, $"Nhận thông báo qua {channel} cần số điện thoại di động (applicant.phone); '{applicant.Phone}' không phải số di động.");
            }
        }
    }

    /// <summary>The form handed in is one the API knows and one that serves for what the catalogue asks (<see cref="PaperForms"/>).</summary>
    private static void CheckForm(string form, Paper? asked, string field, Action<string, string> add)
    {
        var names = string.Join(", ", PaperForms.HandedIn.Select(f => $"{CatalogNames.Name(f)} ({PaperForms.Words(f)})"));
        if (!CatalogNames.TryParse<PaperForm>(form, out var given) || !PaperForms.HandedIn.Contains(given))
        {
            add(field, $"{field} là '{form}'; hãy ghi một trong: {names}, hoặc bỏ trống để theo danh mục.");
        }
        else if (asked is not null && !PaperForms.Accepted(asked.Form).Contains(given))
        {
            add(field, $"Giấy tờ '{asked.Id}' phải nộp {PaperForms.Words(asked.Form)}; {PaperForms.Words(given)} không thay được.");
        }
    }

    private static void CheckPapers(IReadOnlyList<PaperInput>? papers, Procedure? procedure, Action<string, string> add)
    {
        if (papers is null)
        {
            add("papers", "Hãy liệt kê giấy tờ đã nhận (papers).");
            return;
        }

        for (var i = 0; i < papers.Count; i++)
        {
            var paper = papers[i];
            if (string.IsNullOrWhiteSpace(paper.Id))
            {
                add($"papers[{i}].id", "Hãy chọn giấy tờ theo mã trong danh mục.");
            }
            else if (procedure is not null && procedure.Papers.All(p => p.Id != paper.Id))
            {
                add($"papers[{i}].id", $"Thủ tục {procedure.Code} không có giấy tờ mã '{paper.Id}'.");
            }
            else if (papers.Take(i).Any(p => p.Id == paper.Id))
            {
                add($"papers[{i}].id", $"Giấy tờ '{paper.Id}' đã có ở trên.");
            }

            if (paper.Count is not { } count || count < 1 || count > MaxPaperCount)
            {
                add($"papers[{i}].count", $"Số lượng phải từ 1 đến {MaxPaperCount}.");
            }

            if (paper.Form is not null)
            {
                CheckForm(paper.Form, procedure?.Papers.FirstOrDefault(p => p.Id == paper.Id), $"papers[{i}].form", add);
            }
        }

        // A paper shown at the desk, or one a digitised earlier result replaces, is not handed in (catalogue flags).
        foreach (var required in procedure?.Papers.Where(p => p.Required && !p.PresentOnly && !p.DigitisedResultReplaces) ?? [])
        {
            if (papers.All(p => p.Id != required.Id))
            {
                add("papers", $"Thiếu giấy tờ bắt buộc '{required.Id}': {required.Name}.");
            }
        }
    }
}
