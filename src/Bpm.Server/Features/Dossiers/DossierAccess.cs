using Bpm.Persistence;
using Bpm.Server.Security;

namespace Bpm.Server.Features.Dossiers;

/// <summary>
/// Which dossiers a caller sees: admins and auditors all; staff those received at one of their
/// units or with a task (open or done) in one, or in a unit they supervise. Others answer 404.
/// </summary>
internal static class DossierAccess
{
    public static IQueryable<DossierRecord> VisibleTo(this IQueryable<DossierRecord> dossiers, BpmDbContext db, Caller caller)
    {
        if (caller.SeesAllInstances)
        {
            return dossiers;
        }

        var units = caller.Units.Concat(caller.SupervisedUnits).Distinct().ToList();
        return dossiers.Where(d => units.Contains(d.ReceivingUnit)
            || db.Tasks.Any(t => t.InstanceId == d.InstanceId && t.Unit != null && units.Contains(t.Unit)));
    }

    public static string NotFound(string code) => $"Không có hồ sơ mã '{code}', hoặc bạn không có quyền xem.";
}
