using System.Globalization;
using Bpm.Engine.Calendar;
using CsCheck;

namespace Bpm.Engine.Tests.Calendar;

public class LunarDateTests
{
    // Tết (1/1 lunar) in Vietnam. 2024–2026 match the government's holiday announcements
    // (see workflows/calendars/*.json); 1985 and 2007 are the years Vietnam's UTC+7 calendar
    // departs from China's UTC+8 one; the rest are the published Vietnamese calendar dates.
    // 2030: the new moon falls at about 23:07 on 2 February at UTC+7 (00:07 on 3 February at UTC+8),
    // so Tết is 2 February in Vietnam and 3 February in China.
    [Theory]
    [InlineData(1985, "1985-01-21")]
    [InlineData(2007, "2007-02-17")]
    [InlineData(2019, "2019-02-05")]
    [InlineData(2020, "2020-01-25")]
    [InlineData(2021, "2021-02-12")]
    [InlineData(2022, "2022-02-01")]
    [InlineData(2023, "2023-01-22")]
    [InlineData(2024, "2024-02-10")]
    [InlineData(2025, "2025-01-29")]
    [InlineData(2026, "2026-02-17")]
    [InlineData(2027, "2027-02-06")]
    [InlineData(2028, "2028-01-26")]
    [InlineData(2029, "2029-02-13")]
    [InlineData(2030, "2030-02-02")]
    public void ToSolar_LunarNewYear_IsTheVietnameseTet(int year, string tet)
    {
        Assert.Equal(DateOnly.Parse(tet, CultureInfo.InvariantCulture), LunarDate.ToSolar(year, 1, 1));
        Assert.Equal(new LunarDate(year, 1, 1, false), LunarDate.FromSolar(DateOnly.Parse(tet, CultureInfo.InvariantCulture)));
    }

    // Giỗ Tổ Hùng Vương, 10/3 lunar; 2019–2026 as announced and reported each year, 2027–2030 as printed in published Vietnamese perpetual calendars (lịch vạn niên).
    [Theory]
    [InlineData(2019, "2019-04-14")]
    [InlineData(2020, "2020-04-02")]
    [InlineData(2021, "2021-04-21")]
    [InlineData(2022, "2022-04-10")]
    [InlineData(2023, "2023-04-29")]
    [InlineData(2024, "2024-04-18")]
    [InlineData(2025, "2025-04-07")]
    [InlineData(2026, "2026-04-26")]
    [InlineData(2027, "2027-04-16")]
    [InlineData(2028, "2028-04-04")]
    [InlineData(2029, "2029-04-23")]
    [InlineData(2030, "2030-04-12")]
    public void ToSolar_HungKingsDay_MatchesPublishedDate(int year, string date)
    {
        Assert.Equal(DateOnly.Parse(date, CultureInfo.InvariantCulture), LunarDate.ToSolar(year, 3, 10));
    }

    [Theory]
    [InlineData(1985)]
    [InlineData(2007)]
    [InlineData(2030)]
    public void FromSolar_YearsWhereChinaDiffers_DoesNotFollowChineseCalendar(int year)
    {
        var chinese = new ChineseLunisolarCalendar();
        var chineseNewYear = DateOnly.FromDateTime(chinese.ToDateTime(year, 1, 1, 0, 0, 0, 0));

        Assert.NotEqual(chineseNewYear, LunarDate.ToSolar(year, 1, 1));
    }

    [Theory]
    [InlineData("2020-05-23", 2020, 4)]
    [InlineData("2023-03-22", 2023, 2)]
    [InlineData("2025-07-25", 2025, 6)]
    public void FromSolar_FirstDayOfLeapMonth_IsMarkedLeap(string solar, int year, int month)
    {
        var date = DateOnly.Parse(solar, CultureInfo.InvariantCulture);

        Assert.Equal(new LunarDate(year, month, 1, true), LunarDate.FromSolar(date));
        Assert.Equal(date, LunarDate.ToSolar(year, month, 1, isLeapMonth: true));
        Assert.InRange(date.DayNumber - LunarDate.ToSolar(year, month, 1).DayNumber, 29, 30);
    }

    [Fact]
    public void ToSolar_LeapMonthTheYearDoesNotHave_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LunarDate.ToSolar(2025, 5, 1, isLeapMonth: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => LunarDate.ToSolar(2024, 3, 1, isLeapMonth: true));
    }

    [Fact]
    public void ToSolar_DayThirtyOfShortMonth_Throws()
    {
        // Month 12 of Ất Tỵ (2025) has 29 days: the day after 29/12 is Tết 2026.
        Assert.Equal(new DateOnly(2026, 2, 16), LunarDate.ToSolar(2025, 12, 29));
        Assert.Throws<ArgumentOutOfRangeException>(() => LunarDate.ToSolar(2025, 12, 30));
    }

    [Fact]
    public void FromSolar_OutsideSupportedRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LunarDate.FromSolar(new DateOnly(1899, 12, 31)));
        Assert.Throws<ArgumentOutOfRangeException>(() => LunarDate.FromSolar(new DateOnly(2101, 1, 1)));
    }

    [Fact]
    public void FromSolar_EveryDayOfTheRange_AdvancesLikeALunarCalendar()
    {
        // Each day is the next lunar day; months have 29 or 30 days; a leap month repeats the month before it;
        // month 1 day 1 starts a new year, which has 12 or 13 months.
        var previous = LunarDate.FromSolar(LunarDate.MinSolarDate);
        var monthsInYear = 0;
        for (var date = LunarDate.MinSolarDate.AddDays(1); date <= LunarDate.MaxSolarDate; date = date.AddDays(1))
        {
            var current = LunarDate.FromSolar(date);
            if (current.Day != 1)
            {
                Assert.Equal(previous with { Day = previous.Day + 1 }, current);
                previous = current;
                continue;
            }

            Assert.InRange(previous.Day, 29, 30);
            monthsInYear++;
            if (current.IsLeapMonth)
            {
                Assert.Equal((previous.Year, previous.Month, false), (current.Year, current.Month, previous.IsLeapMonth));
            }
            else if (current.Month == 1)
            {
                Assert.Equal((previous.Year + 1, 12), (current.Year, previous.Month));
                Assert.True(monthsInYear is 12 or 13 || current.Year == 1900, $"lunar year {previous.Year} had {monthsInYear} months");
                monthsInYear = 0;
            }
            else
            {
                Assert.Equal((previous.Year, previous.Month + 1), (current.Year, current.Month));
            }

            previous = current;
        }
    }

    [Fact]
    public void ToSolar_FromSolarOfAnyDate_RoundTrips()
    {
        Gen.Int[LunarDate.MinSolarDate.DayNumber, LunarDate.MaxSolarDate.DayNumber]
            .Select(DateOnly.FromDayNumber)
            .Sample(date => LunarDate.FromSolar(date).ToSolar() == date, iter: 20_000);
    }
}
