namespace Bpm.Server.Features.Catalog;

/// <summary>The procedure catalogue, public: anyone may look up what a procedure needs before coming to the desk.</summary>
public static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/procedures").WithTags("Thủ tục hành chính").AllowAnonymous();
        group.MapGet("/", ListProcedures.HandleAsync).WithSummary("Danh mục thủ tục hành chính (tìm theo tên hoặc mã, có dấu hoặc không dấu)");
        group.MapGet("/{code}", GetProcedure.HandleAsync).WithSummary("Một thủ tục: cơ quan, thời hạn, phí, thành phần hồ sơ, căn cứ pháp lý");
        return app;
    }
}
