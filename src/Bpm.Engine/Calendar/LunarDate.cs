namespace Bpm.Engine.Calendar;

/// <summary>
/// A date on the Vietnamese lunisolar calendar (âm lịch), computed astronomically at UTC+7.
/// It differs from the Chinese calendar (UTC+8) in some years, e.g. Tết 1985 fell on
/// 21 January in Vietnam and on 20 February in China. Supported for solar dates in
/// <see cref="MinSolarDate"/>–<see cref="MaxSolarDate"/>.
/// </summary>
/// <param name="Year">The lunar year; it starts at Tết, so late-January dates often belong to the previous year.</param>
/// <param name="Month">The lunar month, 1–12.</param>
/// <param name="Day">The day of the lunar month, 1–30.</param>
/// <param name="IsLeapMonth">Whether the month is the leap (intercalary) repetition of <paramref name="Month"/>.</param>
public readonly record struct LunarDate(int Year, int Month, int Day, bool IsLeapMonth)
{
    /// <summary>The first supported solar date.</summary>
    public static DateOnly MinSolarDate { get; } = new(1900, 1, 1);

    /// <summary>The last supported solar date.</summary>
    public static DateOnly MaxSolarDate { get; } = new(2100, 12, 31);

    /// <summary>The lunar date of the solar (Gregorian) <paramref name="date"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date is outside 1900–2100.</exception>
    public static LunarDate FromSolar(DateOnly date)
    {
        if (date < MinSolarDate || date > MaxSolarDate)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, $"lunar dates are computed for {MinSolarDate:yyyy-MM-dd} to {MaxSolarDate:yyyy-MM-dd}");
        }

        var dayNumber = LunarAstronomy.JulianDay(date);
        // The mean-month estimate of k can be one off when the true new moon strays from the mean one.
        var k = LunarAstronomy.NewMoonIndexBefore(dayNumber) + 1;
        while (LunarAstronomy.NewMoonDay(k) > dayNumber)
        {
            k--;
        }

        var monthStart = LunarAstronomy.NewMoonDay(k);

        var a11 = LunarAstronomy.Month11Start(date.Year);
        var b11 = a11;
        int lunarYear;
        if (a11 >= monthStart)
        {
            lunarYear = date.Year;
            a11 = LunarAstronomy.Month11Start(date.Year - 1);
        }
        else
        {
            lunarYear = date.Year + 1;
            b11 = LunarAstronomy.Month11Start(date.Year + 1);
        }

        var day = dayNumber - monthStart + 1;
        var diff = (monthStart - a11) / 29;
        var isLeap = false;
        var month = diff + 11;
        if (b11 - a11 > 365)
        {
            var leapOffset = LunarAstronomy.LeapMonthOffset(a11);
            if (diff >= leapOffset)
            {
                month = diff + 10;
                isLeap = diff == leapOffset;
            }
        }

        if (month > 12)
        {
            month -= 12;
        }

        if (month >= 11 && diff < 4)
        {
            lunarYear--;
        }

        return new LunarDate(lunarYear, month, day, isLeap);
    }

    /// <summary>The solar (Gregorian) date of a lunar date.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The lunar date does not exist (e.g. day 30 of a 29-day month,
    /// or a leap month in a year whose leap month is another) or lies outside the supported range.</exception>
    public static DateOnly ToSolar(int year, int month, int day, bool isLeapMonth = false)
    {
        if (month is < 1 or > 12 || day is < 1 or > 30 || year < MinSolarDate.Year - 1 || year > MaxSolarDate.Year)
        {
            throw new ArgumentOutOfRangeException(nameof(month), $"{Describe(year, month, day, isLeapMonth)} is not a lunar date in the supported range");
        }

        int a11, b11;
        if (month < 11)
        {
            a11 = LunarAstronomy.Month11Start(year - 1);
            b11 = LunarAstronomy.Month11Start(year);
        }
        else
        {
            a11 = LunarAstronomy.Month11Start(year);
            b11 = LunarAstronomy.Month11Start(year + 1);
        }

        var offset = month - 11;
        if (offset < 0)
        {
            offset += 12;
        }

        if (b11 - a11 > 365)
        {
            var leapOffset = LunarAstronomy.LeapMonthOffset(a11);
            var leapMonth = leapOffset - 2;
            if (leapMonth <= 0)
            {
                leapMonth += 12;
            }

            if (isLeapMonth && month != leapMonth)
            {
                throw new ArgumentOutOfRangeException(nameof(isLeapMonth), $"{Describe(year, month, day, isLeapMonth)} does not exist: the leap month of that year is {leapMonth}");
            }

            if (isLeapMonth || offset >= leapOffset)
            {
                offset++;
            }
        }
        else if (isLeapMonth)
        {
            throw new ArgumentOutOfRangeException(nameof(isLeapMonth), $"{Describe(year, month, day, isLeapMonth)} does not exist: that lunar year has no leap month");
        }

        var k = LunarAstronomy.MonthIndex(a11);
        var solar = LunarAstronomy.FromJulianDay(LunarAstronomy.NewMoonDay(k + offset) + day - 1);
        if (solar < MinSolarDate || solar > MaxSolarDate || FromSolar(solar) != new LunarDate(year, month, day, isLeapMonth))
        {
            throw new ArgumentOutOfRangeException(nameof(day), $"{Describe(year, month, day, isLeapMonth)} does not exist or is outside the supported range");
        }

        return solar;
    }

    /// <summary>The solar (Gregorian) date of this lunar date.</summary>
    public DateOnly ToSolar() => ToSolar(Year, Month, Day, IsLeapMonth);

    /// <summary>Day/month/year as Vietnamese calendars print it, e.g. <c>10/3/2026</c> or <c>15/6 nhuận/2025</c>.</summary>
    public override string ToString() => Describe(Year, Month, Day, IsLeapMonth);

    private static string Describe(int year, int month, int day, bool isLeapMonth) =>
        FormattableString.Invariant($"{day}/{month}{(isLeapMonth ? " nhuận" : "")}/{year}");
}
