using Bpm.Engine.Calendar;

namespace Bpm.Reports;

/// <summary>The days a report covers, both included, counted in Vietnam's time (UTC+7).</summary>
public readonly record struct ReportPeriod(DateOnly From, DateOnly To)
{
    /// <summary>The first instant of <see cref="From"/> in UTC+7.</summary>
    public DateTimeOffset Start => Midnight(From).ToUniversalTime();

    /// <summary>The first instant after <see cref="To"/>: the period is [Start, End).</summary>
    public DateTimeOffset End => Midnight(To.AddDays(1)).ToUniversalTime();

    /// <summary>The period cut into days, months, quarters or years (the first and last pieces clipped to it).</summary>
    public IEnumerable<(string Key, ReportPeriod Period)> Split(PeriodUnit unit)
    {
        for (var start = From; start <= To;)
        {
            var next = unit switch
            {
                PeriodUnit.Day => start.AddDays(1),
                PeriodUnit.Month => new DateOnly(start.Year, start.Month, 1).AddMonths(1),
                PeriodUnit.Quarter => new DateOnly(start.Year, ((start.Month - 1) / 3 * 3) + 1, 1).AddMonths(3),
                PeriodUnit.Year => new DateOnly(start.Year + 1, 1, 1),
                _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, null),
            };
            var key = unit switch
            {
                PeriodUnit.Day => start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                PeriodUnit.Month => start.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                PeriodUnit.Quarter => $"{start.Year}-Q{((start.Month - 1) / 3) + 1}",
                _ => start.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            var end = next.AddDays(-1);
            yield return (key, new ReportPeriod(start, end < To ? end : To));
            start = next;
        }
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), VietnameseWorkingCalendar.UtcOffset);
}

public enum PeriodUnit
{
    Day,
    Month,
    Quarter,
    Year,
}
