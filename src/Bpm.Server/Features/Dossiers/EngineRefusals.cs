using Bpm.Engine;
using Bpm.Persistence;
using Bpm.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Features.Dossiers;

/// <summary>What a dossier step answers when the engine refused its command (docs/dossiers.md).</summary>
internal static class EngineRefusals
{
    /// <summary>The command was refused because the process had already completed by its model's own path, not cancelled or failed.</summary>
    public static bool EndedOnItsOwn(ExecutionResult result) =>
        result.Status == ExecutionStatus.Rejected && result.State is { Status: InstanceStatus.Completed };

    /// <summary>The engine's refusal, said for the officer where its code has a plain meaning; the engine's own words stay in <c>engineMessage</c>.</summary>
    public static ProblemHttpResult Problem(ExecutionResult result)
    {
        var rejection = result.Rejection!;
        var said = rejection.Code switch
        {
            "not-running" => "quy trình của hồ sơ đã kết thúc, không còn bước nào để làm",
            "clock-paused" => "thời hạn của hồ sơ đang tạm dừng",
            "clock-running" => "thời hạn của hồ sơ không tạm dừng",
            "supplement-not-allowed" => "không còn được yêu cầu bổ sung (Nghị định 61/2018/NĐ-CP, Điều 19 khoản 4)",
            _ => rejection.Message,
        };
        return Problems.Conflict($"Quy trình không thực hiện được: {said}.", new Dictionary<string, object?> { ["code"] = rejection.Code, ["engineMessage"] = rejection.Message });
    }
}
