using Bpm.Dossiers.Catalog;
using Bpm.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Features.Catalog;

public static class ListProcedures
{
    public const int MaxQueryLength = 200;

    public sealed record LevelItem(AdministrativeLevel Level, string Agency, DateOnly? ValidFrom, DateOnly? ValidTo);

    public sealed record Item(string Code, string Name, string Sector, IReadOnlyList<LevelItem> Levels, TimeLimit? TimeLimit, OnlineLevel? OnlineLevel);

    public sealed record Response(IReadOnlyList<Item> Items, int Total);

    public static async Task<Results<Ok<Response>, ValidationProblem>> HandleAsync(
        ProcedureCatalog catalog, string? q, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (Paging.Check(page, pageSize) is { } invalid)
        {
            return invalid;
        }

        if (q?.Length > MaxQueryLength)
        {
            return Problems.Invalid("q", $"Từ khóa tìm kiếm tối đa {MaxQueryLength} ký tự.");
        }

        var (skip, take) = Paging.Window(page, pageSize);
        var found = await catalog.SearchAsync(q, skip, take, cancellationToken);
        return TypedResults.Ok(new Response([.. found.Items.Select(ToItem)], found.Total));
    }

    private static Item ToItem(ProcedureSummary p) =>
        new(p.Code, p.Name, p.Sector, [.. p.Levels.Select(l => new LevelItem(l.Level, l.Agency, l.ValidFrom, l.ValidTo))], p.TimeLimit, p.OnlineLevel);
}
