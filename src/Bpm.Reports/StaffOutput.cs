using Bpm.Dossiers.Dossiers;
using Bpm.Organisation;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Reports;

/// <summary>
/// One officer's output over a period: the dossiers they received at the desk, returned at the
/// desk, and the steps they completed; for a one-stop officer, their desk and Decision 468's target
/// there for the period.
/// </summary>
/// <param name="Desk">The receiving unit of most of the officer's desk dossiers (the first by code on a tie); null for one who received and returned none.</param>
/// <param name="Area">The desk's area class; null without a desk.</param>
/// <param name="Target">Decision 468's target at the desk's area class, prorated to the period; null without a desk.</param>
public sealed record StaffOutputRow(string UserName, int Received, int Returned, int TasksCompleted, string? Desk = null, AreaClass? Area = null, int? Target = null)
{
    /// <summary>Received and returned: the one-stop officer's own dossiers, what Decision 468's yearly target counts.</summary>
    public int DeskDossiers => Received + Returned;

    /// <summary><see cref="DeskDossiers"/> as a percentage of <see cref="Target"/>, two decimals; null without a target.</summary>
    public decimal? TargetShare => Target is > 0 ? Math.Round(100m * DeskDossiers / Target.Value, 2, MidpointRounding.AwayFromZero) : null;
}

/// <summary>
/// Per-staff output (Decision 468/QĐ-TTg: 1,600 dossiers a year per one-stop officer, 1,200 in
/// rural and 800 in remote areas). Who received a dossier is on the dossier, who returned it on its
/// <c>returned</c> event, who completed a step on the task: three grouped statements. An officer's
/// desk is the receiving unit of most of their desk dossiers, and its area class (from the
/// organisation tree) sets their target. The waiting time at the desk (from a queue ticket to the
/// officer's call) is not recorded by Bpm, which has no queue system.
/// </summary>
public sealed class StaffOutput(BpmDbContext db)
{
    /// <summary>The yearly target of one one-stop officer by Decision 468/QĐ-TTg.</summary>
    public const int TargetPerYear = 1600;

    /// <summary>The target in rural areas.</summary>
    public const int RuralTargetPerYear = 1200;

    /// <summary>The target in remote areas.</summary>
    public const int RemoteTargetPerYear = 800;

    /// <summary>The apology letter is the leader's signature, not a step of the dossier's work.</summary>
    private const string ApologyKind = "apology";

    public static int TargetPerYearIn(AreaClass area) => area switch
    {
        AreaClass.Rural => RuralTargetPerYear,
        AreaClass.Remote => RemoteTargetPerYear,
        _ => TargetPerYear,
    };

    /// <summary>Decision 468's yearly target for one officer in <paramref name="area"/>, prorated to the days of <paramref name="period"/>.</summary>
    public static int TargetFor(ReportPeriod period, AreaClass area = AreaClass.Urban)
    {
        var days = period.To.DayNumber - period.From.DayNumber + 1;
        return (int)Math.Round(TargetPerYearIn(area) * days / 365m, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// The officers' output over <paramref name="period"/>, most dossiers first; <paramref name="unit"/>
    /// narrows it to a receiving unit's dossiers; <paramref name="areas"/> gives each desk's area
    /// class (urban for all without it).
    /// </summary>
    public async Task<IReadOnlyList<StaffOutputRow>> ByStaffAsync(ReportPeriod period, string? unit = null, UnitAreaClasses? areas = null, CancellationToken cancellationToken = default)
    {
        areas ??= UnitAreaClasses.None;
        DateTimeOffset start = period.Start, end = period.End;
        var dossiers = db.Dossiers.AsNoTracking().Where(d => unit == null || d.ReceivingUnit == unit);
        var received = await dossiers
            .Where(d => d.ReceivedAt >= start && d.ReceivedAt < end)
            .GroupBy(d => new { d.ReceivedBy, d.ReceivingUnit }).Select(g => new { User = g.Key.ReceivedBy, Unit = g.Key.ReceivingUnit, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var returned = await (
                from e in db.DossierEvents.AsNoTracking()
                join d in dossiers on e.DossierCode equals d.Code
                where e.Type == DossierEventType.Returned && e.At >= start && e.At < end
                group e by new { e.Actor, d.ReceivingUnit } into g
                select new { User = g.Key.Actor, Unit = g.Key.ReceivingUnit, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var tasks = await (
                from t in db.Tasks.AsNoTracking()
                join d in dossiers on t.InstanceId equals d.InstanceId
                where t.CompletedBy != null && t.Kind != ApologyKind && t.CompletedAt >= start && t.CompletedAt < end
                group t by t.CompletedBy into g
                select new { User = g.Key!, Count = g.Count() })
            .ToDictionaryAsync(r => r.User, r => r.Count, StringComparer.Ordinal, cancellationToken);
        var receivedBy = received.GroupBy(r => r.User, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => r.Count), StringComparer.Ordinal);
        var returnedBy = returned.GroupBy(r => r.User, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => r.Count), StringComparer.Ordinal);
        var desks = received.Select(r => (r.User, r.Unit, r.Count)).Concat(returned.Select(r => (r.User, r.Unit, r.Count)))
            .GroupBy(r => r.User, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.GroupBy(r => r.Unit, StringComparer.Ordinal).Select(u => (Unit: u.Key, Count: u.Sum(r => r.Count)))
                    .OrderByDescending(u => u.Count).ThenBy(u => u.Unit, StringComparer.Ordinal).First().Unit,
                StringComparer.Ordinal);
        return [.. receivedBy.Keys.Union(returnedBy.Keys).Union(tasks.Keys)
            .Select(user =>
            {
                var desk = desks.GetValueOrDefault(user);
                var area = desk is null ? (AreaClass?)null : areas.Of(desk);
                return new StaffOutputRow(user, receivedBy.GetValueOrDefault(user), returnedBy.GetValueOrDefault(user), tasks.GetValueOrDefault(user),
                    desk, area, area is { } a ? TargetFor(period, a) : null);
            })
            .OrderByDescending(r => r.DeskDossiers).ThenBy(r => r.UserName, StringComparer.Ordinal)];
    }
}
