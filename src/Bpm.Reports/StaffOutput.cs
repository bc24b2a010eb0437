using Bpm.Dossiers.Dossiers;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Reports;

/// <summary>One officer's output over a period: the dossiers they received at the desk, returned at the desk, and the steps they completed.</summary>
public sealed record StaffOutputRow(string UserName, int Received, int Returned, int TasksCompleted)
{
    /// <summary>Received and returned: the one-stop officer's own dossiers, what Decision 468's yearly target counts.</summary>
    public int DeskDossiers => Received + Returned;
}

/// <summary>
/// Per-staff output (Decision 468/QĐ-TTg: 1,600 dossiers a year per one-stop officer, 1,200 in
/// rural and 800 in remote areas). Who received a dossier is on the dossier, who returned it on its
/// <c>returned</c> event, who completed a step on the task: three grouped statements, one row per
/// officer each. The waiting time at the desk (from a queue ticket to the officer's call) is not
/// recorded by Bpm, which has no queue system.
/// </summary>
public sealed class StaffOutput(BpmDbContext db)
{
    /// <summary>The yearly target of one one-stop officer by Decision 468/QĐ-TTg.</summary>
    public const int TargetPerYear = 1600;

    /// <summary>The target in rural areas.</summary>
    public const int RuralTargetPerYear = 1200;

    /// <summary>The target in remote areas.</summary>
    public const int RemoteTargetPerYear = 800;

    /// <summary>Decision 468's yearly target for one officer, prorated to the days of <paramref name="period"/>.</summary>
    public static int TargetFor(ReportPeriod period)
    {
        var days = period.To.DayNumber - period.From.DayNumber + 1;
        return (int)Math.Round(TargetPerYear * days / 365m, MidpointRounding.AwayFromZero);
    }

    /// <summary>The apology letter is the leader's signature, not a step of the dossier's work.</summary>
    private const string ApologyKind = "apology";

    /// <summary>The officers' output over <paramref name="period"/>, most dossiers first; <paramref name="unit"/> narrows it to a receiving unit's dossiers.</summary>
    public async Task<IReadOnlyList<StaffOutputRow>> ByStaffAsync(ReportPeriod period, string? unit = null, CancellationToken cancellationToken = default)
    {
        DateTimeOffset start = period.Start, end = period.End;
        var dossiers = db.Dossiers.AsNoTracking().Where(d => unit == null || d.ReceivingUnit == unit);
        var received = await dossiers
            .Where(d => d.ReceivedAt >= start && d.ReceivedAt < end)
            .GroupBy(d => d.ReceivedBy).Select(g => new { User = g.Key, Count = g.Count() })
            .ToDictionaryAsync(r => r.User, r => r.Count, StringComparer.Ordinal, cancellationToken);
        var returned = await (
                from e in db.DossierEvents.AsNoTracking()
                join d in dossiers on e.DossierCode equals d.Code
                where e.Type == DossierEventType.Returned && e.At >= start && e.At < end
                group e by e.Actor into g
                select new { User = g.Key, Count = g.Count() })
            .ToDictionaryAsync(r => r.User, r => r.Count, StringComparer.Ordinal, cancellationToken);
        var tasks = await (
                from t in db.Tasks.AsNoTracking()
                join d in dossiers on t.InstanceId equals d.InstanceId
                where t.CompletedBy != null && t.Kind != ApologyKind && t.CompletedAt >= start && t.CompletedAt < end
                group t by t.CompletedBy into g
                select new { User = g.Key!, Count = g.Count() })
            .ToDictionaryAsync(r => r.User, r => r.Count, StringComparer.Ordinal, cancellationToken);
        return [.. received.Keys.Union(returned.Keys).Union(tasks.Keys)
            .Select(user => new StaffOutputRow(user, received.GetValueOrDefault(user), returned.GetValueOrDefault(user), tasks.GetValueOrDefault(user)))
            .OrderByDescending(r => r.DeskDossiers).ThenBy(r => r.UserName, StringComparer.Ordinal)];
    }
}
