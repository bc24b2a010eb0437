using Bpm.Engine.Calendar;
using static Bpm.Engine.Tests.Calendar.CalendarData;

namespace Bpm.Engine.Tests.Calendar;

/// <summary>
/// The holiday rules cover 2000 to 2100 (Labour Code 1994, as amended in 2007, then 2012 and 2019);
/// outside that the calendar refuses instead of counting as if there were no holidays.
/// </summary>
public sealed class CoverageTests : IDisposable
{
    private readonly string _root = CopyToTemporaryRoot();

    private static VietnameseWorkingCalendar Repository => CalendarData.Calendar;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Coverage_RepositoryRules_From2000To2100()
    {
        Assert.Equal((new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31)), (Repository.CoveredFrom, Repository.CoveredTo));
    }

    [Fact]
    public void DaysOff_2005UnderLabourCode1994_FourTetDaysAndNoHungKingsDay()
    {
        var days = Repository.DaysOff(2005);

        // Tết Ất Dậu: 1/1 lunar was Wednesday 9 February 2005; the rule takes the 8th to the 11th.
        Assert.Equal(
            [new DateOnly(2005, 2, 8), new DateOnly(2005, 2, 9), new DateOnly(2005, 2, 10), new DateOnly(2005, 2, 11)],
            days.Where(d => d.Name == "Tết Nguyên đán").Select(d => d.Date));
        Assert.DoesNotContain(days, d => d.Name == "Giỗ Tổ Hùng Vương");
        Assert.All(days.Where(d => d.Name != "Nghỉ bù"), d => Assert.Contains("23/6/1994", d.Source));
    }

    [Fact]
    public void DaysOff_2007AfterTheAmendment_HasHungKingsDay()
    {
        var days = Repository.DaysOff(2007);

        var hungKings = Assert.Single(days, d => d.Name == "Giỗ Tổ Hùng Vương");
        Assert.Equal(new DateOnly(2007, 4, 26), hungKings.Date);
        Assert.Contains("84/2007/QH11", hungKings.Source);
        Assert.Equal(4, days.Count(d => d.Name == "Tết Nguyên đán"));
    }

    [Fact]
    public void DaysOff_2012And2014_TetGrowsFromFourToFiveDays()
    {
        Assert.Equal(4, Repository.DaysOff(2012).Count(d => d.Name == "Tết Nguyên đán"));
        Assert.Equal(5, Repository.DaysOff(2014).Count(d => d.Name == "Tết Nguyên đán"));
    }

    [Theory]
    [InlineData(1985)]
    [InlineData(1999)]
    public void DaysOff_YearBeforeTheRules_ThrowsNamingTheCoveredPeriod(int year)
    {
        var e = Assert.Throws<CalendarCoverageException>(() => Repository.DaysOff(year));

        Assert.Equal(new DateOnly(year, 1, 1), e.Date);
        Assert.Equal((new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31)), (e.CoveredFrom, e.CoveredTo));
        Assert.Contains("2000-01-01 to 2100-12-31", e.Message);
    }

    [Fact]
    public void Add_ReceivedBeforeTheRules_Throws()
    {
        var e = Assert.Throws<CalendarCoverageException>(() => Repository.Add(Local(1999, 12, 30, 10), WorkingDuration.Parse("P1D")));

        Assert.Equal(new DateOnly(1999, 12, 30), e.Date);
    }

    [Fact]
    public void Subtract_StepsBackBeforeTheRules_Throws()
    {
        var e = Assert.Throws<CalendarCoverageException>(() => Repository.Subtract(Local(2000, 1, 4, 17), WorkingDuration.Parse("P3D")));

        Assert.True(e.Date < e.CoveredFrom);
    }

    [Fact]
    public void CountWorkingTime_FromBeforeTheRules_Throws()
    {
        Assert.Throws<CalendarCoverageException>(() => Repository.CountWorkingTime(Local(1999, 12, 31, 8), Local(2000, 1, 4, 8)));
    }

    [Fact]
    public void IsWorkingDay_AfterTheRules_Throws()
    {
        Assert.Throws<CalendarCoverageException>(() => Repository.IsWorkingDay(new DateOnly(2101, 1, 3)));
    }

    [Fact]
    public void Load_PeriodsWithAGap_NamesTheField()
    {
        var rules = Path.Combine(_root, VietnameseWorkingCalendar.DataDirectory, "holiday-rules.json");
        File.WriteAllText(rules, File.ReadAllText(rules).Replace("\"effectiveFrom\": \"2013-05-01\"", "\"effectiveFrom\": \"2013-06-01\"", StringComparison.Ordinal));

        var e = Assert.Throws<CalendarDataException>(() => VietnameseWorkingCalendar.Load(_root));

        Assert.Contains("holiday-rules.json: periods[2].effectiveFrom 2013-06-01 must be the day after periods[1].effectiveTo (2013-04-30)", e.Message);
    }

    [Fact]
    public void Load_LaterFirstPeriod_ShrinksTheCoverage()
    {
        var rules = Path.Combine(_root, VietnameseWorkingCalendar.DataDirectory, "holiday-rules.json");
        var text = File.ReadAllText(rules);
        var first = text.IndexOf("\"effectiveFrom\": \"2000-01-01\"", StringComparison.Ordinal);
        File.WriteAllText(rules, text.Remove(first, "\"effectiveFrom\": \"2000-01-01\"".Length).Insert(first, "\"effectiveFrom\": \"2003-01-01\""));

        var calendar = VietnameseWorkingCalendar.Load(_root);

        Assert.Equal(new DateOnly(2003, 1, 1), calendar.CoveredFrom);
        Assert.Throws<CalendarCoverageException>(() => calendar.DaysOff(2002));
    }
}
