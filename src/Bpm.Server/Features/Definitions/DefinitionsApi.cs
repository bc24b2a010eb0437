using System.Text.RegularExpressions;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Features.Definitions;

/// <summary>Versioned process definitions: list, read, draft, validate, publish, retract, revert, diff, migrate, what-if.</summary>
public static partial class DefinitionsApi
{
    public static IEndpointRouteBuilder MapDefinitionsApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/v1/definitions").WithTags("Quy trình").RequireAuthorization(Policies.Authenticated);
        read.MapGet("/", ListDefinitions.HandleAsync).WithSummary("Danh sách quy trình (tìm theo tên hoặc mã thủ tục, lọc trạng thái)");
        read.MapGet("/{definitionId}", GetDefinition.HandleAsync).WithSummary("Một quy trình và các phiên bản");
        read.MapGet("/{definitionId}/versions/{version:int}", GetVersion.HandleAsync).WithSummary("Một phiên bản, kèm BPMN XML");
        read.MapGet("/{definitionId}/diff", DiffVersions.HandleAsync).WithSummary("So sánh hai phiên bản theo phần tử");
        read.MapPost("/validate", ValidateDefinition.HandleAsync).WithSummary("Kiểm tra BPMN bằng bộ kiểm tra của engine");

        var write = app.MapGroup("/api/v1/definitions").WithTags("Quy trình").RequireAuthorization(Policies.Design);
        write.MapPut("/{definitionId}/draft", SaveDraft.HandleAsync).WithSummary("Tạo hoặc thay bản nháp");
        write.MapPost("/{definitionId}/versions/{version:int}/publish", PublishVersion.HandleAsync).WithSummary("Ban hành bản nháp");
        write.MapPost("/{definitionId}/versions/{version:int}/retract", RetractVersion.HandleAsync).WithSummary("Thu hồi một phiên bản đã ban hành");
        write.MapPost("/{definitionId}/versions/{version:int}/revert", RevertVersion.HandleAsync).WithSummary("Lấy lại một phiên bản cũ làm bản nháp mới");
        write.MapPost("/{definitionId}/whatif", SimulateWhatIf.HandleAsync).WithSummary("Mô phỏng bản mới bên cạnh phiên bản đang ban hành (hồ sơ các tháng qua, cán bộ các đơn vị)");
        write.MapPost("/{definitionId}/migrations", MigrateInstances.HandleAsync).WithSummary("Chuyển hồ sơ đang xử lý sang phiên bản khác (chạy thử hoặc thực hiện)");
        return app;
    }

    /// <summary>Definition ids appear in URLs and file names: letters, digits, '.', '_' and '-'.</summary>
    internal static ValidationProblem? CheckId(string definitionId) =>
        IdPattern().IsMatch(definitionId)
            ? null
            : Problems.Invalid("definitionId", "Mã quy trình chỉ gồm chữ cái không dấu, chữ số, '.', '_' và '-', tối đa 100 ký tự.");

    internal static string NotFoundText(string definitionId, int? version = null) =>
        version is null ? $"Không có quy trình '{definitionId}'." : $"Quy trình '{definitionId}' không có phiên bản {version}.";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex IdPattern();
}
