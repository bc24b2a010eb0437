using Bpm.Engine;
using Bpm.Organisation;
using Bpm.Persistence;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Instances;

/// <summary>
/// Which procedures a reception officer may start: those whose first step is a task of their
/// unit and role (<c>bpm:unit</c>, <c>bpm:role</c> on the task the start event leads to). That is
/// the unit that receives the procedure, and the same rule that lets the officer see the dossier
/// afterwards; a commune's desk cannot receive a province procedure, nor the other way round.
/// Admins start any procedure.
/// </summary>
internal static class Reception
{
    /// <summary>The published version a start would use, or null when there is none.</summary>
    public static Task<int?> PublishedVersionAsync(BpmDbContext db, string definitionId, int? version, CancellationToken cancellationToken) =>
        db.Definitions.AsNoTracking()
            .Where(d => d.DefinitionId == definitionId && d.Status == DefinitionStatus.Published && (version == null || d.Version == version))
            .OrderByDescending(d => d.Version)
            .Select(d => (int?)d.Version)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Null when <paramref name="caller"/> may start the process, else the 403 saying which units receive it.</summary>
    public static ProblemHttpResult? Refusal(ExecutableProcess process, string definitionId, Caller caller)
    {
        if (caller.IsInRole(BpmRoles.Admin))
        {
            return null;
        }

        var first = FirstTasks(process);
        if (first.Any(t => caller.CanWork(t.Unit, t.Role)))
        {
            return null;
        }

        var where = first.Where(t => t.Unit is not null).Select(t => t.Role is null ? t.Unit! : $"{t.Unit} ({t.Role})").Distinct().ToList();
        return Problems.Forbidden(where.Count == 0
            ? $"Quy trình '{definitionId}' không chỉ định đơn vị tiếp nhận (bpm:unit ở bước đầu tiên); chỉ quản trị viên bắt đầu được."
            : $"Đơn vị của bạn không tiếp nhận thủ tục '{definitionId}'; hồ sơ được tiếp nhận tại {string.Join(", ", where)}.");
    }

    /// <summary>The tasks a new instance opens first: where the start event leads, through gateways and events that do not wait.</summary>
    public static IReadOnlyList<FlowNode> FirstTasks(ExecutableProcess process)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<FlowNode>([process.Start]);
        var tasks = new List<FlowNode>();
        while (pending.TryDequeue(out var node))
        {
            if (!seen.Add(node.Id))
            {
                continue;
            }

            if (node.CreatesTask)
            {
                tasks.Add(node);
            }
            else if (node.Kind == ElementKind.SubProcess && node.Scope is { } scope)
            {
                pending.Enqueue(scope.Start);
            }
            else if (!node.IsWaitState)
            {
                foreach (var flow in node.Outgoing)
                {
                    pending.Enqueue(flow.Target);
                }
            }
        }

        return tasks;
    }
}
