using Bpm.Dossiers.Dossiers;
using Bpm.Engine;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Reports;

/// <summary>The figures a dashboard can open into the list of their dossiers (the JSON names of <see cref="OneStopFigures"/>).</summary>
public static class ReportFigure
{
    public const string Received = "received";
    public const string Resolved = "resolved";
    public const string OnTimeOrEarly = "onTimeOrEarly";
    public const string Late = "late";
    public const string InProgress = "inProgress";
    public const string Withdrawn = "withdrawn";
    public const string Refused = "refused";
    public const string Online = "online";

    public static IReadOnlyList<string> All { get; } = [Received, Resolved, OnTimeOrEarly, Late, InProgress, Withdrawn, Refused, Online];

    /// <summary>The value of <paramref name="figure"/> in <paramref name="figures"/>.</summary>
    public static int Of(OneStopFigures figures, string figure) => figure switch
    {
        Received => figures.Received,
        Resolved => figures.Resolved,
        OnTimeOrEarly => figures.OnTimeOrEarly,
        Late => figures.Late,
        InProgress => figures.InProgress,
        Withdrawn => figures.Withdrawn,
        Refused => figures.Refused,
        Online => figures.Online,
        _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, $"not one of {string.Join(", ", All)}"),
    };

    /// <summary>The figure's name as a user reads it.</summary>
    public static string Label(string figure) => figure switch
    {
        Received => "Tiếp nhận",
        Resolved => "Đã giải quyết",
        OnTimeOrEarly => "Đúng hạn hoặc trước hạn",
        Late => "Quá hạn",
        InProgress => "Đang giải quyết",
        Withdrawn => "Rút hồ sơ",
        Refused => "Từ chối",
        Online => "Trực tuyến",
        _ => figure,
    };
}

/// <summary>
/// The dossiers behind one figure of a report (the dashboard's drill-down): the same definitions
/// as the counts, read from the dossiers by code, as a stream that stops at the limit.
/// </summary>
public static class ReportDossiers
{
    public static async Task<IReadOnlyList<DossierExportRow>> ListAsync(
        BpmDbContext db, ReportPeriod period, string figure, ReportFilter filter, int limit, CancellationToken cancellationToken = default)
    {
        if (!ReportFigure.All.Contains(figure))
        {
            throw new ArgumentOutOfRangeException(nameof(figure), figure, $"not one of {string.Join(", ", ReportFigure.All)}");
        }

        var catalog = await ReportCatalog.LoadAsync(db, cancellationToken);
        DateTimeOffset start = period.Start, end = period.End;
        var dossiers = db.Dossiers.AsNoTracking()
            .Where(d => filter.Unit == null || d.ReceivingUnit == filter.Unit)
            .Where(d => filter.Procedure == null || d.ProcedureCode == filter.Procedure);
        var returnedInPeriod = dossiers.Where(d => d.Status == DossierStatus.Returned && d.ClosedAt >= start && d.ClosedAt < end);
        dossiers = figure switch
        {
            ReportFigure.Received => dossiers.Where(d => d.ReceivedAt >= start && d.ReceivedAt < end),
            ReportFigure.Online => dossiers.Where(d => d.ReceivedAt >= start && d.ReceivedAt < end && d.Channel == Channels.Online),
            ReportFigure.Resolved => returnedInPeriod,
            ReportFigure.OnTimeOrEarly => returnedInPeriod.Where(d => d.Evaluation == Punctuality.Early || d.Evaluation == Punctuality.OnTime),
            ReportFigure.Late => returnedInPeriod.Where(d => d.Evaluation == Punctuality.Late),
            ReportFigure.InProgress => dossiers.Where(d => d.ReceivedAt < end && (d.ClosedAt == null || d.ClosedAt >= end)),
            ReportFigure.Withdrawn => dossiers.Where(d => d.Status == DossierStatus.Withdrawn && d.ClosedAt >= start && d.ClosedAt < end),
            _ => dossiers.Where(d => d.Status == DossierStatus.Refused && d.ClosedAt >= start && d.ClosedAt < end),
        };
        var rows = from d in dossiers
                   join i in db.Instances.AsNoTracking() on d.InstanceId equals i.InstanceId
                   orderby d.Code
                   select new { d.Code, d.ReceivingUnit, d.ProcedureCode, d.Channel, d.ReceivedAt, i.DueAt, d.ClosedAt, d.Status };
        var list = new List<DossierExportRow>();
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            // Level and sector come from the catalogue, not the dossier row.
            if (filter.Matches(r.ProcedureCode, r.ReceivingUnit, catalog))
            {
                list.Add(new DossierExportRow(r.Code, catalog.Level(r.ProcedureCode, r.ReceivingUnit), r.ReceivingUnit, r.ProcedureCode, r.Channel, r.ReceivedAt, r.DueAt, r.ClosedAt, r.Status));
                if (list.Count == limit)
                {
                    break;
                }
            }
        }

        return list;
    }
}
