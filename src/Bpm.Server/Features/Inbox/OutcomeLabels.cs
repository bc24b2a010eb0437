namespace Bpm.Server.Features.Inbox;

/// <summary>
/// The Vietnamese words for the outcomes the sample processes offer (<c>bpm:outcomes</c>); an
/// outcome a designer names otherwise is shown as written.
/// </summary>
public static class OutcomeLabels
{
    public static string Of(string outcome) => outcome switch
    {
        "approve" => "Đồng ý",
        "supplement" => "Yêu cầu bổ sung hồ sơ",
        "reject" => "Không đủ điều kiện, từ chối",
        "return" => "Trả lại bước trước",
        _ => outcome,
    };
}
