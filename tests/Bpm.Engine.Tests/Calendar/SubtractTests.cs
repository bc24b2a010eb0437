using Bpm.Engine.Calendar;
using static Bpm.Engine.Tests.Calendar.CalendarData;

namespace Bpm.Engine.Tests.Calendar;

public class SubtractTests
{
    private static DateTimeOffset Before(DateTimeOffset due, string duration) =>
        CalendarData.Calendar.Subtract(due, WorkingDuration.Parse(duration));

    [Fact]
    public void Subtract_OneDayFromThursdayClose_GivesWednesdayClose()
    {
        Assert.Equal(Local(2026, 3, 4, 17), Before(Local(2026, 3, 5, 17), "P1D"));
    }

    [Fact]
    public void Subtract_OneDayFromMonday_SkipsTheWeekend()
    {
        Assert.Equal(Local(2026, 3, 6, 17), Before(Local(2026, 3, 9, 17), "P1D"));
    }

    [Fact]
    public void Subtract_TwoDaysAcrossTet2026_SkipsTheHolidays()
    {
        // Tết 2026: 16–20 February are days off; 14–15 are the weekend.
        Assert.Equal(Local(2026, 2, 12, 17), Before(Local(2026, 2, 23, 17), "P2D"));
    }

    [Fact]
    public void Subtract_Hours_StepBackOverOfficeSessionsOnly()
    {
        // Monday 09:00 minus 3 h: 1.5 h of Monday morning, then 1.5 h back from Friday's 17:00 close.
        Assert.Equal(Local(2026, 3, 6, 15, 30), Before(Local(2026, 3, 9, 9), "PT3H"));
    }

    [Fact]
    public void Subtract_IsTheInverseOfAdd_ForWholeDaysEndingAtClose()
    {
        var due = CalendarData.Calendar.Add(Local(2026, 4, 20, 10), WorkingDuration.Parse("P5D"));
        Assert.Equal(Local(2026, 4, 20, 17), Before(due, "P5D"));
    }

    [Fact]
    public void Subtract_NegativeDuration_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CalendarData.Calendar.Subtract(Local(2026, 3, 5, 17), new WorkingDuration(-1, TimeSpan.Zero)));
    }
}
