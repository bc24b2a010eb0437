using System.Globalization;
using Bpm.Reports;
using Bpm.Server.Features.Dossiers;

namespace Bpm.Server.Features.Reports;

/// <summary>
/// What the dashboard, its drill-down and its exports are asked for, read from the address (a view
/// can be bookmarked and each export is a link): the period as dd/MM/yyyy (yyyy-MM-dd accepted),
/// level, agency, unit, sector, procedure, the dimension of the rows and, for a drill-down, the figure.
/// </summary>
public sealed record DashboardQuery(ReportPeriod Period, ReportFilter Filter, ReportDimension By, string? Figure)
{
    public const string From = "tu";
    public const string To = "den";
    public const string Level = "cap";
    public const string Agency = "co-quan";
    public const string Unit = "don-vi";
    public const string Sector = "linh-vuc";
    public const string Procedure = "thu-tuc";
    public const string ByName = "theo";
    public const string FigureName = "chi-so";

    /// <summary>The levels a filter offers, with their names (the report's keys are English).</summary>
    public static IReadOnlyList<(string Key, string Label)> Levels { get; } =
        [("province", "Cấp tỉnh"), ("district", "Cấp huyện"), ("commune", "Cấp xã")];

    /// <summary>The dimensions the rows can be by, as the address names them.</summary>
    public static IReadOnlyList<(ReportDimension Dimension, string Name, string Label)> Dimensions { get; } =
    [
        (ReportDimension.Level, "cap", "Cấp"),
        (ReportDimension.Agency, "co-quan", "Cơ quan"),
        (ReportDimension.Unit, "don-vi", "Đơn vị tiếp nhận"),
        (ReportDimension.Sector, "linh-vuc", "Lĩnh vực"),
        (ReportDimension.Procedure, "thu-tuc", "Thủ tục"),
    ];

    private static readonly string[] DayFormats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"];

    public string ByLabel => Dimensions.First(d => d.Dimension == By).Label;

    /// <summary>A row key as shown: a level's Vietnamese name, anything else as it is.</summary>
    public static string KeyLabel(ReportDimension by, string key) =>
        by == ReportDimension.Level ? Levels.FirstOrDefault(l => l.Key == key).Label ?? key : key;

    /// <summary>The query of <paramref name="values"/>, or the first bad field and what is wrong with it; the period defaults to this year up to today (UTC+7).</summary>
    public static (DashboardQuery? Query, string? Field, string? Error) Parse(Func<string, string?> values, DateTimeOffset now)
    {
        var today = DossierForms.VietnamDate(now);
        if (!TryDay(values(From), new DateOnly(today.Year, 1, 1), out var from))
        {
            return (null, From, $"Ngày bắt đầu '{values(From)}' không phải một ngày dạng dd/MM/yyyy.");
        }

        if (!TryDay(values(To), today, out var to))
        {
            return (null, To, $"Ngày kết thúc '{values(To)}' không phải một ngày dạng dd/MM/yyyy.");
        }

        if (from > to)
        {
            return (null, From, $"Ngày bắt đầu {Day(from)} sau ngày kết thúc {Day(to)}.");
        }

        var level = Blank(values(Level));
        if (level is not null && Levels.All(l => l.Key != level))
        {
            return (null, Level, $"Cấp '{level}' không có; chọn province (tỉnh), district (huyện) hoặc commune (xã).");
        }

        var byName = Blank(values(ByName)) ?? "cap";
        if (Dimensions.FirstOrDefault(d => d.Name == byName) is not { Name: not null } by)
        {
            return (null, ByName, $"Không xem theo '{byName}' được; chọn {string.Join(", ", Dimensions.Select(d => d.Name))}.");
        }

        var figure = Blank(values(FigureName));
        if (figure is not null && !ReportFigure.All.Contains(figure))
        {
            return (null, FigureName, $"Chỉ số '{figure}' không có; chọn {string.Join(", ", ReportFigure.All)}.");
        }

        var filter = new ReportFilter(level, Blank(values(Unit)), Blank(values(Sector)), Blank(values(Procedure)), Blank(values(Agency)));
        return (new DashboardQuery(new ReportPeriod(from, to), filter, by.Dimension, figure), null, null);
    }

    /// <summary>The address's query string for this view, changed by <paramref name="change"/> (a null value drops the field).</summary>
    public string Link(string path, params (string Name, string? Value)[] change)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [From] = Day(Period.From),
            [To] = Day(Period.To),
            [Level] = Filter.Level,
            [Agency] = Filter.Agency,
            [Unit] = Filter.Unit,
            [Sector] = Filter.Sector,
            [Procedure] = Filter.Procedure,
            [ByName] = Dimensions.First(d => d.Dimension == By).Name,
            [FigureName] = Figure,
        };
        foreach (var (name, value) in change)
        {
            fields[name] = value;
        }

        return path + "?" + string.Join("&", fields.Where(f => !string.IsNullOrEmpty(f.Value)).Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value!)}"));
    }

    /// <summary>The link to the dossiers behind <paramref name="figure"/> of the row <paramref name="key"/> (null: the whole filter).</summary>
    public string DrillDown(string figure, string? key = null)
    {
        var field = key is null ? null : Dimensions.First(d => d.Dimension == By).Name;
        return field is null
            ? Link("/bao-cao/ho-so", (FigureName, figure))
            : Link("/bao-cao/ho-so", (FigureName, figure), (field, key));
    }

    public static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static bool TryDay(string? text, DateOnly fallback, out DateOnly day)
    {
        if (Blank(text) is not { } value)
        {
            day = fallback;
            return true;
        }

        return DateOnly.TryParseExact(value, DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
