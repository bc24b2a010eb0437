using Bpm.Persistence;
using Bpm.Server.Security;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Instances;

/// <summary>
/// Which dossiers a caller may see: admins and auditors every one; staff those with a task (open
/// or done) in one of their units and roles; leaders those with a task in the agency they lead. Anything else is answered as if it did not exist.
/// </summary>
internal static class InstanceAccess
{
    public static IQueryable<TaskRecord> VisibleTasks(this IQueryable<TaskRecord> tasks, Caller caller)
    {
        var units = caller.Units.ToList();
        var keys = caller.UnitRoleKeys.ToList();
        // Every key's unit is one of the caller's units, so "Unit in units" loses nothing and lets the database seek the
        // (Unit, Status, DueAt) index; the unit/role key alone is an expression no index serves (a full scan at a million dossiers).
        return tasks.Where(t => t.Unit != null && units.Contains(t.Unit) && (t.Role == null || keys.Contains(t.Unit + "/" + t.Role)));
    }

    public static async Task<InstanceRecord?> FindVisibleAsync(BpmDbContext db, Caller caller, string instanceId, CancellationToken cancellationToken)
    {
        var row = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.InstanceId == instanceId, cancellationToken);
        if (row is null || caller.SeesAllInstances)
        {
            return row;
        }

        var tasks = db.Tasks.AsNoTracking().Where(t => t.InstanceId == instanceId);
        var supervised = caller.SupervisedUnits.ToList();
        var visible = await tasks.VisibleTasks(caller).AnyAsync(cancellationToken)
            || (supervised.Count > 0 && await tasks.AnyAsync(t => t.Unit != null && supervised.Contains(t.Unit), cancellationToken));
        return visible ? row : null;
    }

    public static string NotFound(string instanceId) => $"Không có hồ sơ (instance) '{instanceId}', hoặc bạn không có quyền xem.";
}
