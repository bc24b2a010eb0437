namespace Bpm.Engine.Calendar;

/// <remarks>
/// Ho Ngoc Duc's algorithm for the Vietnamese lunisolar calendar: new moons by Meeus' series,
/// the sun's longitude by a low-precision solar theory, both reckoned at UTC+7. Month 11 is the
/// month that contains the winter solstice; in a 13-month year the leap month is the first month
/// after month 11 with no major solar term. Accurate for 1900–2100, the range Bpm supports.
/// </remarks>
internal static class LunarAstronomy
{
    internal const double TimeZoneHours = 7.0;

    private const double SynodicMonth = 29.530588853;
    private const double NewMoonEpoch = 2415021.076998695;
    private const double Dr = Math.PI / 180;

    // DateOnly.DayNumber 0 is 0001-01-01 (proleptic Gregorian), Julian day number 1721426.
    private const int JulianDayOfDayNumberZero = 1721426;

    internal static int JulianDay(DateOnly date) => date.DayNumber + JulianDayOfDayNumberZero;

    internal static DateOnly FromJulianDay(int julianDay) => DateOnly.FromDayNumber(julianDay - JulianDayOfDayNumberZero);

    /// <summary>The Julian day number of the local (UTC+7) day of the k-th new moon after 1900-01-01.</summary>
    internal static int NewMoonDay(int k) => (int)Math.Floor(NewMoon(k) + 0.5 + TimeZoneHours / 24);

    /// <summary>Which of the 12 major-term sectors (0 = spring equinox … 9 = winter solstice) the sun is in at the start of the local day.</summary>
    internal static int SunLongitudeSector(int julianDay) =>
        (int)Math.Floor(SunLongitude(julianDay - 0.5 - TimeZoneHours / 24) / Math.PI * 6);

    /// <summary>The Julian day on which lunar month 11 (the month of the winter solstice) of solar year <paramref name="year"/> begins.</summary>
    internal static int Month11Start(int year)
    {
        var offset = JulianDay(new DateOnly(year, 12, 31)) - 2415021;
        var k = (int)Math.Floor(offset / SynodicMonth);
        var newMoon = NewMoonDay(k);
        return SunLongitudeSector(newMoon) >= 9 ? NewMoonDay(k - 1) : newMoon;
    }

    /// <summary>The index (1-based after month 11 starting at <paramref name="month11Start"/>) of the first month without a major term.</summary>
    internal static int LeapMonthOffset(int month11Start)
    {
        var k = MonthIndex(month11Start);
        var i = 1;
        var sector = SunLongitudeSector(NewMoonDay(k + i));
        int last;
        do
        {
            last = sector;
            i++;
            sector = SunLongitudeSector(NewMoonDay(k + i));
        }
        while (sector != last && i < 14);
        return i - 1;
    }

    /// <summary>The k of the new moon that starts the month beginning on <paramref name="monthStart"/>.</summary>
    internal static int MonthIndex(int monthStart) => (int)Math.Floor((monthStart - NewMoonEpoch) / SynodicMonth + 0.5);

    internal static int NewMoonIndexBefore(int julianDay) => (int)Math.Floor((julianDay - NewMoonEpoch) / SynodicMonth);

    private static double NewMoon(int k)
    {
        var t = k / 1236.85;
        var t2 = t * t;
        var t3 = t2 * t;
        var jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
            + 0.00033 * Math.Sin((166.56 + 132.87 * t - 0.009173 * t2) * Dr);
        var m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
        var mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
        var f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
        var c1 = (0.1734 - 0.000393 * t) * Math.Sin(m * Dr) + 0.0021 * Math.Sin(2 * Dr * m)
            - 0.4068 * Math.Sin(mpr * Dr) + 0.0161 * Math.Sin(Dr * 2 * mpr)
            - 0.0004 * Math.Sin(Dr * 3 * mpr)
            + 0.0104 * Math.Sin(Dr * 2 * f) - 0.0051 * Math.Sin(Dr * (m + mpr))
            - 0.0074 * Math.Sin(Dr * (m - mpr)) + 0.0004 * Math.Sin(Dr * (2 * f + m))
            - 0.0004 * Math.Sin(Dr * (2 * f - m)) - 0.0006 * Math.Sin(Dr * (2 * f + mpr))
            + 0.0010 * Math.Sin(Dr * (2 * f - mpr)) + 0.0005 * Math.Sin(Dr * (2 * mpr + m));
        var deltaT = t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2;
        return jd1 + c1 - deltaT;
    }

    /// <summary>The sun's apparent longitude in radians, normalised to [0, 2π).</summary>
    private static double SunLongitude(double julianDate)
    {
        var t = (julianDate - 2451545.0) / 36525;
        var t2 = t * t;
        var m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
        var l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * Math.Sin(Dr * m)
            + (0.019993 - 0.000101 * t) * Math.Sin(Dr * 2 * m) + 0.000290 * Math.Sin(Dr * 3 * m);
        var l = (l0 + dl) * Dr;
        return l - Math.PI * 2 * Math.Floor(l / (Math.PI * 2));
    }
}
