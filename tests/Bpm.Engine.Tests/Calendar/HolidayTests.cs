using System.Globalization;
using Bpm.Engine.Calendar;

namespace Bpm.Engine.Tests.Calendar;

public class HolidayTests
{
    private static readonly VietnameseWorkingCalendar Calendar = CalendarData.Calendar;

    private static string[] Lines(int year) =>
        [.. Calendar.DaysOff(year).Select(d => d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " " + d.Name)];

    [Fact]
    public void DaysOff_2025_MatchesTheAnnouncement()
    {
        // Công văn 8726/VPCP-KGVX (26/11/2024): Tết 25/1–2/2 (weekdays 27–31/1), 30/4–4/5 with 2/5 swapped,
        // National Day 30/8–2/9; Hùng Kings Monday 7/4 and 1 January by rule.
        string[] expected =
        [
            "2025-01-01 Tết Dương lịch",
            "2025-01-27 Tết Nguyên đán",
            "2025-01-28 Tết Nguyên đán",
            "2025-01-29 Tết Nguyên đán",
            "2025-01-30 Tết Nguyên đán",
            "2025-01-31 Tết Nguyên đán",
            "2025-04-07 Giỗ Tổ Hùng Vương",
            "2025-04-30 Ngày Chiến thắng",
            "2025-05-01 Ngày Quốc tế Lao động",
            "2025-05-02 Nghỉ hoán đổi",
            "2025-09-01 Ngày Quốc khánh",
            "2025-09-02 Ngày Quốc khánh",
        ];

        Assert.Equal(expected, Lines(2025));
    }

    [Fact]
    public void DaysOff_2026_MatchesTheAnnouncements()
    {
        // 12729/VPCP-KGVX: 1–4/1 with 2/1 swapped for Saturday 10/1; 9441/TB-BNV: Tết 16–20/2;
        // Hùng Kings on Sunday 26/4 gives Monday 27/4 off.
        string[] expected =
        [
            "2026-01-01 Tết Dương lịch",
            "2026-01-02 Nghỉ hoán đổi",
            "2026-02-16 Tết Nguyên đán",
            "2026-02-17 Tết Nguyên đán",
            "2026-02-18 Tết Nguyên đán",
            "2026-02-19 Tết Nguyên đán",
            "2026-02-20 Tết Nguyên đán",
            "2026-04-26 Giỗ Tổ Hùng Vương",
            "2026-04-27 Nghỉ bù",
            "2026-04-30 Ngày Chiến thắng",
            "2026-05-01 Ngày Quốc tế Lao động",
            "2026-09-01 Ngày Quốc khánh",
            "2026-09-02 Ngày Quốc khánh",
        ];

        Assert.Equal(expected, Lines(2026));
    }

    [Fact]
    public void DaysOff_2024NationalDayOnMonday_CompensatesSundayFirstSeptemberWithTuesday()
    {
        // The announcement: off from Saturday 31/8 to Tuesday 3/9/2024; the rule reaches it through art. 111(3).
        var september = Calendar.DaysOff(2024).Where(d => d.Date.Month == 9).Select(d => d.Date.Day);

        Assert.Equal([1, 2, 3], september);
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2024, 9, 3)));
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2024, 9, 4)));
    }

    [Fact]
    public void DaysOff_2023HolidaysOnWeekend_GiveTheNextFreeWorkingDays()
    {
        // No announcement file for 2023: Hùng Kings on Saturday 29/4 and 30/4 on Sunday, 1/5 on Monday,
        // so the compensatory days are Tuesday 2/5 and Wednesday 3/5.
        var days = Calendar.DaysOff(2023).Where(d => d.Date.Month is 4 or 5).ToList();

        Assert.Equal(
            ["04-29 Giỗ Tổ Hùng Vương", "04-30 Ngày Chiến thắng", "05-01 Ngày Quốc tế Lao động", "05-02 Nghỉ bù", "05-03 Nghỉ bù"],
            days.Select(d => d.Date.ToString("MM-dd", CultureInfo.InvariantCulture) + " " + d.Name));
        Assert.All(days.Where(d => d.Name == "Nghỉ bù"), d => Assert.Contains("Điều 111 khoản 3", d.Source));
    }

    [Fact]
    public void DaysOff_2019UnderLabourCode2012_HasOneNationalDay()
    {
        var september = Calendar.DaysOff(2019).Where(d => d.Date.Month == 9).ToList();

        Assert.Equal([new DateOnly(2019, 9, 2)], september.Select(d => d.Date));
        Assert.Contains("10/2012/QH13", september[0].Source);
    }

    [Fact]
    public void DaysOff_2021UnderLabourCode2019_HasTwoNationalDays()
    {
        var september = Calendar.DaysOff(2021).Where(d => d.Date.Month == 9).Select(d => d.Date);

        Assert.Equal([new DateOnly(2021, 9, 1), new DateOnly(2021, 9, 2)], september);
    }

    [Fact]
    public void DaysOff_YearWithoutAnnouncement_TetIsLastDayOfOldYearAndFourDaysOfNew()
    {
        // Tết 2027 is Saturday 6/2: 5/2 (Fri), 6–9/2, and Saturday/Sunday are compensated on 10 and 11/2.
        var tet = Calendar.DaysOff(2027).Where(d => d.Date.Month == 2).Select(d => d.Date.Day + " " + d.Name);

        Assert.Equal(
            ["5 Tết Nguyên đán", "6 Tết Nguyên đán", "7 Tết Nguyên đán", "8 Tết Nguyên đán", "9 Tết Nguyên đán", "10 Nghỉ bù", "11 Nghỉ bù"],
            tet);
    }

    [Fact]
    public void IsWorkingDay_SaturdayWorkedInExchange_IsWorking()
    {
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2025, 4, 26)));
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 1, 10)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 1, 17)));
    }

    [Fact]
    public void IsWorkingDay_AnnouncementReplacesTetRule_RuleCompensatoryDayIsWorking()
    {
        // By rule alone Tết 2025 would run 28/1–1/2 with Monday 3/2 as compensatory day; the announcement
        // moved the days to 27–31/1, so 3/2 is a working day and 27/1 is not.
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2025, 2, 3)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2025, 1, 27)));
    }

    [Fact]
    public void DaysOff_EveryDayOff_NamesItsSource()
    {
        foreach (var year in new[] { 2019, 2024, 2025, 2026 })
        {
            Assert.All(Calendar.DaysOff(year), d => Assert.False(string.IsNullOrWhiteSpace(d.Source)));
        }

        Assert.Contains(Calendar.DaysOff(2026), d => d.Source.Contains("9441/TB-BNV"));
        Assert.Equal([2024, 2025, 2026], Calendar.YearsWithOverrides);
    }
}
