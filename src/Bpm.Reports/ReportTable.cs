using System.Globalization;
using ClosedXML.Excel;
using CsvHelper;
using Bpm.Engine.Calendar;
using Bpm.Organisation;

namespace Bpm.Reports;

/// <summary>
/// One table of the dashboard as it is exported: a title, column headers (Vietnamese, as on the
/// page) and rows of cells (text, whole numbers, percentages, times). Every table the dashboard
/// shows is built here, so the page and its CSV and XLSX files show the same columns.
/// </summary>
public sealed record ReportTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    /// <summary>
    /// The figures per key: <paramref name="keyHeader"/> then the figure columns of the JSON report.
    /// <paramref name="keyLabel"/> gives a key as it is shown (a level's Vietnamese name).
    /// </summary>
    public static ReportTable Figures(string title, string keyHeader, IEnumerable<OneStopRow> rows, Func<string, string>? keyLabel = null) => new(
        title,
        [keyHeader, .. ReportWriters.Figures.Select(f => f.Label)],
        [.. rows.Select(r => (IReadOnlyList<object?>)[keyLabel is null ? r.Key : keyLabel(r.Key), .. ReportWriters.Figures.Select(f => f.Value(r.Figures))])]);

    public static ReportTable Late(IEnumerable<LateByAgency> rows) => new(
        "Hồ sơ quá hạn theo cơ quan gây chậm",
        ["Cơ quan", "Quá hạn", "Không có phiếu xin lỗi"],
        [.. rows.Select(r => (IReadOnlyList<object?>)[r.Agency, r.Late, r.WithoutApology])]);

    public static ReportTable Staff(IEnumerable<StaffOutputRow> rows) => new(
        "Kết quả của từng cán bộ",
        ["Cán bộ", "Bộ phận một cửa", "Vùng", "Tiếp nhận", "Trả kết quả", "Tiếp nhận và trả kết quả", "Mục tiêu của kỳ", "% mục tiêu", "Bước xử lý đã hoàn thành"],
        [.. rows.Select(r => (IReadOnlyList<object?>)[r.UserName, r.Desk, AreaLabel(r.Area), r.Received, r.Returned, r.DeskDossiers, r.Target, r.TargetShare, r.TasksCompleted])]);

    /// <summary>An area class as the page names it; nothing for an officer without a desk.</summary>
    public static string? AreaLabel(AreaClass? area) => area switch
    {
        AreaClass.Urban => "Đô thị",
        AreaClass.Rural => "Nông thôn",
        AreaClass.Remote => "Vùng sâu, vùng xa",
        _ => null,
    };

    public static ReportTable Dossiers(string title, IEnumerable<DossierExportRow> rows) => new(
        title,
        ["Mã hồ sơ", "Cấp", "Đơn vị tiếp nhận", "Thủ tục", "Kênh", "Tiếp nhận lúc", "Hạn trả", "Đóng lúc", "Trạng thái"],
        [.. rows.Select(r => (IReadOnlyList<object?>)[r.Code, r.Level, r.Unit, r.Procedure, r.Channel, r.ReceivedAt, r.DueAt, r.ResolvedAt, r.Status])]);

    /// <summary>A time as the user reads it: dd/MM/yyyy HH:mm in Vietnam's time.</summary>
    public static string Display(DateTimeOffset at) =>
        at.ToOffset(VietnameseWorkingCalendar.UtcOffset).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A cell as text: numbers with a dot, times dd/MM/yyyy HH:mm (UTC+7), nothing for an empty cell.</summary>
    public static string Text(object? cell) => cell switch
    {
        null => "",
        DateTimeOffset at => Display(at),
        IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    /// <summary>RFC 4180 CSV, UTF-8: the headers, then one record per row.</summary>
    public void WriteCsv(TextWriter output)
    {
        using var csv = CsvWriter.Create(output, null, leaveOpen: true);
        csv.WriteHeader([.. Headers]);
        foreach (var row in Rows)
        {
            csv.WriteRecord([.. row.Select(Text)]);
        }

        csv.Flush();
    }

    /// <summary>A workbook of one sheet: the title (with <paramref name="period"/> as dd/MM/yyyy), the headers, the rows with numbers as numbers.</summary>
    public void WriteXlsx(ReportPeriod period, Stream output)
    {
        using var workbook = new XLWorkbook();
        // A sheet name has at most 31 characters.
        var sheet = workbook.Worksheets.Add(Title.Length > 31 ? Title[..31] : Title);
        sheet.Cell(1, 1).Value = string.Create(CultureInfo.InvariantCulture, $"{Title} — từ {period.From:dd/MM/yyyy} đến {period.To:dd/MM/yyyy}");
        for (var c = 0; c < Headers.Count; c++)
        {
            sheet.Cell(2, c + 1).Value = Headers[c];
        }

        for (var r = 0; r < Rows.Count; r++)
        {
            for (var c = 0; c < Rows[r].Count; c++)
            {
                var cell = sheet.Cell(r + 3, c + 1);
                switch (Rows[r][c])
                {
                    case int count: cell.Value = count; break;
                    case decimal share: cell.Value = share; break;
                    case DateTimeOffset at: cell.Value = Display(at); break;
                    case string text: cell.Value = text; break;
                }
            }
        }

        workbook.SaveAs(output);
    }
}
