using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Features.Instances;

public static class VerifyJournal
{
    public sealed record Response(string InstanceId, bool Intact, long Rows, long? BrokenSeq, string? Problem);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> HandleAsync(
        string instanceId, BpmDbContext db, JournalVerifier verifier, CallerAccessor callers, CancellationToken cancellationToken)
    {
        var caller = await callers.GetAsync(cancellationToken);
        if (await InstanceAccess.FindVisibleAsync(db, caller, instanceId, cancellationToken) is null)
        {
            return Problems.NotFound(InstanceAccess.NotFound(instanceId));
        }

        // The verifier reads the rows and the state in one snapshot.
        var verdict = await verifier.VerifyAsync(instanceId, cancellationToken);
        return TypedResults.Ok(new Response(instanceId, verdict.Intact, verdict.Rows, verdict.BrokenSeq, verdict.Problem));
    }
}
