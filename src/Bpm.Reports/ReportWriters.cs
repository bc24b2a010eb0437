using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using CsvHelper;

namespace Bpm.Reports;

/// <summary>A report ready to print: its period, its rows and the late dossiers by agency.</summary>
public sealed record OneStopDocument(ReportPeriod Period, string RowsBy, IReadOnlyList<OneStopRow> Rows, IReadOnlyList<LateByAgency> LateByAgency);

/// <summary>The report as JSON, CSV or XLSX; the column names are the JSON field names.</summary>
public static class ReportWriters
{
    /// <summary>The figure columns, in order, with how each is read from the figures.</summary>
    internal static readonly (string Name, string Label, Func<OneStopFigures, object?> Value)[] Figures =
    [
        ("received", "Tiếp nhận", f => f.Received),
        ("resolved", "Đã giải quyết", f => f.Resolved),
        ("onTimeOrEarly", "Đúng hạn hoặc trước hạn", f => f.OnTimeOrEarly),
        ("early", "Trước hạn", f => f.Early),
        ("onTime", "Đúng hạn", f => f.OnTime),
        ("late", "Quá hạn", f => f.Late),
        ("lateWithApology", "Quá hạn có phiếu xin lỗi", f => f.LateWithApology),
        ("lateWithoutApology", "Quá hạn không có phiếu xin lỗi", f => f.LateWithoutApology),
        ("inProgress", "Đang giải quyết", f => f.InProgress),
        ("withdrawn", "Rút hồ sơ", f => f.Withdrawn),
        ("refused", "Từ chối", f => f.Refused),
        ("online", "Trực tuyến", f => f.Online),
        ("offeredOnline", "Hồ sơ của TTHC trực tuyến toàn trình", f => f.OfferedOnline),
        ("onlineShare", "Tỉ lệ trực tuyến (%)", f => f.OnlineShare),
        ("post", "Bưu chính", f => f.Post),
        ("postShare", "Tỉ lệ bưu chính (%)", f => f.PostShare),
    ];

    /// <summary>
    /// <c>{ from, to, levels: { province|district|commune: {…} }, total, rowsBy, rows: [{ key, … }], lateByAgency }</c>;
    /// <paramref name="byLevel"/> gives <c>levels</c> whatever the rows are. <c>levels</c> names every
    /// level that existed in the period (<see cref="LocalGovernment.LevelsIn"/>: no district from
    /// 1 July 2025), with zeros when it has no dossier, and any other level a dossier has.
    /// </summary>
    public static void WriteJson(OneStopDocument report, IReadOnlyList<OneStopRow> byLevel, Stream output)
    {
        var levels = new JsonObject();
        var existing = LocalGovernment.LevelsIn(report.Period);
        foreach (var level in existing.Concat(byLevel.Select(r => r.Key).Where(k => !existing.Contains(k))))
        {
            levels[level] = FiguresJson(byLevel.FirstOrDefault(r => r.Key == level)?.Figures ?? OneStopFigures.Zero);
        }

        var rows = new JsonArray();
        foreach (var row in report.Rows)
        {
            var json = FiguresJson(row.Figures);
            json.Insert(0, "key", row.Key);
            rows.Add(json);
        }

        var document = new JsonObject
        {
            ["from"] = Day(report.Period.From),
            ["to"] = Day(report.Period.To),
            ["levels"] = levels,
            ["total"] = FiguresJson(byLevel.Aggregate(OneStopFigures.Zero, (sum, r) => sum + r.Figures)),
            ["rowsBy"] = report.RowsBy,
            ["rows"] = rows,
            ["lateByAgency"] = new JsonArray([.. report.LateByAgency.Select(l => (JsonNode)new JsonObject { ["agency"] = l.Agency, ["late"] = l.Late, ["withoutApology"] = l.WithoutApology })]),
        };
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        document.WriteTo(writer);
    }

    /// <summary>One CSV record per row: <c>key</c> then the figure columns (shares with a dot, empty when undefined).</summary>
    public static void WriteCsv(OneStopDocument report, TextWriter output)
    {
        using var csv = CsvWriter.Create(output, null, leaveOpen: true);
        csv.WriteHeader([report.RowsBy, .. Figures.Select(c => c.Name)]);
        foreach (var row in report.Rows)
        {
            csv.WriteRecord([row.Key, .. Figures.Select(c => c.Value(row.Figures) is IFormattable value ? value.ToString(null, CultureInfo.InvariantCulture) : "")]);
        }

        csv.Flush();
    }

    /// <summary>A workbook: the rows (Vietnamese headers over the JSON names) and the late dossiers by agency.</summary>
    public static void WriteXlsx(OneStopDocument report, Stream output)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Báo cáo một cửa");
        sheet.Cell(1, 1).Value = $"Kết quả giải quyết TTHC từ {report.Period.From:dd/MM/yyyy} đến {report.Period.To:dd/MM/yyyy}";
        sheet.Cell(2, 1).Value = report.RowsBy;
        for (var c = 0; c < Figures.Length; c++)
        {
            sheet.Cell(2, c + 2).Value = Figures[c].Label;
            sheet.Cell(3, c + 2).Value = Figures[c].Name;
        }

        for (var r = 0; r < report.Rows.Count; r++)
        {
            sheet.Cell(r + 4, 1).Value = report.Rows[r].Key;
            for (var c = 0; c < Figures.Length; c++)
            {
                var cell = sheet.Cell(r + 4, c + 2);
                switch (Figures[c].Value(report.Rows[r].Figures))
                {
                    case int count: cell.Value = count; break;
                    case decimal share: cell.Value = share; break;
                }
            }
        }

        var late = workbook.Worksheets.Add("Quá hạn theo cơ quan");
        late.Cell(1, 1).Value = "Cơ quan";
        late.Cell(1, 2).Value = "Quá hạn";
        late.Cell(1, 3).Value = "Không có phiếu xin lỗi";
        for (var r = 0; r < report.LateByAgency.Count; r++)
        {
            late.Cell(r + 2, 1).Value = report.LateByAgency[r].Agency;
            late.Cell(r + 2, 2).Value = report.LateByAgency[r].Late;
            late.Cell(r + 2, 3).Value = report.LateByAgency[r].WithoutApology;
        }

        workbook.SaveAs(output);
    }

    private static JsonObject FiguresJson(OneStopFigures figures)
    {
        var json = new JsonObject();
        foreach (var column in Figures)
        {
            json[column.Name] = column.Value(figures) switch
            {
                int count => count,
                decimal share => share,
                _ => null,
            };
        }

        return json;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
