namespace Bpm.Engine.Calendar;

internal enum HolidayCalendar
{
    Solar,
    Lunar,
}

/// <summary>One holiday: a day of the solar or lunar year and, for multi-day holidays, the days around it.</summary>
// FirstOffset and LastOffset: the days off relative to the anchor date (Tết: -1 … 3, the last day of the old year and the first four of the new).
internal sealed record HolidayRule(string Name, HolidayCalendar Calendar, int Month, int Day, int FirstOffset, int LastOffset)
{
    public DateOnly? Anchor(int year)
    {
        if (Calendar == HolidayCalendar.Solar)
        {
            return new DateOnly(year, Month, Day);
        }

        // A lunar anchor of lunar year Y lies in solar year Y for the months holidays use (Tết is late Jan–Feb).
        if (year < LunarDate.MinSolarDate.Year || year > LunarDate.MaxSolarDate.Year)
        {
            return null;
        }

        return LunarDate.ToSolar(year, Month, Day);
    }
}

/// <summary>The holidays of one legal period, e.g. the Labour Code 2019 from 1 January 2021.</summary>
// CompensatorySource: the rule that gives the compensatory day off in this period.
internal sealed record HolidayPeriod(string Name, string Source, string CompensatorySource, DateOnly EffectiveFrom, DateOnly? EffectiveTo, IReadOnlyList<HolidayRule> Holidays)
{
    public bool Covers(DateOnly date) => date >= EffectiveFrom && (EffectiveTo is null || date <= EffectiveTo);
}

/// <summary>
/// Public holidays by rule (Labour Code 2019 art. 112 and its predecessors), with the compensatory
/// day off of art. 111(3): a holiday on a weekly rest day moves to the next working day.
/// </summary>
internal sealed class HolidayRuleSet(IReadOnlyList<HolidayPeriod> periods, IReadOnlySet<DayOfWeek> weeklyRestDays, string compensatoryDayName)
{
    public IReadOnlyList<HolidayPeriod> Periods { get; } = periods;

    public IReadOnlySet<DayOfWeek> WeeklyRestDays { get; } = weeklyRestDays;

    /// <summary>
    /// The rule-based days off that fall in <paramref name="year"/>, compensatory days included; a holiday for
    /// which <paramref name="isReplaced"/>(date, name) holds is left out, and so is its compensatory day.
    /// </summary>
    public IReadOnlyDictionary<DateOnly, DayOff> DaysOff(int year, Func<DateOnly, string, bool> isReplaced)
    {
        // Neighbouring years too: a holiday span or a compensatory day may cross New Year.
        var holidays = new SortedDictionary<DateOnly, (DayOff Day, HolidayPeriod Period)>();
        for (var y = year - 1; y <= year + 1; y++)
        {
            foreach (var period in Periods)
            {
                foreach (var rule in period.Holidays)
                {
                    if (rule.Anchor(y) is not { } anchor)
                    {
                        continue;
                    }

                    for (var offset = rule.FirstOffset; offset <= rule.LastOffset; offset++)
                    {
                        var date = anchor.AddDays(offset);
                        if (period.Covers(date) && !isReplaced(date, rule.Name))
                        {
                            holidays.TryAdd(date, (new DayOff(date, rule.Name, period.Source), period));
                        }
                    }
                }
            }
        }

        var result = holidays.ToDictionary(kv => kv.Key, kv => kv.Value.Day);
        foreach (var (holiday, period) in holidays.Values.Where(h => WeeklyRestDays.Contains(h.Day.Date.DayOfWeek)))
        {
            var date = holiday.Date.AddDays(1);
            while (WeeklyRestDays.Contains(date.DayOfWeek) || result.ContainsKey(date))
            {
                date = date.AddDays(1);
            }

            result[date] = new DayOff(date, compensatoryDayName, period.CompensatorySource);
        }

        return result.Where(kv => kv.Key.Year == year).ToDictionary();
    }
}
