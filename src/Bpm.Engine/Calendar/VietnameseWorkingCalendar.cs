using System.Collections.Concurrent;

namespace Bpm.Engine.Calendar;

/// <summary>
/// The Vietnamese working calendar (lịch làm việc): office hours per unit, public holidays by rule
/// (Labour Code 2019 art. 111–112, lunar holidays computed), and each year's official announcements,
/// which win over the rules. Times are reckoned at UTC+7 (Asia/Ho_Chi_Minh has had no daylight saving
/// since 1975), so the calendar does not depend on the host's time-zone data. The counting rules are
/// written out with worked examples in <c>docs/working-time.md</c>.
/// </summary>
public sealed class VietnameseWorkingCalendar : IWorkingCalendar
{
    /// <summary>Where the data files live, relative to the repository root.</summary>
    public const string DataDirectory = "workflows/calendars";

    private const int MaxDaysSearched = 3660;

    private readonly HolidayRuleSet _rules;
    private readonly IReadOnlyDictionary<int, YearOverrides> _overrides;
    private readonly OfficeHours _defaultHours;
    private readonly IReadOnlyDictionary<string, OfficeHours> _unitHours;
    private readonly ConcurrentDictionary<int, YearDays> _years = new();

    internal VietnameseWorkingCalendar(HolidayRuleSet rules, IReadOnlyDictionary<int, YearOverrides> overrides, OfficeHours defaultHours, IReadOnlyDictionary<string, OfficeHours> unitHours)
    {
        _rules = rules;
        _overrides = overrides;
        _defaultHours = defaultHours;
        _unitHours = unitHours;
        CoveredFrom = rules.Periods[0].EffectiveFrom;
        CoveredTo = rules.Periods[^1].EffectiveTo ?? LunarDate.MaxSolarDate;
    }

    /// <summary>Vietnam's offset from UTC, +07:00.</summary>
    public static TimeSpan UtcOffset { get; } = TimeSpan.FromHours(7);

    /// <summary>The first day the holiday rules cover; working time before it is refused.</summary>
    public DateOnly CoveredFrom { get; }

    /// <summary>The last day the holiday rules cover; working time after it is refused.</summary>
    public DateOnly CoveredTo { get; }

    /// <summary>The years that have an official announcement file, in order.</summary>
    public IReadOnlyList<int> YearsWithOverrides => [.. _overrides.Keys.Order()];

    /// <summary>
    /// Reads <c>holiday-rules.json</c>, <c>office-hours.json</c> and the <c>YYYY.json</c> announcement files
    /// from <c>workflows/calendars/</c> under <paramref name="repositoryRoot"/>.
    /// </summary>
    /// <exception cref="CalendarDataException">A file is missing or wrong; the message names the file and field.</exception>
    public static VietnameseWorkingCalendar Load(string repositoryRoot)
    {
        var directory = Path.Combine(repositoryRoot, DataDirectory);
        if (!Directory.Exists(directory))
        {
            throw new CalendarDataException($"{directory}: calendar data directory not found");
        }

        var rules = CalendarFiles.ReadRules(directory);
        var overrides = CalendarFiles.ReadOverrides(directory);
        var ruleNames = rules.Periods.SelectMany(p => p.Holidays).Select(h => h.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var announced in overrides.Values)
        {
            if (announced.ReplacesRules.FirstOrDefault(name => !ruleNames.Contains(name)) is { } unknown)
            {
                throw new CalendarDataException($"{Path.Combine(directory, $"{announced.Year}.json")}: replacesRules names '{unknown}', which is not a holiday in {CalendarFiles.RulesFileName}");
            }
        }

        var (defaultHours, units) = CalendarFiles.ReadOfficeHours(directory);
        return new VietnameseWorkingCalendar(rules, overrides, defaultHours, units);
    }

    /// <summary>
    /// The due instant of <paramref name="duration"/> counted from <paramref name="start"/> (e.g. a dossier's
    /// receipt), in UTC+7. Days (whole or half) start on the working day after the day of receipt, and a receipt
    /// after the unit's cut-off hour (default 15:00) or on a day off counts as received on the next working day;
    /// a whole day ends at the close of office, a half day at the end of a session. Hours count office time only,
    /// from <paramref name="start"/> itself.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The duration is negative or not in half days.</exception>
    /// <exception cref="CalendarCoverageException">The count reaches a date the holiday rules do not cover.</exception>
    public DateTimeOffset Add(DateTimeOffset start, WorkingDuration duration, string? unitCode = null)
    {
        if (duration.Days < 0 || duration.Days * 2 != decimal.Truncate(duration.Days * 2) || duration.Time < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "working time must be whole or half days and non-negative hours");
        }

        var hours = HoursOf(unitCode);
        var local = start.ToOffset(UtcOffset);
        if (duration.Days > 0)
        {
            var day = DayOfReceipt(local, hours);
            var wholeDays = (int)decimal.Truncate(duration.Days);
            for (var i = 0; i < wholeDays; i++)
            {
                day = NextWorkingDay(day, hours);
            }

            var sessions = SessionsOn(day, hours);
            local = wholeDays > 0 ? At(day, sessions[^1].End) : At(day, TimeOnly.MinValue);
            if (duration.Days != wholeDays)
            {
                day = NextWorkingDay(day, hours);
                local = At(day, SessionsOn(day, hours)[0].End);
            }
        }

        return duration.Time > TimeSpan.Zero ? AddOfficeTime(local, duration.Time, hours) : local;
    }

    /// <summary>
    /// The latest instant from which <paramref name="duration"/> of working time is left until
    /// <paramref name="due"/>: whole days step back over working days keeping the time of day (a due
    /// date at the close of office gives the close of an earlier working day); half days and hours
    /// step back over office sessions, a half day counting as <see cref="HalfDay"/> of office time.
    /// Used to raise warnings and obligations before a due date.
    /// </summary>
    /// <exception cref="CalendarCoverageException">The count reaches a date the holiday rules do not cover.</exception>
    public DateTimeOffset Subtract(DateTimeOffset due, WorkingDuration duration, string? unitCode = null)
    {
        if (duration.Days < 0 || duration.Time < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "working time must not be negative");
        }

        var hours = HoursOf(unitCode);
        var local = due.ToOffset(UtcOffset);
        var wholeDays = (int)decimal.Truncate(duration.Days);
        if (wholeDays > 0)
        {
            var day = DateOnly.FromDateTime(local.DateTime);
            var time = TimeOnly.FromDateTime(local.DateTime);
            for (var i = 0; i < wholeDays; i++)
            {
                day = PreviousWorkingDay(day, hours);
            }

            var sessions = SessionsOn(day, hours);
            time = time > sessions[^1].End ? sessions[^1].End : time < sessions[0].Start ? sessions[0].Start : time;
            local = At(day, time);
        }

        var rest = duration.Time + (duration.Days != wholeDays ? HalfDay : TimeSpan.Zero);
        return rest > TimeSpan.Zero ? SubtractOfficeTime(local, rest, hours) : local;
    }

    /// <summary>A half working day, when stepping back by office time: 4 hours.</summary>
    public static TimeSpan HalfDay { get; } = TimeSpan.FromHours(4);

    /// <summary>
    /// The office time of <paramref name="unitCode"/> between two instants; negative when
    /// <paramref name="to"/> is before <paramref name="from"/>. Useful to tell early, on time and late apart.
    /// </summary>
    /// <exception cref="CalendarCoverageException">A day between the two is not covered by the holiday rules.</exception>
    public TimeSpan CountWorkingTime(DateTimeOffset from, DateTimeOffset to, string? unitCode = null)
    {
        if (to < from)
        {
            return -CountWorkingTime(to, from, unitCode);
        }

        var hours = HoursOf(unitCode);
        var start = from.ToOffset(UtcOffset);
        var end = to.ToOffset(UtcOffset);
        var total = TimeSpan.Zero;
        for (var day = DateOnly.FromDateTime(start.DateTime); day <= DateOnly.FromDateTime(end.DateTime); day = day.AddDays(1))
        {
            foreach (var session in SessionsOn(day, hours))
            {
                var sessionStart = Max(At(day, session.Start), start);
                var sessionEnd = Min(At(day, session.End), end);
                if (sessionEnd > sessionStart)
                {
                    total += sessionEnd - sessionStart;
                }
            }
        }

        return total;
    }

    /// <summary>The days off of <paramref name="year"/> beyond the weekly rest days, in date order: holidays
    /// by rule, compensatory days, and the year's announcement (which wins over the rules).</summary>
    /// <exception cref="CalendarCoverageException">Part of the year is not covered by the holiday rules.</exception>
    public IReadOnlyList<DayOff> DaysOff(int year)
    {
        // A year only partly covered would list some of its holidays and silently miss the others.
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        if (first < CoveredFrom || last > CoveredTo)
        {
            throw OutsideCoverage(first < CoveredFrom ? first : last);
        }

        return YearOf(year).DaysOff;
    }

    /// <summary>Whether <paramref name="date"/> has any office session for <paramref name="unitCode"/>.</summary>
    /// <exception cref="CalendarCoverageException"><paramref name="date"/> is not covered by the holiday rules.</exception>
    public bool IsWorkingDay(DateOnly date, string? unitCode = null) => SessionsOn(date, HoursOf(unitCode)).Count > 0;

    private CalendarCoverageException OutsideCoverage(DateOnly date) => new(date, CoveredFrom, CoveredTo);

    private OfficeHours HoursOf(string? unitCode) =>
        unitCode is not null && _unitHours.TryGetValue(unitCode, out var hours) ? hours : _defaultHours;

    private IReadOnlyList<OfficeSession> SessionsOn(DateOnly date, OfficeHours hours)
    {
        if (date < CoveredFrom || date > CoveredTo)
        {
            throw OutsideCoverage(date);
        }

        var year = YearOf(date.Year);
        if (year.WorkedInExchange.Contains(date))
        {
            return hours.OnExchangeDay;
        }

        return year.DaysOffByDate.ContainsKey(date) ? [] : hours.On(date.DayOfWeek);
    }

    private YearDays YearOf(int year) => _years.GetOrAdd(year, y =>
    {
        var days = new Dictionary<DateOnly, DayOff>(_rules.DaysOff(y, IsReplaced));
        var worked = new HashSet<DateOnly>();
        if (_overrides.TryGetValue(y, out var announced))
        {
            foreach (var day in announced.DaysOff)
            {
                days[day.Date] = day;
            }

            foreach (var day in announced.WorkingDays)
            {
                days.Remove(day.Date);
                worked.Add(day.Date);
            }
        }

        return new YearDays([.. days.Values.OrderBy(d => d.Date)], days, worked);
    });

    private bool IsReplaced(DateOnly date, string holidayName) =>
        _overrides.TryGetValue(date.Year, out var announced) && announced.ReplacesRules.Contains(holidayName);

    /// <summary>The working day on which a dossier received at <paramref name="received"/> counts as received.</summary>
    private DateOnly DayOfReceipt(DateTimeOffset received, OfficeHours hours)
    {
        var day = DateOnly.FromDateTime(received.DateTime);
        var time = TimeOnly.FromDateTime(received.DateTime);
        var sessions = SessionsOn(day, hours);
        return sessions.Count > 0 && time < hours.CutOff && time < sessions[^1].End ? day : NextWorkingDay(day, hours);
    }

    private DateOnly NextWorkingDay(DateOnly day, OfficeHours hours)
    {
        for (var i = 0; i < MaxDaysSearched; i++)
        {
            day = day.AddDays(1);
            if (SessionsOn(day, hours).Count > 0)
            {
                return day;
            }
        }

        throw new InvalidOperationException($"no working day within {MaxDaysSearched} days after {day:yyyy-MM-dd}");
    }

    private DateOnly PreviousWorkingDay(DateOnly day, OfficeHours hours)
    {
        for (var i = 0; i < MaxDaysSearched; i++)
        {
            day = day.AddDays(-1);
            if (SessionsOn(day, hours).Count > 0)
            {
                return day;
            }
        }

        throw new InvalidOperationException($"no working day within {MaxDaysSearched} days before {day:yyyy-MM-dd}");
    }

    private DateTimeOffset SubtractOfficeTime(DateTimeOffset until, TimeSpan time, OfficeHours hours)
    {
        var remaining = time;
        var day = DateOnly.FromDateTime(until.DateTime);
        for (var i = 0; i < MaxDaysSearched; i++, day = day.AddDays(-1))
        {
            var sessions = SessionsOn(day, hours);
            for (var s = sessions.Count - 1; s >= 0; s--)
            {
                var sessionStart = At(day, sessions[s].Start);
                var sessionEnd = Min(At(day, sessions[s].End), until);
                if (sessionEnd <= sessionStart)
                {
                    continue;
                }

                if (sessionEnd - sessionStart >= remaining)
                {
                    return sessionEnd - remaining;
                }

                remaining -= sessionEnd - sessionStart;
            }
        }

        throw new InvalidOperationException($"{time} of office time does not fit within {MaxDaysSearched} days before {until:O}");
    }

    private DateTimeOffset AddOfficeTime(DateTimeOffset from, TimeSpan time, OfficeHours hours)
    {
        var remaining = time;
        var day = DateOnly.FromDateTime(from.DateTime);
        for (var i = 0; i < MaxDaysSearched; i++, day = day.AddDays(1))
        {
            foreach (var session in SessionsOn(day, hours))
            {
                var sessionStart = Max(At(day, session.Start), from);
                var sessionEnd = At(day, session.End);
                if (sessionEnd <= sessionStart)
                {
                    continue;
                }

                if (sessionEnd - sessionStart >= remaining)
                {
                    return sessionStart + remaining;
                }

                remaining -= sessionEnd - sessionStart;
            }
        }

        throw new InvalidOperationException($"{time} of office time does not fit within {MaxDaysSearched} days after {from:O}");
    }

    private static DateTimeOffset At(DateOnly day, TimeOnly time) => new(day.ToDateTime(time), UtcOffset);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed record YearDays(IReadOnlyList<DayOff> DaysOff, IReadOnlyDictionary<DateOnly, DayOff> DaysOffByDate, IReadOnlySet<DateOnly> WorkedInExchange);
}
