using Bpm.Server.Security;

namespace Bpm.Server.Features.Dossiers;

/// <summary>Dossiers (hồ sơ): reception, reads, and each step of their lifecycle (docs/dossiers.md).</summary>
public static class DossiersApi
{
    public static IEndpointRouteBuilder MapDossiersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/dossiers").WithTags("Hồ sơ thủ tục").RequireAuthorization(Policies.Authenticated);
        group.MapPost("/", ReceiveDossier.HandleAsync).RequireAuthorization(Policies.StartInstances).WithSummary("Tiếp nhận hồ sơ: cấp mã hồ sơ, bắt đầu quy trình");
        group.MapGet("/", ListDossiers.HandleAsync).WithSummary("Danh sách hồ sơ của đơn vị (lọc theo trạng thái, thủ tục, từ khóa)");
        group.MapGet("/{code}", GetDossier.HandleAsync).WithSummary("Hồ sơ: trạng thái, nơi đang giữ, sự kiện");
        var staff = group.MapGroup("/{code}").RequireAuthorization(Policies.Staff);
        staff.MapPost("/handover", DossierLifecycle.HandOverAsync).WithSummary("Chuyển hồ sơ đi xử lý");
        staff.MapPost("/supplement-request", DossierLifecycle.RequestSupplementAsync).WithSummary("Yêu cầu bổ sung, hoàn thiện hồ sơ");
        staff.MapPost("/supplement", DossierLifecycle.ReceiveSupplementAsync).WithSummary("Nhận hồ sơ bổ sung: tính lại thời hạn");
        staff.MapPost("/pause", DossierLifecycle.PauseAsync).WithSummary("Tạm dừng xử lý theo quy định (nêu căn cứ)");
        staff.MapPost("/resume", DossierLifecycle.ResumeAsync).WithSummary("Tiếp tục xử lý: lùi thời hạn theo thời gian tạm dừng");
        staff.MapPost("/refusal", DossierLifecycle.RefuseAsync).WithSummary("Từ chối giải quyết, nêu lý do");
        staff.MapPost("/withdrawal", DossierLifecycle.WithdrawAsync).WithSummary("Người nộp rút hồ sơ");
        staff.MapPost("/result", DossierLifecycle.RecordResultAsync).WithSummary("Ghi nhận đã có kết quả");
        staff.MapPost("/return", DossierLifecycle.ReturnAsync).WithSummary("Trả kết quả: đóng hồ sơ với đánh giá đúng hạn");
        return app;
    }
}
