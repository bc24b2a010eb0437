using System.Text.Json;
using Bpm.Dossiers.Dossiers;

namespace Bpm.Server.Features.Dossiers;

/// <summary>
/// Reads a reception body field by field, so that a value of the wrong type is reported under its
/// own name (<c>papers[1].count</c>) like any other bad input, not as an unreadable body.
/// </summary>
internal sealed class ReceptionJson
{
    private readonly Dictionary<string, string[]> _errors = [];

    public IReadOnlyDictionary<string, string[]> Errors => _errors;

    public ReceptionRequest Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            _errors[""] = ["Nội dung yêu cầu phải là một đối tượng JSON."];
            return new ReceptionRequest(null, null, null, null, null, null);
        }

        return new ReceptionRequest(
            Text(body, "procedureCode", "procedureCode"),
            Applicant(body),
            Papers(body),
            Text(body, "channel", "channel"),
            Text(body, "resultDelivery", "resultDelivery"),
            Text(body, "notes", "notes"),
            Text(body, "competentAgency", "competentAgency"));
    }

    private ApplicantInput? Applicant(JsonElement body)
    {
        if (!body.TryGetProperty("applicant", out var a) || a.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (a.ValueKind != JsonValueKind.Object)
        {
            _errors["applicant"] = ["applicant phải là một đối tượng."];
            return null;
        }

        return new ApplicantInput(
            Text(a, "kind", "applicant.kind"),
            Text(a, "fullName", "applicant.fullName"),
            Text(a, "identityNumber", "applicant.identityNumber"),
            Text(a, "phone", "applicant.phone"),
            Text(a, "email", "applicant.email"),
            Text(a, "address", "applicant.address"),
            Text(a, "organisationName", "applicant.organisationName"),
            Text(a, "taxCode", "applicant.taxCode"),
            NotifyBy(a));
    }

    /// <summary><c>applicant.notifyBy</c>: a list of channel names; absent or null when the applicant did not say.</summary>
    private List<string>? NotifyBy(JsonElement applicant) =>
        Strings(applicant, "notifyBy", "applicant.notifyBy",
            "applicant.notifyBy phải là một danh sách kênh, ví dụ [\"sms\", \"email\"] ([] để không nhận thông báo).",
            field => $"{field} phải là tên kênh (sms, zalo, email).")
        ?.Select(c => c.ToLowerInvariant()).ToList();

    /// <summary>A list of strings under <paramref name="name"/>, trimmed; null when absent; each item of another type named by its index.</summary>
    private List<string>? Strings(JsonElement parent, string name, string field, string notAList, Func<string, string> notAString)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            _errors[field] = [notAList];
            return null;
        }

        var list = new List<string>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var at = $"{field}[{i++}]";
            if (item.ValueKind == JsonValueKind.String)
            {
                list.Add(item.GetString()!.Trim());
            }
            else
            {
                _errors[at] = [notAString(at)];
            }
        }

        return list;
    }

    private List<PaperInput>? Papers(JsonElement body)
    {
        if (!body.TryGetProperty("papers", out var papers) || papers.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (papers.ValueKind != JsonValueKind.Array)
        {
            _errors["papers"] = ["papers phải là một danh sách [{ id, count, form }]."];
            return [];
        }

        var list = new List<PaperInput>();
        var i = 0;
        foreach (var paper in papers.EnumerateArray())
        {
            var at = $"papers[{i++}]";
            if (paper.ValueKind != JsonValueKind.Object)
            {
                _errors[at] = ["Mỗi giấy tờ là một đối tượng { id, count, form }."];
                continue;
            }

            int? count = null;
            if (paper.TryGetProperty("count", out var c) && c.ValueKind != JsonValueKind.Null)
            {
                if (c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n))
                {
                    count = n;
                }
                else
                {
                    _errors[at + ".count"] = ["count phải là một số nguyên."];
                    count = -1;
                }
            }

            list.Add(new PaperInput(Text(paper, "id", at + ".id"), count ?? 1, Text(paper, "form", at + ".form"), Scans(paper, at)));
        }

        return list;
    }

    /// <summary><c>papers[i].scans</c>: the file ids of scans uploaded at the desk before reception; absent for none.</summary>
    private List<string>? Scans(JsonElement paper, string at) =>
        Strings(paper, "scans", at + ".scans", $"{at}.scans phải là một danh sách mã tệp đã tải lên trước khi tiếp nhận.", field => $"{field} phải là mã tệp (một chuỗi ký tự).");

    private string? Text(JsonElement parent, string name, string field)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            _errors[field] = [$"{field} phải là một chuỗi ký tự."];
            return null;
        }

        return value.GetString()!.Trim();
    }
}
