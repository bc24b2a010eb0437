using Bpm.Documents.Signing;
using Bpm.Dossiers.Catalog;
using Bpm.Server.Features.Dossiers;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Features.Desk;

/// <summary>
/// The supplement guide (form 02) and the refusal (form 03) the desk gives instead of receiving.
/// No dossier exists, so the issued document (signed and kept by the document store) is the record
/// that it was given, and it is printed by its id: <c>GET /tiep-nhan/giay-to/{id}</c>, to the
/// reception staff of the unit that issued it.
/// </summary>
public static class DeskDocuments
{
    public const int MaxReason = 2000;

    public static IEndpointRouteBuilder MapDeskDocumentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/tiep-nhan/giay-to/{id:guid}", PrintAsync).RequireAuthorization(Policies.StartInstances).ExcludeFromDescription();
        return app;
    }

    /// <summary>The required papers of the procedure the checklist does not tick (shown-only papers are never handed in).</summary>
    public static IReadOnlyList<Paper> Missing(Procedure procedure, IEnumerable<PaperChecklist.PaperLine> lines) =>
        [.. procedure.Papers.Where(p => p.Required && !p.PresentOnly && !lines.Any(l => l.Id == p.Id && l.Received))];

    /// <summary>A document issued at the desk (no dossier code) by one of the caller's reception units, else null.</summary>
    public static async Task<IssuedDocument?> FindAsync(IIssuedDocumentStore store, Caller caller, Guid id, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { DossierCode: "" } document && document.FormNumber is "02" or "03"
            && caller.Memberships.Any(m => string.Equals(m.Role, "reception", StringComparison.OrdinalIgnoreCase) && m.UnitCode == document.UnitCode)
            ? document
            : null;

    public static string Title(IssuedDocument document) =>
        document.FormNumber == "02" ? "Phiếu hướng dẫn bổ sung, hoàn thiện hồ sơ (mẫu 02)" : "Phiếu từ chối tiếp nhận hồ sơ (mẫu 03)";

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PrintAsync(
        Guid id, HttpResponse response, IIssuedDocumentStore store, CallerAccessor callers, CancellationToken cancellationToken)
    {
        var document = await FindAsync(store, await callers.GetAsync(cancellationToken), id, cancellationToken);
        return document is null
            ? Problems.NotFound($"Không có phiếu {id} do bộ phận một cửa của bạn lập tại quầy.")
            : GetDossierForm.Printable(document, response);
    }
}
