using System.ComponentModel.DataAnnotations;
using Bpm.Dossiers.Dossiers;
using Bpm.Organisation;
using Bpm.Persistence;
using Bpm.Server.Features.Dossiers;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Tasks;

/// <summary>
/// Hands a task to a colleague who may work it (a member of its unit in its role): the holder
/// passes it on, or a leader moves it; an unclaimed task is given directly. The change of hands is
/// a dossier event (<see cref="DossierEventType.TaskDelegated"/>) in the same transaction, so the
/// dossier's timeline says who gave which step to whom, and why.
/// </summary>
public static class DelegateTask
{
    public const int MaxReason = 2000;

    public sealed record Request([property: MaxLength(256)] string? UserName, [property: MaxLength(MaxReason)] string? Reason = null);

    /// <summary>A person the task can be handed to, as the page lists them.</summary>
    public sealed record Colleague(string UserName, string DisplayName);

    public static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> HandleAsync(
        string id, Request request, BpmDbContext db, OrganisationDbContext organisation, CallerAccessor callers, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            return Problems.BadRequest("userName", "Hãy chọn người nhận công việc.");
        }

        var (caller, task, problem) = await ClaimTask.OpenTaskAsync(id, db, callers, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var userName = request.UserName.Trim();
        if (await NotAColleagueAsync(organisation, task, userName, cancellationToken) is { } why)
        {
            return Problems.BadRequest("userName", why);
        }

        var expected = task.Assignee;
        if (expected == userName)
        {
            return Problems.BadRequest("userName", $"Công việc đang do {userName} xử lý; hãy chọn một đồng nghiệp khác.");
        }

        if (expected is not null && expected != caller.UserName && !caller.IsInRole(BpmRoles.Leader))
        {
            return ClaimTask.HeldByOther(task, "chỉ người nhận hoặc lãnh đạo đơn vị mới chuyển được.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var dossier = task.BusinessKey is { } code ? await db.Dossiers.FirstOrDefaultAsync(d => d.Code == code, cancellationToken) : null;
        if (dossier is not null)
        {
            // Queues behind a lifecycle step on the same dossier, which numbers its event the same way.
            await DossierRowLock.HoldAsync(db, dossier.Code, cancellationToken);
        }

        var changed = await db.Tasks
            .Where(t => t.InstanceId == task.InstanceId && t.TaskId == task.TaskId && t.Status == TaskRecord.Open && t.Assignee == expected)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Assignee, userName).SetProperty(t => t.ClaimedAt, time.GetUtcNow()), cancellationToken);
        if (changed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return Problems.Conflict("Công việc vừa được người khác thay đổi (nhận, chuyển hoặc hoàn thành); hãy tải lại.");
        }

        if (dossier is not null)
        {
            var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
            await DossierEvents.AppendAsync(db, dossier, DossierEventType.TaskDelegated, caller.UserName, time.GetUtcNow(),
                new { taskId = id, step = task.Name ?? task.ElementId, from = expected, to = userName, reason }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return await ClaimTask.ReloadAsync(db, task, cancellationToken);
    }

    /// <summary>Everyone else who may work the task (its unit, its role), by name; the page offers them.</summary>
    public static async Task<IReadOnlyList<Colleague>> ColleaguesAsync(OrganisationDbContext organisation, TaskRecord task, string except, CancellationToken cancellationToken)
    {
        if (task.Unit is not { } unit)
        {
            return [];
        }

        var role = task.Role?.ToLowerInvariant();
        var ids = organisation.Memberships.AsNoTracking().Where(m => m.UnitCode == unit && (role == null || m.Role == role)).Select(m => m.UserId);
        var users = await organisation.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id) && u.UserName != except && u.UserName != task.Assignee)
            .Select(u => new Colleague(u.UserName!, u.DisplayName))
            .ToListAsync(cancellationToken);
        return [.. users.OrderBy(u => u.DisplayName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), false))];
    }

    /// <summary>Why <paramref name="userName"/> may not take the task (unknown, another unit, another role); null when they may.</summary>
    private static async Task<string?> NotAColleagueAsync(OrganisationDbContext organisation, TaskRecord task, string userName, CancellationToken cancellationToken)
    {
        var target = await organisation.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == userName, cancellationToken);
        if (target is null)
        {
            return $"Không có người dùng '{userName}'.";
        }

        var memberships = await organisation.Memberships.AsNoTracking().Where(m => m.UserId == target.Id && m.UnitCode == task.Unit).ToListAsync(cancellationToken);
        if (memberships.Count == 0)
        {
            return $"{target.DisplayName} ({userName}) không thuộc đơn vị {task.Unit} của công việc này; chỉ chuyển được cho đồng nghiệp cùng đơn vị.";
        }

        return task.Role is { } role && !memberships.Any(m => string.Equals(m.Role, role, StringComparison.OrdinalIgnoreCase))
            ? $"{target.DisplayName} ({userName}) thuộc đơn vị {task.Unit} nhưng không có vai trò {role} mà công việc này cần."
            : null;
    }
}
