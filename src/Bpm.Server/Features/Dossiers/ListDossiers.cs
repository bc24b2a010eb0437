using Bpm.Dossiers.Dossiers;
using Bpm.Persistence;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Dossiers;

/// <summary>The caller's dossiers, newest first, filtered by status, procedure and a search text (code, applicant, identity number).</summary>
public static class ListDossiers
{
    public const int MaxPageSize = 100;

    public const int DefaultPageSize = 20;

    public sealed record Page(IReadOnlyList<DossierResponse> Items, int Total);

    public static async Task<Results<Ok<Page>, ValidationProblem>> HandleAsync(
        string? status, string? procedure, string? q, int? page, int? pageSize, BpmDbContext db, CallerAccessor callers, CancellationToken cancellationToken)
    {
        if (status is not null && !DossierStatus.All.Contains(status))
        {
            return Problems.Invalid("status", $"Trạng thái phải là một trong: {string.Join(", ", DossierStatus.All)}.");
        }

        if (Paging.Check(page, pageSize, MaxPageSize) is { } invalid)
        {
            return invalid;
        }

        var caller = await callers.GetAsync(cancellationToken);
        var query = db.Dossiers.AsNoTracking().VisibleTo(db, caller);
        if (status is not null)
        {
            query = query.Where(d => d.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(procedure))
        {
            query = query.Where(d => d.ProcedureCode == procedure);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(d => d.Code.Contains(text) || d.IdentityNumber == text || d.ApplicantName.Contains(text));
        }

        var total = await query.CountAsync(cancellationToken);
        var (skip, take) = Paging.Window(page, pageSize, DefaultPageSize);
        var rows = await query.OrderByDescending(d => d.ReceivedAt).ThenByDescending(d => d.Code)
            .Skip(skip).Take(take).ToListAsync(cancellationToken);
        // One query each for the page's instances, open tasks and last events, not three per row.
        var instanceIds = rows.Select(r => r.InstanceId).ToList();
        var codes = rows.Select(r => r.Code).ToList();
        var instances = await db.Instances.AsNoTracking().Where(i => instanceIds.Contains(i.InstanceId)).ToDictionaryAsync(i => i.InstanceId, cancellationToken);
        var open = (await db.Tasks.AsNoTracking().Where(t => instanceIds.Contains(t.InstanceId) && t.Status == TaskRecord.Open).ToListAsync(cancellationToken))
            .GroupBy(t => t.InstanceId).ToDictionary(g => g.Key, g => g.MinBy(t => t.CreatedAt)!);
        var lastEvents = (await db.DossierEvents.AsNoTracking().Where(e => codes.Contains(e.DossierCode)).Select(e => new { e.DossierCode, e.At }).ToListAsync(cancellationToken))
            .GroupBy(e => e.DossierCode).ToDictionary(g => g.Key, g => g.Max(e => e.At));
        var items = rows.Select(r => DossierResponse.From(
            r, instances.GetValueOrDefault(r.InstanceId)?.DueAt, HolderResponse.Of(open.GetValueOrDefault(r.InstanceId)), lastEvents.TryGetValue(r.Code, out var at) ? at : r.ReceivedAt)).ToList();
        return TypedResults.Ok(new Page(items, total));
    }
}
