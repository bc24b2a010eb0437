using Bpm.Persistence;
using Bpm.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Features.Definitions;

public static class GetVersion
{
    public static async Task<Results<Ok<VersionResponse>, ProblemHttpResult>> HandleAsync(
        string definitionId, int version, DefinitionStore store, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(definitionId, version, cancellationToken);
        return record is null
            ? Problems.NotFound(DefinitionsApi.NotFoundText(definitionId, version))
            : TypedResults.Ok(VersionResponse.From(record, withXml: true));
    }
}
