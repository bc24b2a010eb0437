using System.Text.Json;
using Bpm.Dossiers.Dossiers;
using Bpm.Server.Features.Dossiers;

namespace Bpm.Server.Features.DossierPage;

/// <summary>A dossier event as a line of the timeline, in Vietnamese: what happened and the details its payload records.</summary>
public static class DossierEventLabels
{
    public static string Of(string type) => type switch
    {
        DossierEventType.Received => "Tiếp nhận hồ sơ",
        DossierEventType.HandedOver => "Chuyển hồ sơ đi xử lý",
        DossierEventType.SupplementRequested => "Yêu cầu bổ sung, hoàn thiện hồ sơ",
        DossierEventType.SupplementReceived => "Nhận hồ sơ bổ sung",
        DossierEventType.Paused => "Tạm dừng xử lý",
        DossierEventType.Resumed => "Tiếp tục xử lý",
        DossierEventType.Refused => "Từ chối giải quyết",
        DossierEventType.Withdrawn => "Người nộp rút hồ sơ",
        DossierEventType.ResultReady => "Đã có kết quả",
        DossierEventType.Returned => "Trả kết quả",
        DossierEventType.Apologised => "Xin lỗi, hẹn lại ngày trả kết quả",
        DossierEventType.ResultPaperStored => "Lưu bản điện tử giấy tờ kết quả",
        DossierEventType.HandedOff => "Chuyển liên thông đến cơ quan khác",
        DossierEventType.HandoffAnswered => "Cơ quan liên thông trả lời",
        DossierEventType.HandoffWithdrawn => "Thu hồi yêu cầu liên thông",
        DossierEventType.HandoffUndelivered => "Hệ thống liên thông từ chối nhận hồ sơ",
        DossierEventType.TaskDelegated => "Giao việc cho đồng nghiệp cùng đơn vị",
        _ => type,
    };

    /// <summary>The reasons, papers or hand-over an event carries, as one line; null when it carries none worth reading.</summary>
    public static string? Details(DossierEventResponse e)
    {
        if (e.Payload is not { ValueKind: JsonValueKind.Object } payload)
        {
            return null;
        }

        var parts = new List<string>();
        if (Text(payload, "reason") is { } reason)
        {
            parts.Add($"Lý do: {reason}");
        }

        if (payload.TryGetProperty("reasons", out var reasons) && reasons.ValueKind == JsonValueKind.Array)
        {
            parts.Add("Lý do: " + string.Join("; ", reasons.EnumerateArray().Select(r => r.GetString())));
        }

        if (payload.TryGetProperty("papers", out var papers) && papers.ValueKind == JsonValueKind.Array)
        {
            parts.Add("Giấy tờ: " + string.Join(", ", papers.EnumerateArray().Select(p => Text(p, "id")
                + (PaperForms.Words(Text(p, "form")) is { } form ? $" ({form})" : "")
                + (Text(p, "reason") is { } why ? $" ({why})" : ""))));
        }

        if (payload.TryGetProperty("resultPapers", out var results) && results.ValueKind == JsonValueKind.Array)
        {
            parts.Add("Kết quả: " + string.Join(", ", results.EnumerateArray().Select(r => r.GetString())));
        }

        if (Text(payload, "to") is { } to)
        {
            parts.Add(Text(payload, "from") is { } from ? $"Từ {from} cho {to}" : $"Giao cho {to}");
        }

        if (Text(payload, "handover") is { } handover)
        {
            parts.Add(handover == Channels.Post ? "Trả qua bưu chính" : "Trả tại quầy");
        }

        if (Text(payload, "evaluation") is { } evaluation)
        {
            parts.Add("Đánh giá: " + Evaluation(evaluation));
        }

        return parts.Count == 0 ? null : string.Join(". ", parts) + ".";
    }

    /// <summary>Circular 01/2018/TT-VPCP art. 13: early, on time, late.</summary>
    public static string Evaluation(string? evaluation) => evaluation switch
    {
        "early" => "trước hạn",
        "on-time" => "đúng hạn",
        "late" => "quá hạn",
        null => "chưa đánh giá",
        _ => evaluation,
    };

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
