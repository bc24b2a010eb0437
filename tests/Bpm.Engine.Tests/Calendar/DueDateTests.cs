using Bpm.Engine.Calendar;
using static Bpm.Engine.Tests.Calendar.CalendarData;

namespace Bpm.Engine.Tests.Calendar;

public class DueDateTests
{
    private const string SaturdayUnit = "EXAMPLE-SATURDAY-MORNING";

    private static readonly VietnameseWorkingCalendar WorkingCalendar = CalendarData.Calendar;

    private static DateTimeOffset Due(DateTimeOffset start, string duration, string? unit = null) =>
        WorkingCalendar.Add(start, WorkingDuration.Parse(duration), unit);

    [Fact]
    public void Add_ReceivedMondayMorning_CountsFromTuesdayAndEndsAtClose()
    {
        Assert.Equal(Local(2026, 3, 5, 17), Due(Local(2026, 3, 2, 10), "P3D"));
    }

    [Fact]
    public void Add_ReceivedAfterCutOff_CountsAsReceivedNextWorkingDay()
    {
        Assert.Equal(Local(2026, 3, 6, 17), Due(Local(2026, 3, 2, 15, 30), "P3D"));
        Assert.Equal(Local(2026, 3, 6, 17), Due(Local(2026, 3, 2, 15), "P3D"));
        Assert.Equal(Local(2026, 3, 5, 17), Due(Local(2026, 3, 2, 14, 59), "P3D"));
    }

    [Fact]
    public void Add_ReceivedOnSaturday_CountsAsReceivedMonday()
    {
        Assert.Equal(Local(2026, 3, 10, 17), Due(Local(2026, 3, 7, 9), "P1D"));
    }

    [Fact]
    public void Add_ReceivedFriday_SkipsTheWeekend()
    {
        Assert.Equal(Local(2026, 3, 9, 17), Due(Local(2026, 3, 6, 10), "P1D"));
    }

    [Fact]
    public void Add_SpanningTet2026_SkipsTheAnnouncedDaysOff()
    {
        // Received Friday 13/2; 16–20/2 off, so the three days are 23, 24 and 25 February.
        Assert.Equal(Local(2026, 2, 25, 17), Due(Local(2026, 2, 13, 10), "P3D"));
    }

    [Fact]
    public void Add_HolidayOnSunday_SkipsTheCompensatoryMonday()
    {
        // Hùng Kings 2026 is Sunday 26/4, so Monday 27/4 is off.
        Assert.Equal(Local(2026, 4, 28, 17), Due(Local(2026, 4, 24, 10), "P1D"));
    }

    [Fact]
    public void Add_SaturdayWorkedInExchange_CountsAsAWorkingDay()
    {
        // Saturday 10/1/2026 is worked in exchange for Friday 2/1.
        Assert.Equal(Local(2026, 1, 10, 17), Due(Local(2026, 1, 9, 10), "P1D"));
    }

    [Fact]
    public void Add_HalfDay_EndsAtTheEndOfTheMorningSession()
    {
        Assert.Equal(Local(2026, 3, 3, 11, 30), Due(Local(2026, 3, 2, 10), "P0.5D"));
        Assert.Equal(Local(2026, 3, 5, 11, 30), Due(Local(2026, 3, 2, 10), "P2.5D"));
    }

    [Fact]
    public void Add_WorkingHoursFromFridayAfternoon_ContinueOnMonday()
    {
        Assert.Equal(Local(2026, 3, 9, 10, 30), Due(Local(2026, 3, 6, 16), "PT4H"));
    }

    [Fact]
    public void Add_WorkingHours_SkipTheLunchBreakAndIgnoreTheCutOff()
    {
        Assert.Equal(Local(2026, 3, 2, 14), Due(Local(2026, 3, 2, 10), "PT2H"));
        Assert.Equal(Local(2026, 3, 2, 11, 30), Due(Local(2026, 3, 2, 10), "PT1H30M"));
        Assert.Equal(Local(2026, 3, 3, 8), Due(Local(2026, 3, 2, 16), "PT1H30M"));
    }

    [Fact]
    public void Add_WorkingHoursBeforeOpening_StartAtOpening()
    {
        Assert.Equal(Local(2026, 3, 2, 8, 30), Due(Local(2026, 3, 2, 6), "PT1H"));
    }

    [Fact]
    public void Add_DaysThenHours_HoursContinueAfterTheLastDay()
    {
        Assert.Equal(Local(2026, 3, 4, 9, 30), Due(Local(2026, 3, 2, 10), "P1DT2H"));
    }

    [Fact]
    public void Add_StartInUtc_AnswersInVietnamTime()
    {
        var due = Due(new DateTimeOffset(2026, 3, 2, 3, 0, 0, TimeSpan.Zero), "P3D");

        Assert.Equal(Local(2026, 3, 5, 17), due);
        Assert.Equal(TimeSpan.FromHours(7), due.Offset);
    }

    [Fact]
    public void Add_SaturdayMorningUnit_CountsSaturdayAsAWorkingDay()
    {
        Assert.Equal(Local(2026, 3, 7, 11, 30), Due(Local(2026, 3, 5, 10), "P2D", SaturdayUnit));
        Assert.Equal(Local(2026, 3, 9, 17), Due(Local(2026, 3, 7, 9), "P1D", SaturdayUnit));
        Assert.Equal(Local(2026, 3, 7, 10, 30), Due(Local(2026, 3, 6, 16), "PT4H", SaturdayUnit));
    }

    [Fact]
    public void Add_UnknownUnit_UsesDefaultHours()
    {
        Assert.Equal(Due(Local(2026, 3, 5, 10), "P2D"), Due(Local(2026, 3, 5, 10), "P2D", "NO-SUCH-UNIT"));
        Assert.Equal(Local(2026, 3, 9, 17), Due(Local(2026, 3, 5, 10), "P2D", "NO-SUCH-UNIT"));
    }

    [Fact]
    public void Add_SaturdayMorningUnitOnHoliday_IsClosed()
    {
        // Saturday 25/4/2026 is an ordinary Saturday, open for the unit; Monday 27/4 is a compensatory day off.
        Assert.Equal(Local(2026, 4, 28, 17), Due(Local(2026, 4, 24, 16), "P1D", SaturdayUnit));
    }

    [Fact]
    public void Add_ZeroDuration_ReturnsTheStart()
    {
        Assert.Equal(Local(2026, 3, 7, 9), Due(Local(2026, 3, 7, 9), "PT0S"));
    }

    [Fact]
    public void Add_DaysNotInHalves_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingCalendar.Add(Local(2026, 3, 2, 10), new WorkingDuration(0.3m, TimeSpan.Zero)));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingCalendar.Add(Local(2026, 3, 2, 10), new WorkingDuration(0, TimeSpan.FromHours(-1))));
    }

    [Fact]
    public void Add_BeyondTheSupportedRange_Throws()
    {
        Assert.Throws<CalendarCoverageException>(() => Due(Local(2100, 12, 30, 10), "P5D"));
    }

    [Fact]
    public void CountWorkingTime_OverTheWeekend_CountsOfficeHoursOnly()
    {
        Assert.Equal(TimeSpan.FromHours(4), WorkingCalendar.CountWorkingTime(Local(2026, 3, 6, 16), Local(2026, 3, 9, 10, 30)));
        Assert.Equal(TimeSpan.FromHours(-4), WorkingCalendar.CountWorkingTime(Local(2026, 3, 9, 10, 30), Local(2026, 3, 6, 16)));
    }

    [Fact]
    public void CountWorkingTime_AWeekOfTet_IsZero()
    {
        Assert.Equal(TimeSpan.Zero, WorkingCalendar.CountWorkingTime(Local(2026, 2, 13, 17), Local(2026, 2, 23, 7, 30)));
        Assert.Equal(TimeSpan.FromHours(7.5), WorkingCalendar.CountWorkingTime(Local(2026, 2, 23, 0), Local(2026, 2, 24, 0)));
    }

    [Fact]
    public void CountWorkingTime_InverseOfAddHours_ForAnyStart()
    {
        var start = Local(2026, 2, 10, 6);
        for (var i = 0; i < 200; i++)
        {
            var from = start.AddMinutes(i * 97);
            var hours = TimeSpan.FromMinutes(15 * (i % 60 + 1));
            var due = WorkingCalendar.Add(from, new WorkingDuration(0, hours));

            Assert.Equal(hours, WorkingCalendar.CountWorkingTime(from, due));
        }
    }
}
