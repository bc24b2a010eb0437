using Bpm.Persistence;
using Bpm.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Features.Definitions;

public static class RetractVersion
{
    public static async Task<Results<Ok<VersionResponse>, ProblemHttpResult>> HandleAsync(
        string definitionId, int version, DefinitionStore store, CancellationToken cancellationToken)
    {
        try
        {
            var record = await store.RetractAsync(definitionId, version, cancellationToken);
            return TypedResults.Ok(VersionResponse.From(record, withXml: false));
        }
        catch (DefinitionException e) when (e.Code == "not-found")
        {
            return Problems.NotFound(DefinitionsApi.NotFoundText(definitionId, version));
        }
        catch (DefinitionException e) when (e.Code == "not-published")
        {
            return Problems.Conflict($"Chỉ thu hồi được phiên bản đã ban hành: {e.Message}.");
        }
    }
}
