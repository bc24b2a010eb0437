using Bpm.Dossiers.Dossiers;
using Bpm.Engine;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Reports;

/// <summary>One row of a report: the group's key (a level, agency, unit, sector, procedure or period) and its figures.</summary>
public sealed record OneStopRow(string Key, OneStopFigures Figures);

/// <summary>Late dossiers of a period counted against the agency that held them when their due date passed.</summary>
public sealed record LateByAgency(string Agency, int Late, int WithoutApology);

/// <summary>
/// Late dossiers returned in a period and whether their applicant was sent the apology and new date
/// (docs/notifications.md): <see cref="Sent"/> had an apology notice accepted by its channel,
/// <see cref="NotSent"/> had one written that no channel has accepted (waiting, or given up), and
/// <see cref="NoNotice"/> had none. <see cref="Untold"/> names the dossiers of the last two.
/// </summary>
public sealed record LateApologyNotices(int Late, int Sent, int NotSent, int NoNotice, IReadOnlyList<string> Untold);

/// <summary>
/// The one-stop report (báo cáo kết quả giải quyết thủ tục hành chính) over the dossiers in the
/// database. The database sums the day counts kept with every reception and closing
/// (<c>dossier_day_counts</c>) by procedure and receiving unit, so one report reads one row per
/// procedure and unit however many dossiers there are, and never scans the dossiers; the rows are
/// then folded into the dimension asked for with the catalogue (level, sector, online offer), which is small.
/// </summary>
public sealed class OneStopReport(BpmDbContext db)
{
    /// <summary>The engine's kind of the apology-letter task (bpm:kind="apology"), which holds no dossier work.</summary>
    private const string ApologyKind = "apology";

    /// <summary>The notice of the apology and new date as the notifications outbox stores it (Bpm.Notifications' NoticeKind.Apology).</summary>
    private const string ApologyNotice = "Apology";

    /// <summary>The figures of <paramref name="period"/>, one row per value of <paramref name="by"/>, by key.</summary>
    public async Task<IReadOnlyList<OneStopRow>> ByAsync(ReportPeriod period, ReportDimension by, CancellationToken cancellationToken = default) =>
        await ByAsync(period, by, ReportFilter.None, cancellationToken);

    /// <summary>The figures of the dossiers <paramref name="filter"/> keeps, one row per value of <paramref name="by"/>, by key.</summary>
    public async Task<IReadOnlyList<OneStopRow>> ByAsync(ReportPeriod period, ReportDimension by, ReportFilter filter, CancellationToken cancellationToken = default)
    {
        var catalog = await ReportCatalog.LoadAsync(db, cancellationToken);
        var cells = (await CellsAsync(period, cancellationToken)).Where(c => filter.Matches(c.ProcedureCode, c.Unit, catalog));
        return [.. cells
            .GroupBy(c => by switch
            {
                ReportDimension.Level => catalog.Level(c.ProcedureCode, c.Unit),
                ReportDimension.Agency => ReportCatalog.Agency(c.Unit),
                ReportDimension.Unit => c.Unit,
                ReportDimension.Sector => catalog.Sector(c.ProcedureCode),
                _ => c.ProcedureCode,
            }, StringComparer.Ordinal)
            .Select(g => new OneStopRow(g.Key, g.Aggregate(OneStopFigures.Zero, (sum, c) => sum + c.Figures(catalog))))
            .OrderBy(r => r.Key, StringComparer.Ordinal)];
    }

    /// <summary>The figures of each day, month, quarter or year of <paramref name="period"/>, in order.</summary>
    public async Task<IReadOnlyList<OneStopRow>> ByPeriodAsync(ReportPeriod period, PeriodUnit unit, CancellationToken cancellationToken = default) =>
        await ByPeriodAsync(period, unit, ReportFilter.None, cancellationToken);

    /// <summary>The figures of the dossiers <paramref name="filter"/> keeps, for each day, month, quarter or year of <paramref name="period"/>.</summary>
    public async Task<IReadOnlyList<OneStopRow>> ByPeriodAsync(ReportPeriod period, PeriodUnit unit, ReportFilter filter, CancellationToken cancellationToken = default)
    {
        var catalog = await ReportCatalog.LoadAsync(db, cancellationToken);
        var rows = new List<OneStopRow>();
        foreach (var (key, piece) in period.Split(unit))
        {
            var cells = (await CellsAsync(piece, cancellationToken)).Where(c => filter.Matches(c.ProcedureCode, c.Unit, catalog));
            rows.Add(new OneStopRow(key, cells.Aggregate(OneStopFigures.Zero, (sum, c) => sum + c.Figures(catalog))));
        }

        return rows;
    }

    /// <summary>The figures of the period for one level (province, district or commune).</summary>
    public async Task<OneStopFigures> LevelAsync(ReportPeriod period, string level, CancellationToken cancellationToken = default) =>
        (await ByAsync(period, ReportDimension.Level, cancellationToken)).FirstOrDefault(r => r.Key == level)?.Figures ?? OneStopFigures.Zero;

    /// <summary>
    /// Late dossiers returned in the period, each counted once against the agency of the unit whose
    /// task was open when the due date passed (the oldest such task: the dossier's holder then);
    /// the receiving unit's agency when no task was open (the dossier sat at the desk). When that
    /// task is an inter-connected handoff (liên thông), the dossier was with the target agency
    /// (its <c>handoffs</c> row), and counts against it.
    /// </summary>
    public async Task<IReadOnlyList<LateByAgency>> LateByAgencyAsync(ReportPeriod period, CancellationToken cancellationToken = default)
    {
        DateTimeOffset start = period.Start, end = period.End;
        var rows = await (
                from d in db.Dossiers
                join i in db.Instances on d.InstanceId equals i.InstanceId
                where d.Status == DossierStatus.Returned && d.Evaluation == Punctuality.Late && d.ClosedAt >= start && d.ClosedAt < end
                select new
                {
                    Holder = db.Tasks
                        .Where(t => t.InstanceId == d.InstanceId && t.Kind != ApologyKind && t.CreatedAt <= i.DueAt && (t.CompletedAt == null || t.CompletedAt > i.DueAt))
                        .OrderBy(t => t.CreatedAt)
                        .Select(t => db.Handoffs.Where(h => h.ParentInstanceId == t.InstanceId && h.ParentTaskId == t.TaskId).Select(h => h.TargetAgency).FirstOrDefault() ?? t.Unit)
                        .FirstOrDefault() ?? d.ReceivingUnit,
                    i.LateWithoutApology,
                } into late
                group late by late.Holder into g
                select new { Unit = g.Key, Late = g.Count(), WithoutApology = g.Sum(x => x.LateWithoutApology ? 1 : 0) })
            .ToListAsync(cancellationToken);
        return [.. rows
            .GroupBy(r => ReportCatalog.Agency(r.Unit), StringComparer.Ordinal)
            .Select(g => new LateByAgency(g.Key, g.Sum(r => r.Late), g.Sum(r => r.WithoutApology)))
            .OrderByDescending(r => r.Late).ThenBy(r => r.Agency, StringComparer.Ordinal)];
    }

    /// <summary>The late dossiers returned in <paramref name="period"/> (the <see cref="OneStopFigures.Late"/> figure), by whether the apology notice reached the applicant.</summary>
    public async Task<LateApologyNotices> ApologyNoticesAsync(ReportPeriod period, CancellationToken cancellationToken = default)
    {
        DateTimeOffset start = period.Start, end = period.End;
        var late = await db.Dossiers
            .Where(d => d.Status == DossierStatus.Returned && d.Evaluation == Punctuality.Late && d.ClosedAt >= start && d.ClosedAt < end)
            .OrderBy(d => d.Code)
            .Select(d => new
            {
                d.Code,
                Sent = db.Notifications.Any(n => n.DossierCode == d.Code && n.Notice == ApologyNotice && n.SentAt != null),
                Written = db.Notifications.Any(n => n.DossierCode == d.Code && n.Notice == ApologyNotice),
            })
            .ToListAsync(cancellationToken);
        return new LateApologyNotices(
            late.Count,
            late.Count(d => d.Sent),
            late.Count(d => d.Written && !d.Sent),
            late.Count(d => !d.Written),
            [.. late.Where(d => !d.Sent).Select(d => d.Code)]);
    }

    /// <summary>
    /// The period's figures per procedure and receiving unit, summed from the day counts that each
    /// reception and closing step keeps (<c>dossier_day_counts</c>): the rows of the period's days
    /// give what happened in it; every row up to its last day gives what was still open at its end
    /// (received by then less closed by then).
    /// </summary>
    private async Task<List<Cell>> CellsAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        string first = DossierDayCounts.DayOf(period.Start), last = DossierDayCounts.DayOf(period.End.AddTicks(-1));
        var cells = await (
                from c in db.DossierDayCounts
                where string.Compare(c.Day, last) <= 0
                group c by new { c.ProcedureCode, c.ReceivingUnit } into g
                select new Cell(
                    g.Key.ProcedureCode,
                    g.Key.ReceivingUnit,
                    g.Sum(c => string.Compare(c.Day, first) >= 0 ? c.Received : 0),
                    g.Sum(c => string.Compare(c.Day, first) >= 0 ? c.Online : 0),
                    g.Sum(c => string.Compare(c.Day, first) >= 0 ? c.Post : 0),
                    g.Sum(c => string.Compare(c.Day, first) >= 0 ? c.Early : 0),
                    g.Sum(c => string.Compare(c.Day, first) >= 0 ? c.OnTime : 0),
                    g.Sum(c => string.Compare(c.Day, first) >= 0 ? c.Late : 0),
                    g.Sum(c => string.Compare(c.Day, first) >= 0 ? c.LateWithoutApology : 0),
                    g.Sum(c => string.Compare(c.Day, first) >= 0 ? c.Returned : 0),
                    g.Sum(c => c.Received - c.Returned - c.Withdrawn - c.Refused),
                    g.Sum(c => string.Compare(c.Day, first) >= 0 ? c.Withdrawn : 0),
                    g.Sum(c => string.Compare(c.Day, first) >= 0 ? c.Refused : 0)))
            .ToListAsync(cancellationToken);

        // A unit and procedure whose dossiers all closed before the period have nothing in it.
        return [.. cells.Where(c => c.Received + c.Resolved + c.InProgress + c.Withdrawn + c.Refused > 0)];
    }

    private sealed record Cell(
        string ProcedureCode, string Unit, int Received, int Online, int Post, int Early, int OnTime, int Late, int LateWithoutApology,
        int Resolved, int InProgress, int Withdrawn, int Refused)
    {
        public OneStopFigures Figures(ReportCatalog catalog)
        {
            var offered = catalog.OfferedOnline(ProcedureCode);
            return new OneStopFigures
            {
                Received = Received,
                Resolved = Resolved,
                Early = Early,
                OnTime = OnTime,
                Late = Late,
                LateWithoutApology = LateWithoutApology,
                InProgress = InProgress,
                Withdrawn = Withdrawn,
                Refused = Refused,
                Online = Online,
                OfferedOnline = offered ? Received : 0,
                OnlineOfOffered = offered ? Online : 0,
                Post = Post,
            };
        }
    }
}
