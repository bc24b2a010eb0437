using Bpm.Persistence;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Features.Definitions;

/// <summary>
/// Moves running instances from one version to another: every active element must map to an
/// element of the target version, by equal id or through <c>mapping</c>. The dry run (the
/// default) reports what would move and what cannot; the move journals each instance it moves and
/// leaves the others untouched. The move itself is the engine's <c>MigrateInstance</c> command,
/// journaled as <c>instance-migrated</c>; moving to the same version is refused with a 400 naming
/// <c>toVersion</c>.
/// </summary>
public static class MigrateInstances
{
    public sealed record Request(int? FromVersion, int? ToVersion, Dictionary<string, string>? Mapping, bool DryRun = true);

    public sealed record Movable(string InstanceId, string? BusinessKey, IReadOnlyDictionary<string, string> Mapping);

    public sealed record Stuck(string InstanceId, string? BusinessKey, string Reason);

    public sealed record Response(string DefinitionId, int FromVersion, int ToVersion, bool DryRun, IReadOnlyList<Movable> Movable, IReadOnlyList<Stuck> Stuck);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> HandleAsync(
        string definitionId, Request request, DefinitionStore store, InstanceMigrator migrator, CallerAccessor callers, CancellationToken cancellationToken)
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

        if (request.FromVersion is { } from && from == request.ToVersion)
        {
            // Moving onto the version an instance already runs would change nothing but the journal (issue 10, finding 11).
            errors["toVersion"] = [$"Phiên bản đích phải khác phiên bản hiện tại của hồ sơ; cả hai đang là {from}."];
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

        var caller = await callers.GetAsync(cancellationToken);
        try
        {
            var plan = request.DryRun
                ? await migrator.PlanAsync(definitionId, source.Version, target.Version, request.Mapping, cancellationToken)
                : await migrator.MigrateAsync(definitionId, source.Version, target.Version, request.Mapping, caller.UserName, cancellationToken);
            return TypedResults.Ok(new Response(
                definitionId, plan.From, plan.To, request.DryRun,
                plan.Movable.Select(m => new Movable(m.InstanceId, m.BusinessKey, m.Mapping)).ToList(),
                plan.Stuck.Select(s => new Stuck(s.InstanceId, s.BusinessKey, s.Reason)).ToList()));
        }
        catch (DefinitionException e)
        {
            return Problems.Conflict($"Không lập được kế hoạch chuyển phiên bản: {e.Message}.", new Dictionary<string, object?> { ["code"] = e.Code });
        }
    }
}
