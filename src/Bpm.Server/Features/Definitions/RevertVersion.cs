using Bpm.Persistence;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Features.Definitions;

public static class RevertVersion
{
    public static async Task<Results<Ok<VersionResponse>, ProblemHttpResult>> HandleAsync(
        string definitionId, int version, DefinitionStore store, CallerAccessor callers, CancellationToken cancellationToken)
    {
        var caller = await callers.GetAsync(cancellationToken);
        try
        {
            var draft = await store.RevertAsync(definitionId, version, caller.UserName, cancellationToken);
            return TypedResults.Ok(VersionResponse.From(draft, withXml: false));
        }
        catch (DefinitionException e) when (e.Code == "not-found")
        {
            return Problems.NotFound(DefinitionsApi.NotFoundText(definitionId, version));
        }
        catch (DefinitionException e) when (e.Code == "draft-exists")
        {
            return Problems.Conflict($"Quy trình '{definitionId}' đang có bản nháp; hãy ban hành hoặc sửa bản nháp đó thay vì tạo bản nháp mới ({e.Message}).");
        }
    }
}
