using System.Text;
using Bpm.Organisation;
using Bpm.Persistence;
using Bpm.Reports;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Features.Reports;

/// <summary>
/// <c>GET /bao-cao/xuat/{table}.{csv|xlsx}</c> with the dashboard's own query: every table the
/// dashboard shows (theo: by the chosen dimension, thang: by month, qua-han: late by agency,
/// can-bo: per staff, ho-so: the dossiers of a drill-down) as a download.
/// </summary>
public static class DashboardExports
{
    /// <summary>The most dossiers a drill-down lists and exports; the full list is <c>bpm dossiers export</c>.</summary>
    public const int DossierLimit = 5000;

    public static IEndpointRouteBuilder MapDashboardExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/bao-cao/xuat/{table}.{format}", ExportAsync)
            .RequireAuthorization(Policies.Reports)
            .WithTags("Báo cáo")
            .WithSummary("Tải một bảng của trang báo cáo (CSV hoặc XLSX), cùng bộ lọc với trang");
        return app;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(
        string table, string format, HttpContext http, BpmDbContext db, OrganisationDbContext organisation, TimeProvider time, CancellationToken ct)
    {
        if (format is not ("csv" or "xlsx"))
        {
            return Problems.BadRequest("format", $"Định dạng '{format}' không có; chọn csv hoặc xlsx.");
        }

        var (query, field, error) = DashboardQuery.Parse(name => http.Request.Query[name].FirstOrDefault(), time.GetUtcNow());
        if (query is null)
        {
            return Problems.BadRequest(field!, error!);
        }

        var built = await TableAsync(table, query, db, organisation, ct);
        if (built is null)
        {
            return Problems.BadRequest("table", $"Bảng '{table}' không có; chọn theo, thang, qua-han, can-bo hoặc ho-so (với chi-so).");
        }

        var name = $"bao-cao-{table}-{query.Period.From:yyyyMMdd}-{query.Period.To:yyyyMMdd}.{format}";
        if (format == "csv")
        {
            await using var text = new StringWriter();
            built.WriteCsv(text);
            // The byte order mark lets Excel open the UTF-8 file with its Vietnamese intact.
            return TypedResults.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())], "text/csv; charset=utf-8", name);
        }

        using var xlsx = new MemoryStream();
        built.WriteXlsx(query.Period, xlsx);
        return TypedResults.File(xlsx.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }

    /// <summary>The table named <paramref name="table"/> for <paramref name="query"/>, as the page shows it; null for an unknown name.</summary>
    public static async Task<ReportTable?> TableAsync(string table, DashboardQuery query, BpmDbContext db, OrganisationDbContext organisation, CancellationToken ct)
    {
        var report = new OneStopReport(db);
        switch (table)
        {
            case "theo":
                var rows = await report.ByAsync(query.Period, query.By, query.Filter, ct);
                return ReportTable.Figures($"Theo {query.ByLabel.ToLowerInvariant()}", query.ByLabel, rows, key => DashboardQuery.KeyLabel(query.By, key));
            case "thang":
                return ReportTable.Figures("Theo tháng", "Tháng", await report.ByPeriodAsync(query.Period, PeriodUnit.Month, query.Filter, ct));
            case "qua-han":
                return ReportTable.Late(await report.LateByAgencyAsync(query.Period, ct));
            case "can-bo":
                return ReportTable.Staff(await new StaffOutput(db).ByStaffAsync(query.Period, query.Filter.Unit, await UnitAreaClasses.LoadAsync(organisation, ct), ct));
            case "ho-so" when query.Figure is { } figure:
                var dossiers = await ReportDossiers.ListAsync(db, query.Period, figure, query.Filter, DossierLimit, ct);
                return ReportTable.Dossiers($"Hồ sơ {ReportFigure.Label(figure).ToLowerInvariant()}", dossiers);
            default:
                return null;
        }
    }
}
