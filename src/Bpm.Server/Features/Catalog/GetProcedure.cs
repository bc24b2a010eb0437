using Bpm.Dossiers.Catalog;
using Bpm.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Features.Catalog;

/// <summary>The whole procedure, in the catalogue file's own shape (workflows/catalog/README.md).</summary>
public static class GetProcedure
{
    public static async Task<Results<Ok<Procedure>, ProblemHttpResult>> HandleAsync(string code, ProcedureCatalog catalog, CancellationToken cancellationToken) =>
        await catalog.FindAsync(code, cancellationToken) is { } procedure
            ? TypedResults.Ok(procedure)
            : Problems.NotFound($"Không có thủ tục mã '{code}' trong danh mục.");
}
