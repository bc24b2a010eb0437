using Bpm.Persistence;
using Bpm.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Definitions;

public static class GetDefinition
{
    public sealed record Response(string DefinitionId, string? Name, string? ProcedureCode, IReadOnlyList<VersionSummary> Versions);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> HandleAsync(string definitionId, BpmDbContext db, CancellationToken cancellationToken)
    {
        var versions = await db.Definitions.AsNoTracking()
            .Where(d => d.DefinitionId == definitionId)
            .OrderBy(d => d.Version)
            .ToListAsync(cancellationToken);
        if (versions.Count == 0)
        {
            return Problems.NotFound(DefinitionsApi.NotFoundText(definitionId));
        }

        var latest = versions[^1];
        var meta = BpmnDocument.Describe(latest.ContentHash, latest.Xml);
        return TypedResults.Ok(new Response(definitionId, meta.Name, meta.ProcedureCode, versions.Select(VersionSummary.From).ToList()));
    }
}
