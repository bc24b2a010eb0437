using Bpm.Dossiers.Dossiers;

namespace Bpm.Reports.Tests.Reports;

/// <summary>The day a count belongs to is Vietnam's (UTC+7), as the report's periods are.</summary>
public sealed class DossierDayCountsTests
{
    [Theory]
    [InlineData(16, 59, "2021-03-01")] // 23:59 in Vietnam
    [InlineData(17, 0, "2021-03-02")] // midnight in Vietnam
    public void DayOf_AroundMidnightInVietnam_IsTheVietnameseDay(int hourUtc, int minuteUtc, string day)
    {
        var at = new DateTimeOffset(2021, 3, 1, hourUtc, minuteUtc, 0, TimeSpan.Zero);

        Assert.Equal(day, DossierDayCounts.DayOf(at));
        Assert.Equal(day == "2021-03-02", new ReportPeriod(new DateOnly(2021, 3, 2), new DateOnly(2021, 3, 2)).Start <= at);
    }
}
