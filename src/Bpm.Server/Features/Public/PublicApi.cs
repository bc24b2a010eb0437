namespace Bpm.Server.Features.Public;

/// <summary>
/// What citizens and a portal read without signing in (docs/public-lookup.md). Every path here is
/// counted by the public look-up's own rate limit (Bpm:RateLimits:PublicLookupPermitLimit).
/// </summary>
public static class PublicApi
{
    public const string Prefix = "/api/v1/public";

    public static IEndpointRouteBuilder MapPublicApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).WithTags("Tra cứu công khai").AllowAnonymous();
        group.MapGet("/dossiers/{code}", LookUpDossier.HandleAsync)
            .WithSummary("Tra cứu hồ sơ theo mã và 4 số cuối số định danh cá nhân của người nộp (identityLast4): trạng thái, ngày hẹn trả, bước đang xử lý");
        return app;
    }
}
