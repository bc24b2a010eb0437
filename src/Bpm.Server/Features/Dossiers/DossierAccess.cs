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

    /// <summary>
    /// A partner's handoffs of a dossier kept elsewhere (no dossier row here), by the same rule as a
    /// dossier: admins and auditors all, staff those whose child has a task (open or done) in one of
    /// their units or a unit they supervise.
    /// </summary>
    public static IQueryable<InboundHandoffRecord> VisibleTo(this IQueryable<InboundHandoffRecord> handoffs, BpmDbContext db, Caller caller)
    {
        if (caller.SeesAllInstances)
        {
            return handoffs;
        }

        var units = caller.Units.Concat(caller.SupervisedUnits).Distinct().ToList();
        return handoffs.Where(h => db.Tasks.Any(t => t.InstanceId == h.ChildInstanceId && t.Unit != null && units.Contains(t.Unit)));
    }

    public static string NotFound(string code) => $"Không có hồ sơ mã '{code}', hoặc bạn không có quyền xem.";
}
