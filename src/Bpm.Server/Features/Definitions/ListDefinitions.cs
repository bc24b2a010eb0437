using Bpm.Persistence;
using Bpm.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Definitions;

public static class ListDefinitions
{
    public sealed record Item(
        string DefinitionId,
        string? Name,
        string? ProcedureCode,
        string? Level,
        int LatestVersion,
        string LatestStatus,
        int? PublishedVersion,
        string UpdatedBy,
        DateTimeOffset UpdatedAt);

    public sealed record Response(IReadOnlyList<Item> Items, int Total);

    private static readonly string[] Statuses = ["draft", "published", "retracted"];

    public static async Task<Results<Ok<Response>, ValidationProblem>> HandleAsync(
        BpmDbContext db, string? search, string? status, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (Paging.Check(page, pageSize) is { } invalid)
        {
            return invalid;
        }

        if (status is not null && !Statuses.Contains(status))
        {
            return Problems.Invalid("status", "Trạng thái phải là draft, published hoặc retracted.");
        }

        var rows = await db.Definitions.AsNoTracking()
            .Select(d => new { d.DefinitionId, d.Version, d.Status, d.ContentHash, d.CreatedBy, d.CreatedAt, d.PublishedBy, d.PublishedAt })
            .ToListAsync(cancellationToken);
        var latest = rows.GroupBy(r => r.DefinitionId).Select(g => (Latest: g.MaxBy(r => r.Version)!, Published: g.Where(r => r.Status == DefinitionStatus.Published).MaxBy(r => r.Version))).ToList();

        // Names and procedure codes live in the XML; read only the documents not described yet (cached by content hash), so a
        // list of a province's 2,257 procedures reads no XML once it has been opened.
        var unknown = latest.Select(l => l.Latest.ContentHash).Where(h => !BpmnDocument.IsDescribed(h)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            var documents = await db.Definitions.AsNoTracking()
                .Where(d => unknown.Contains(d.ContentHash))
                .Select(d => new { d.ContentHash, d.Xml })
                .ToListAsync(cancellationToken);
            foreach (var document in documents)
            {
                BpmnDocument.Describe(document.ContentHash, document.Xml);
            }
        }

        var items = latest.Select(l =>
        {
            var meta = BpmnDocument.Described(l.Latest.ContentHash);
            var updated = l.Latest.PublishedAt is not null;
            return new Item(
                l.Latest.DefinitionId, meta.Name, meta.ProcedureCode, meta.Level, l.Latest.Version, VersionSummary.StatusName(l.Latest.Status), l.Published?.Version,
                updated ? l.Latest.PublishedBy! : l.Latest.CreatedBy, updated ? l.Latest.PublishedAt!.Value : l.Latest.CreatedAt);
        });

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            items = items.Where(i =>
                i.DefinitionId.Contains(term, StringComparison.OrdinalIgnoreCase)
                || (i.Name?.Contains(term, StringComparison.CurrentCultureIgnoreCase) ?? false)
                || (i.ProcedureCode?.Contains(term, StringComparison.OrdinalIgnoreCase) ?? false));
        }

        items = status switch
        {
            "published" => items.Where(i => i.PublishedVersion is not null),
            null => items,
            _ => items.Where(i => i.LatestStatus == status),
        };

        var all = items.OrderBy(i => i.DefinitionId, StringComparer.Ordinal).ToList();
        var (skip, take) = Paging.Window(page, pageSize);
        return TypedResults.Ok(new Response(all.Skip(skip).Take(take).ToList(), all.Count));
    }
}
