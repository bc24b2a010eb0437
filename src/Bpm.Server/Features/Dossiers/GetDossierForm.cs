using Bpm.Documents.Signing;
using Bpm.Persistence;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Dossiers;

/// <summary>
/// <c>GET /api/v1/dossiers/{code}/forms/{01…05}</c>: the form as printable HTML, exactly the bytes
/// that were signed. The issued document's id and SHA-256 are in headers, so that the paper can be
/// checked with <c>POST /api/v1/documents/verify</c> and its <c>documentId</c>.
/// </summary>
public static class GetDossierForm
{
    public const string DocumentIdHeader = "X-Bpm-Document-Id";

    public const string Sha256Header = "X-Bpm-Document-Sha256";

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> HandleAsync(
        string code, string form, HttpResponse response, BpmDbContext db, DossierForms forms, CallerAccessor callers, CancellationToken cancellationToken)
    {
        if (!DossierForms.DossierFormNumbers.Contains(form))
        {
            return Problems.NotFound($"Không có mẫu '{form}' cho một hồ sơ; các mẫu là {string.Join(", ", DossierForms.DossierFormNumbers)} (mẫu 06, sổ theo dõi hồ sơ, ở /api/v1/units/{{unit}}/forms/06).");
        }

        var caller = await callers.GetAsync(cancellationToken);
        var dossier = await db.Dossiers.AsNoTracking().VisibleTo(db, caller).FirstOrDefaultAsync(d => d.Code == code, cancellationToken);
        if (dossier is null)
        {
            return Problems.NotFound(DossierAccess.NotFound(code));
        }

        var issue = await forms.GetAsync(dossier, form, cancellationToken);
        return issue.Document is { } document ? Printable(document, response) : Problems.Conflict(issue.NotYet!);
    }

    /// <summary>The issued bytes, never re-rendered, with what identifies them; not cached, since form 05 changes as the dossier moves.</summary>
    public static FileContentHttpResult Printable(IssuedDocument document, HttpResponse response)
    {
        response.Headers[DocumentIdHeader] = document.Id.ToString();
        response.Headers[Sha256Header] = document.Sha256;
        response.Headers.CacheControl = "no-store";
        return TypedResults.File(document.Content, document.MediaType);
    }
}
