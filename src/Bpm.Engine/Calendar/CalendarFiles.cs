using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Bpm.Engine.Calendar;

/// <summary>
/// Reads the calendar data in <c>workflows/calendars/</c>: <c>holiday-rules.json</c>,
/// <c>office-hours.json</c> and one <c>YYYY.json</c> per year with an official announcement.
/// Every error names the file and the field.
/// </summary>
internal static partial class CalendarFiles
{
    internal const string RulesFileName = "holiday-rules.json";
    internal const string OfficeHoursFileName = "office-hours.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    [GeneratedRegex(@"^(\d{4})\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex YearFileName();

    [GeneratedRegex(@"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex SessionText();

    public static HolidayRuleSet ReadRules(string directory)
    {
        var path = Path.Combine(directory, RulesFileName);
        var file = Read<RulesFile>(path);
        var restDays = new HashSet<DayOfWeek>();
        foreach (var (text, i) in Required(file.WeeklyRestDays, path, "weeklyRestDays").Select((t, i) => (t, i)))
        {
            if (!Enum.TryParse<DayOfWeek>(text, ignoreCase: true, out var day) || int.TryParse(text, out _))
            {
                throw new CalendarDataException($"{path}: weeklyRestDays[{i}] '{text}' is not a day of the week (Monday … Sunday)");
            }

            restDays.Add(day);
        }

        var periods = Required(file.Periods, path, "periods").Select((p, i) => ToPeriod(p, path, $"periods[{i}]")).ToList();
        if (periods.Count == 0)
        {
            throw new CalendarDataException($"{path}: periods is empty; at least one period of holiday rules is required");
        }

        // The periods together are the calendar's coverage, so they must follow each other exactly:
        // a gap would leave days with no holiday rule, an overlap days with two.
        for (var i = 1; i < periods.Count; i++)
        {
            if (periods[i - 1].EffectiveTo is not { } to || to.AddDays(1) != periods[i].EffectiveFrom)
            {
                throw new CalendarDataException(string.Create(CultureInfo.InvariantCulture, $"{path}: periods[{i}].effectiveFrom {periods[i].EffectiveFrom:yyyy-MM-dd} must be the day after periods[{i - 1}].effectiveTo ({periods[i - 1].EffectiveTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "not set"}): periods are in date order with no gap or overlap"));
            }
        }

        if (periods[0].EffectiveFrom < LunarDate.MinSolarDate || periods[^1].EffectiveTo > LunarDate.MaxSolarDate)
        {
            throw new CalendarDataException(string.Create(CultureInfo.InvariantCulture, $"{path}: periods must lie within {LunarDate.MinSolarDate:yyyy-MM-dd} to {LunarDate.MaxSolarDate:yyyy-MM-dd}, the dates lunar holidays are computed for"));
        }

        return new HolidayRuleSet(periods, restDays, RequiredText(file.CompensatoryDayName, path, "compensatoryDayName"));
    }

    public static (OfficeHours Default, IReadOnlyDictionary<string, OfficeHours> Units) ReadOfficeHours(string directory)
    {
        var path = Path.Combine(directory, OfficeHoursFileName);
        var file = Read<OfficeHoursFile>(path);
        var cutOff = ParseTime(RequiredText(file.CutOff, path, "cutOff"), path, "cutOff");
        var defaultWeek = Required(file.Default, path, "default");
        var defaults = ToWeek(defaultWeek, null, path, "default");
        if (defaultWeek.CutOff is not null)
        {
            throw new CalendarDataException($"{path}: default.cutOff is not allowed; the default cut-off is the top-level cutOff");
        }

        var result = new OfficeHours(defaults, cutOff);
        var units = new Dictionary<string, OfficeHours>(StringComparer.OrdinalIgnoreCase);
        foreach (var (code, week) in file.Units ?? [])
        {
            var field = $"units.{code}";
            units[code] = new OfficeHours(ToWeek(week, defaults, path, field), week.CutOff is null ? result.CutOff : ParseTime(week.CutOff, path, field + ".cutOff"));
        }

        return (result, units);
    }

    public static IReadOnlyDictionary<int, YearOverrides> ReadOverrides(string directory)
    {
        var result = new Dictionary<int, YearOverrides>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var match = YearFileName().Match(Path.GetFileName(path));
            if (!match.Success)
            {
                continue;
            }

            var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var file = Read<OverridesFile>(path);
            if (file.Year != year)
            {
                throw new CalendarDataException($"{path}: year is {file.Year} but the file name says {year}");
            }

            var daysOff = ToDays(file.DaysOff, year, path, "daysOff");
            var working = ToDays(file.WorkingDays, year, path, "workingDays");
            var both = daysOff.Select(d => d.Date).Intersect(working.Select(d => d.Date)).ToList();
            if (both.Count > 0)
            {
                throw new CalendarDataException($"{path}: {both[0]:yyyy-MM-dd} is listed both in daysOff and in workingDays");
            }

            var replaces = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, i) in (file.ReplacesRules ?? []).Select((n, i) => (n, i)))
            {
                replaces.Add(RequiredText(name, path, $"replacesRules[{i}]"));
            }

            result[year] = new YearOverrides(year, replaces, daysOff, working);
        }

        return result;
    }

    private static T Read<T>(string path)
    {
        if (!File.Exists(path))
        {
            throw new CalendarDataException($"{path}: file not found");
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new CalendarDataException($"{path}: the file is empty (null)");
        }
        catch (JsonException e)
        {
            throw new CalendarDataException($"{path}: line {e.LineNumber + 1}, field {e.Path}: {e.Message}", e);
        }
    }

    private static HolidayPeriod ToPeriod(PeriodEntry entry, string path, string field)
    {
        var from = entry.EffectiveFrom ?? throw new CalendarDataException($"{path}: {field}.effectiveFrom is required");
        if (entry.EffectiveTo is { } to && to < from)
        {
            throw new CalendarDataException($"{path}: {field}.effectiveTo {to:yyyy-MM-dd} is before effectiveFrom {from:yyyy-MM-dd}");
        }

        var holidays = Required(entry.Holidays, path, field + ".holidays").Select((h, i) => ToRule(h, path, $"{field}.holidays[{i}]")).ToList();
        return new HolidayPeriod(
            RequiredText(entry.Name, path, field + ".name"),
            RequiredText(entry.Source, path, field + ".source"),
            RequiredText(entry.CompensatorySource, path, field + ".compensatorySource"),
            from,
            entry.EffectiveTo,
            holidays);
    }

    private static HolidayRule ToRule(HolidayEntry entry, string path, string field)
    {
        var name = RequiredText(entry.Name, path, field + ".name");
        var calendar = entry.Calendar switch
        {
            "solar" => HolidayCalendar.Solar,
            "lunar" => HolidayCalendar.Lunar,
            _ => throw new CalendarDataException($"{path}: {field}.calendar '{entry.Calendar}' must be \"solar\" or \"lunar\""),
        };
        var maxDay = calendar == HolidayCalendar.Lunar ? 29 : DateTime.DaysInMonth(2001, Math.Clamp(entry.Month, 1, 12));
        if (entry.Month is < 1 or > 12 || entry.Day < 1 || entry.Day > maxDay)
        {
            // Lunar day 30 is left out on purpose: not every month has it, so a rule on it could not hold every year.
            throw new CalendarDataException($"{path}: {field}: month {entry.Month}, day {entry.Day} is not a day every {entry.Calendar} year has");
        }

        if (entry.FirstOffset > entry.LastOffset || entry.FirstOffset < -15 || entry.LastOffset > 15)
        {
            throw new CalendarDataException($"{path}: {field}: firstOffset {entry.FirstOffset} and lastOffset {entry.LastOffset} must satisfy -15 <= firstOffset <= lastOffset <= 15");
        }

        return new HolidayRule(name, calendar, entry.Month, entry.Day, entry.FirstOffset, entry.LastOffset);
    }

    private static Dictionary<DayOfWeek, IReadOnlyList<OfficeSession>> ToWeek(WeekEntry entry, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OfficeSession>>? inherited, string path, string field)
    {
        var texts = new Dictionary<DayOfWeek, string[]?>
        {
            [DayOfWeek.Monday] = entry.Monday,
            [DayOfWeek.Tuesday] = entry.Tuesday,
            [DayOfWeek.Wednesday] = entry.Wednesday,
            [DayOfWeek.Thursday] = entry.Thursday,
            [DayOfWeek.Friday] = entry.Friday,
            [DayOfWeek.Saturday] = entry.Saturday,
            [DayOfWeek.Sunday] = entry.Sunday,
        };
        var week = new Dictionary<DayOfWeek, IReadOnlyList<OfficeSession>>();
        foreach (var (day, sessions) in texts)
        {
            var dayField = $"{field}.{day.ToString().ToLowerInvariant()}";
            if (sessions is null)
            {
                week[day] = inherited?[day] ?? throw new CalendarDataException($"{path}: {dayField} is required in the default week (use [] for a closed day)");
                continue;
            }

            var parsed = sessions.Select((s, i) => ParseSession(s, path, $"{dayField}[{i}]")).ToList();
            for (var i = 1; i < parsed.Count; i++)
            {
                if (parsed[i].Start < parsed[i - 1].End)
                {
                    throw new CalendarDataException($"{path}: {dayField}: sessions must be in order and must not overlap");
                }
            }

            week[day] = parsed;
        }

        if (week.Values.All(s => s.Count == 0))
        {
            throw new CalendarDataException($"{path}: {field} has no opening session on any day of the week");
        }

        return week;
    }

    private static OfficeSession ParseSession(string text, string path, string field)
    {
        var m = SessionText().Match(text ?? "");
        if (!m.Success
            || !TryTime(m.Groups[1].Value, m.Groups[2].Value, out var start)
            || !TryTime(m.Groups[3].Value, m.Groups[4].Value, out var end)
            || end <= start)
        {
            throw new CalendarDataException($"{path}: {field} '{text}' is not a session such as \"07:30-11:30\"");
        }

        return new OfficeSession(start, end);
    }

    private static TimeOnly ParseTime(string text, string path, string field)
    {
        var parts = text.Split(':');
        return parts.Length == 2 && TryTime(parts[0], parts[1], out var time)
            ? time
            : throw new CalendarDataException($"{path}: {field} '{text}' is not a time such as \"15:00\"");
    }

    private static bool TryTime(string hours, string minutes, out TimeOnly time)
    {
        time = default;
        if (!int.TryParse(hours, NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(minutes, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || h > 23 || m > 59)
        {
            return false;
        }

        time = new TimeOnly(h, m);
        return true;
    }

    private static List<DayOff> ToDays(DayEntry[]? entries, int year, string path, string field)
    {
        var days = new List<DayOff>();
        foreach (var (entry, i) in (entries ?? []).Select((e, i) => (e, i)))
        {
            var entryField = $"{field}[{i}]";
            var date = entry.Date ?? throw new CalendarDataException($"{path}: {entryField}.date is required");
            if (date.Year != year)
            {
                throw new CalendarDataException($"{path}: {entryField}.date {date:yyyy-MM-dd} is not in {year}");
            }

            if (days.Any(d => d.Date == date))
            {
                throw new CalendarDataException($"{path}: {entryField}.date {date:yyyy-MM-dd} is listed twice");
            }

            days.Add(new DayOff(date, RequiredText(entry.Name, path, entryField + ".name"), RequiredText(entry.Source, path, entryField + ".source")));
        }

        return days;
    }

    private static T Required<T>(T? value, string path, string field)
        where T : class =>
        value ?? throw new CalendarDataException($"{path}: {field} is required");

    private static string RequiredText(string? value, string path, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new CalendarDataException($"{path}: {field} is required") : value.Trim();

    private sealed class RulesFile
    {
        public string[]? WeeklyRestDays { get; init; }

        public string? CompensatoryDayName { get; init; }

        public PeriodEntry[]? Periods { get; init; }
    }

    private sealed class PeriodEntry
    {
        public string? Name { get; init; }

        public string? Source { get; init; }

        public string? CompensatorySource { get; init; }

        public DateOnly? EffectiveFrom { get; init; }

        public DateOnly? EffectiveTo { get; init; }

        public HolidayEntry[]? Holidays { get; init; }
    }

    private sealed class HolidayEntry
    {
        public string? Name { get; init; }

        public string? Calendar { get; init; }

        public int Month { get; init; }

        public int Day { get; init; }

        public int FirstOffset { get; init; }

        public int LastOffset { get; init; }
    }

    private sealed class OfficeHoursFile
    {
        public string? CutOff { get; init; }

        public WeekEntry? Default { get; init; }

        public Dictionary<string, WeekEntry>? Units { get; init; }
    }

    private sealed class WeekEntry
    {
        public string? CutOff { get; init; }

        public string[]? Monday { get; init; }

        public string[]? Tuesday { get; init; }

        public string[]? Wednesday { get; init; }

        public string[]? Thursday { get; init; }

        public string[]? Friday { get; init; }

        public string[]? Saturday { get; init; }

        public string[]? Sunday { get; init; }
    }

    private sealed class OverridesFile
    {
        public int Year { get; init; }

        public string? Description { get; init; }

        public string[]? Sources { get; init; }

        public string[]? ReplacesRules { get; init; }

        public DayEntry[]? DaysOff { get; init; }

        public DayEntry[]? WorkingDays { get; init; }
    }

    private sealed class DayEntry
    {
        public DateOnly? Date { get; init; }

        public string? Name { get; init; }

        public string? Source { get; init; }
    }
}
