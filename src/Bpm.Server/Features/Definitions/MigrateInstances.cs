using Bpm.Engine;
using Bpm.Persistence;
using Bpm.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Definitions;

/// <summary>
/// Plans moving running instances from one version to another: every active element (token or
/// wait state) must map to an element of the target version, by equal id or through
/// <c>mapping</c>. The dry run reports what would move and what cannot. Executing the move needs
/// the persistence layer's journaled migration, which is not there yet: it answers 501.
/// </summary>
public static class MigrateInstances
{
    public sealed record Request(int? FromVersion, int? ToVersion, Dictionary<string, string>? Mapping, bool DryRun = true);

    public sealed record ElementMove(string From, string To);

    public sealed record Movable(string InstanceId, string? BusinessKey, IReadOnlyList<ElementMove> Elements);

    public sealed record Blocked(string InstanceId, string? BusinessKey, IReadOnlyList<string> Unmapped);

    public sealed record Response(string DefinitionId, int FromVersion, int ToVersion, bool DryRun, IReadOnlyList<Movable> Movable, IReadOnlyList<Blocked> Blocked);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> HandleAsync(
        string definitionId, Request request, DefinitionStore store, BpmDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.FromVersion is null)
        {
            errors["fromVersion"] = ["Hãy chỉ ra phiên bản hiện tại của các hồ sơ (fromVersion)."];
        }

        if (request.ToVersion is null)
        {
            errors["toVersion"] = ["Hãy chỉ ra phiên bản đích (toVersion)."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = "Yêu cầu không hợp lệ" });
        }

        var source = await store.GetAsync(definitionId, request.FromVersion!.Value, cancellationToken);
        var target = await store.GetAsync(definitionId, request.ToVersion!.Value, cancellationToken);
        if (source is null || target is null)
        {
            return Problems.NotFound(DefinitionsApi.NotFoundText(definitionId, source is null ? request.FromVersion : request.ToVersion));
        }

        if (target.Status != DefinitionStatus.Published)
        {
            return Problems.Conflict($"Chỉ chuyển được sang phiên bản đã ban hành; phiên bản {target.Version} đang ở trạng thái {VersionSummary.StatusName(target.Status)}.");
        }

        var targetProcess = BpmnLoader.Load(target.Xml).Definition!.Main;
        var mapping = request.Mapping ?? [];
        var rows = await db.Instances.AsNoTracking()
            .Where(i => i.DefinitionId == definitionId && i.DefinitionVersion == source.Version && i.Status == "running" && i.ProcessId == targetProcess.Id)
            .OrderBy(i => i.InstanceId)
            .ToListAsync(cancellationToken);
        var movable = new List<Movable>();
        var blocked = new List<Blocked>();
        foreach (var row in rows)
        {
            var state = StoreJson.State(row.State);
            var active = state.Tokens.Select(t => t.ElementId).Concat(state.Bookmarks.Select(b => b.ElementId)).Distinct().Order(StringComparer.Ordinal).ToList();
            var moves = active.Select(id => new ElementMove(id, mapping.GetValueOrDefault(id, id))).ToList();
            var unmapped = moves.Where(m => !targetProcess.NodesById.ContainsKey(m.To)).Select(m => m.From).ToList();
            if (unmapped.Count == 0)
            {
                movable.Add(new Movable(row.InstanceId, row.BusinessKey, moves));
            }
            else
            {
                blocked.Add(new Blocked(row.InstanceId, row.BusinessKey, unmapped));
            }
        }

        if (!request.DryRun)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status501NotImplemented,
                title: "Chưa hỗ trợ",
                detail: "Máy chủ mới lập được kế hoạch chuyển phiên bản (dryRun: true); việc chuyển thật cần chức năng di chuyển có ghi nhật ký của tầng lưu trữ, chưa có.",
                extensions: new Dictionary<string, object?> { ["movable"] = movable.Count, ["blocked"] = blocked.Count });
        }

        return TypedResults.Ok(new Response(definitionId, source.Version, target.Version, true, movable, blocked));
    }
}
