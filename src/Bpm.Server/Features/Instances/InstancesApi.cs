using Bpm.Server.Security;

namespace Bpm.Server.Features.Instances;

/// <summary>Process instances (one per dossier and procedure): start, read, cancel, journal, verify.</summary>
public static class InstancesApi
{
    public static IEndpointRouteBuilder MapInstancesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/instances").WithTags("Hồ sơ").RequireAuthorization(Policies.Authenticated);
        group.MapPost("/", StartInstance.HandleAsync).RequireAuthorization(Policies.StartInstances).WithSummary("Tiếp nhận hồ sơ: bắt đầu quy trình với mã hồ sơ và biến");
        group.MapGet("/{instanceId}", GetInstance.HandleAsync).WithSummary("Trạng thái hồ sơ, công việc đang mở, hẹn giờ");
        group.MapPost("/{instanceId}/cancel", CancelInstance.HandleAsync).RequireAuthorization(Policies.CancelInstances).WithSummary("Dừng xử lý hồ sơ");
        group.MapGet("/{instanceId}/journal", GetJournal.HandleAsync).WithSummary("Nhật ký xử lý (phân trang)");
        group.MapGet("/{instanceId}/verify", VerifyJournal.HandleAsync).WithSummary("Kiểm tra chuỗi băm của nhật ký");
        return app;
    }
}
