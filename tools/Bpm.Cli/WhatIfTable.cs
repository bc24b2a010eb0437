using System.Globalization;
using Bpm.Reports.Simulation;

namespace Bpm.Cli;

/// <summary>A what-if report as text for a person: both versions' figures side by side, then each version's steps.</summary>
internal static class WhatIfTable
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static void Write(TextWriter output, WhatIfReport report)
    {
        var arrivals = report.ArrivalSource == "history" ? "hồ sơ đã tiếp nhận" : "hồ sơ giả định theo tỉ lệ đã cho";
        output.WriteLine($"Mô phỏng quy trình {report.DefinitionId}: {arrivals} từ {report.From:dd/MM/yyyy} đến {report.To:dd/MM/yyyy}, hạt giống {report.Seed}");
        if (report.Truncated)
        {
            output.WriteLine($"(chỉ mô phỏng {report.Current.Dossiers:N0} hồ sơ gần nhất)");
        }

        var current = $"Đang ban hành (v{report.Current.Version})";
        output.WriteLine();
        Row(output, "", current, "Bản mới", "Chênh lệch");
        Row(output, "Số hồ sơ", report.Current.Dossiers, report.Candidate.Dossiers, null);
        Row(output, "Đã giải quyết xong", report.Current.Completed, report.Candidate.Completed, report.Candidate.Completed - report.Current.Completed);
        Row(output, "Đúng hạn hoặc trước hạn", report.Current.OnTimeOrEarly, report.Candidate.OnTimeOrEarly, report.Difference.OnTimeOrEarly);
        Row(output, "Quá hạn", report.Current.Late, report.Candidate.Late, report.Difference.Late);
        Row(output, "Chưa xong khi kết thúc", report.Current.Unfinished, report.Candidate.Unfinished, report.Candidate.Unfinished - report.Current.Unfinished);
        Row(output, "Tỉ lệ đúng hạn (%)", Share(report.Current.OnTimeShare), Share(report.Candidate.OnTimeShare), $"{Share(report.Difference.OnTimeShare)} điểm");
        foreach (var version in new[] { report.Current, report.Candidate })
        {
            output.WriteLine();
            output.WriteLine(version.Version is { } v ? $"Các bước — đang ban hành (v{v}), giờ làm việc:" : "Các bước — bản mới, giờ làm việc:");
            Steps(output, version);
            if (version.StoppedEarly)
            {
                output.WriteLine("(dừng sớm: đã đến giới hạn số lệnh của một lần mô phỏng)");
            }
        }
    }

    private static void Steps(TextWriter output, WhatIfVersionResult version)
    {
        output.WriteLine($"{"Bước",-36} {"Đơn vị:vai trò",-40} {"Số việc",8} {"Chờ TB",8} {"Chờ P90",8} {"Xử lý TB",9} {"Sử dụng %",10}  Nguồn thời gian");
        foreach (var step in version.Steps)
        {
            var pool = version.Pools.First(p => p.Pool == step.Pool);
            var name = step.Name is null ? step.ElementId : $"{step.ElementId} ({step.Name})";
            output.WriteLine(
                $"{Cut(name, 36),-36} {Cut($"{step.Pool} ×{pool.Officers}", 40),-40} {step.Tasks,8} {Number(step.MeanWaitHours),8} {Number(step.P90WaitHours),8} "
                + $"{Number(step.MeanServiceHours),9} {Number(step.Utilisation),10}  {Source(step.TimeSource)}");
        }
    }

    private static void Row(TextWriter output, string label, object current, object candidate, object? difference) =>
        output.WriteLine($"{label,-26} {current,22} {candidate,12} {difference,12}");

    private static string Share(decimal? share) => share is { } s ? s.ToString("0.00", Vietnamese) : "—";

    private static string Number(double value) => value.ToString("0.##", Vietnamese);

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";

    private static string Source(string source) => source switch
    {
        WhatIfSimulator.TimeFromHistory => "lịch sử",
        WhatIfSimulator.TimeFromAllowance => "thời gian cho phép × hệ số",
        _ => "mặc định",
    };
}
