using System.Text.Json;
using Bpm.Persistence;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Instances;

public static class GetJournal
{
    public sealed record Entry(long Seq, string Type, DateTimeOffset At, string? Actor, JsonElement Payload, string PreviousHash, string Hash);

    public sealed record Response(IReadOnlyList<Entry> Items, int Total);

    /// <summary>A stored payload is read as deep as a response may be written: the audit trail of a dossier stays readable whatever it holds.</summary>
    private static readonly JsonDocumentOptions PayloadOptions = new() { MaxDepth = RequestLimits.JsonDepth };

    public static async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string instanceId, int? page, int? pageSize, BpmDbContext db, CallerAccessor callers, CancellationToken cancellationToken)
    {
        if (Paging.Check(page, pageSize) is { } invalid)
        {
            return invalid;
        }

        var caller = await callers.GetAsync(cancellationToken);
        if (await InstanceAccess.FindVisibleAsync(db, caller, instanceId, cancellationToken) is null)
        {
            return Problems.NotFound(InstanceAccess.NotFound(instanceId));
        }

        var rows = db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId);
        var total = await rows.CountAsync(cancellationToken);
        var (skip, take) = Paging.Window(page, pageSize);
        var items = await rows.OrderBy(j => j.Seq).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Response(
            items.Select(j => new Entry(j.Seq, j.Type, j.At, j.Actor, JsonDocument.Parse(j.Payload, PayloadOptions).RootElement.Clone(), j.PreviousHash, j.Hash)).ToList(),
            total));
    }
}
