using Bpm.Papers;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Mvc;

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
        group.MapGet("/{code}/forms/{form}", GetDossierForm.HandleAsync).WithSummary("Mẫu 01–05 của hồ sơ (HTML in được, đã ký số)");
        group.MapGet("/{code}/files/{fileId}", DossierPapers.DownloadAsync).WithSummary("Tải một tệp của hồ sơ (bản chụp giấy tờ, bản điện tử kết quả)");
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
        // Uploads have their own body limit above the server's default, a little over the largest file the store takes.
        var upload = new RequestSizeLimitAttribute(app.ServiceProvider.GetRequiredService<PaperOptions>().MaxFileBytes + DossierPapers.FramingBytes);
        staff.MapPost("/papers/{paperId}", DossierPapers.UploadAsync).WithMetadata(upload).WithSummary("Tải lên bản chụp một giấy tờ của hồ sơ (tệp hoặc multipart/form-data)");
        staff.MapPost("/result-papers", DossierPapers.UploadResultAsync).WithMetadata(upload).WithSummary("Tải lên bản điện tử của giấy tờ kết quả");
        staff.MapPost("/apology", DossierLifecycle.ApologiseAsync).WithSummary("Xin lỗi và hẹn lại ngày trả kết quả (mẫu 04)");
        app.MapGet("/api/v1/units/{unit}/forms/06", GetTrackingBook.HandleAsync).WithTags("Hồ sơ thủ tục").RequireAuthorization(Policies.Staff)
            .WithSummary("Sổ theo dõi hồ sơ của một đơn vị trong một kỳ (mẫu 06; from, to: dd/MM/yyyy hoặc yyyy-MM-dd)");
        return app;
    }
}
