namespace Bpm.Engine;

/// <summary>
/// Counts working time. The engine asks it for every duration that a definition marks as
/// working time (an SLA timer, a step's time allowance, the legal time limit).
/// </summary>
public interface IWorkingCalendar
{
    /// <summary>
    /// The instant at which <paramref name="duration"/> of working time, counted from
    /// <paramref name="start"/>, runs out on the calendar of <paramref name="unitCode"/>
    /// (null: the default calendar).
    /// </summary>
    DateTimeOffset Add(DateTimeOffset start, WorkingDuration duration, string? unitCode = null);

    /// <summary>The working time between two instants (negative when <paramref name="to"/> is earlier).</summary>
    TimeSpan CountWorkingTime(DateTimeOffset from, DateTimeOffset to, string? unitCode = null);

    /// <summary>The latest instant from which <paramref name="duration"/> of working time is left until <paramref name="due"/>.</summary>
    DateTimeOffset Subtract(DateTimeOffset due, WorkingDuration duration, string? unitCode = null);
}

/// <summary>A calendar that works around the clock: a working day is 24 hours.</summary>
public sealed class AroundTheClockCalendar : IWorkingCalendar
{
    /// <summary>The one instance; the calendar has no state.</summary>
    public static AroundTheClockCalendar Instance { get; } = new();

    /// <inheritdoc />
    public DateTimeOffset Add(DateTimeOffset start, WorkingDuration duration, string? unitCode = null) =>
        start.AddHours((double)(duration.Days * 24m)).Add(duration.Time);

    /// <inheritdoc />
    public TimeSpan CountWorkingTime(DateTimeOffset from, DateTimeOffset to, string? unitCode = null) => to - from;

    /// <inheritdoc />
    public DateTimeOffset Subtract(DateTimeOffset due, WorkingDuration duration, string? unitCode = null) =>
        due.AddHours(-(double)(duration.Days * 24m)).Subtract(duration.Time);
}
