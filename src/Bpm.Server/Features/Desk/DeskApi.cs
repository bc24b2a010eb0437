using Bpm.Dossiers.Codes;
using Bpm.Dossiers.Dossiers;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Features.Desk;

/// <summary>
/// What the reception desk asks while the officer types (wwwroot/js/desk.js): the identity number
/// checked by the same <see cref="CitizenIdentityNumber"/> that reception applies, so the rule lives
/// in one place and the page still works, checked on submit, without script.
/// </summary>
public static class DeskApi
{
    public sealed record IdentityCheck(string? Error);

    public static IEndpointRouteBuilder MapDeskApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/tiep-nhan/so-dinh-danh", CheckIdentity).RequireAuthorization(Policies.StartInstances).ExcludeFromDescription();
        return app.MapPendingScansApi().MapDeskDocumentsApi();
    }

    private static Ok<IdentityCheck> CheckIdentity(string? so, TimeProvider time) =>
        TypedResults.Ok(new IdentityCheck(CitizenIdentityNumber.Check(so?.Trim(), DossierCode.ReceiptDateOf(time.GetUtcNow()))));
}
