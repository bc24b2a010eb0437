using Bpm.Dossiers.Catalog;
using Bpm.Dossiers.Dossiers;
using Bpm.Engine;
using Bpm.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Features.Definitions;

public static class ValidateDefinition
{
    /// <summary>The code of the warning that a process's <c>bpm:timeLimit</c> is not its procedure's legal limit in the catalogue.</summary>
    public const string CatalogTimeLimitCode = "catalog-time-limit";

    public sealed record Request(string? Xml);

    public sealed record Response(bool Valid, IReadOnlyList<DiagnosticResponse> Diagnostics);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> HandleAsync(Request request, ProcedureCatalog catalog, CancellationToken cancellationToken)
    {
        if (XmlInput.Check(request.Xml) is { } problem)
        {
            return problem;
        }

        var loaded = BpmnLoader.Load(request.Xml!);
        var diagnostics = DiagnosticResponse.From(loaded.Diagnostics);
        if (loaded.Definition?.Main is { ProcedureCode: { } code } process && await catalog.FindAsync(code, cancellationToken) is { } procedure
            && LegalTimeLimit.Mismatch(process, procedure) is { } mismatch)
        {
            // The engine knows no catalogue; this check is the server's, against the catalogue as it is today.
            diagnostics.Add(new DiagnosticResponse(CatalogTimeLimitCode, "warning", 0, process.Id, "process", mismatch,
                [code, process.TimeLimit?.ToString() ?? "", LegalTimeLimit.Words(procedure.TimeLimit!)]));
        }

        return TypedResults.Ok(new Response(loaded.IsValid, diagnostics));
    }
}
