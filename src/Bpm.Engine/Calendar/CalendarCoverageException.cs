using System.Globalization;

namespace Bpm.Engine.Calendar;

/// <summary>
/// A date outside the period the holiday rules cover: the calendar cannot tell its days off, so it
/// refuses to count working time there rather than treat it as a period without holidays.
/// </summary>
public sealed class CalendarCoverageException : Exception
{
    /// <summary>Creates the exception for <paramref name="date"/> and the covered period.</summary>
    public CalendarCoverageException(DateOnly date, DateOnly coveredFrom, DateOnly coveredTo)
        : base(string.Create(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd} is outside the period the working calendar's holiday rules cover ({coveredFrom:yyyy-MM-dd} to {coveredTo:yyyy-MM-dd}, {VietnameseWorkingCalendar.DataDirectory}/holiday-rules.json)"))
    {
        Date = date;
        CoveredFrom = coveredFrom;
        CoveredTo = coveredTo;
    }

    /// <summary>The first date the calculation needed that the rules do not cover.</summary>
    public DateOnly Date { get; }

    /// <summary>The first day the holiday rules cover.</summary>
    public DateOnly CoveredFrom { get; }

    /// <summary>The last day the holiday rules cover.</summary>
    public DateOnly CoveredTo { get; }
}
