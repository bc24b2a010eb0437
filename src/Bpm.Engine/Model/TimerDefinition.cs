namespace Bpm.Engine;

/// <summary>When a timer falls due, as the definition states it.</summary>
public sealed class TimerDefinition
{
    internal TimerDefinition(string expression, DateTimeOffset? date, IsoDuration? duration, WorkingDuration? workingDuration, int? repetitions)
    {
        Expression = expression;
        Date = date;
        Duration = duration;
        WorkingDuration = workingDuration;
        Repetitions = repetitions;
    }

    /// <summary>The text of the timer definition.</summary>
    public string Expression { get; }

    /// <summary>A fixed date (<c>timeDate</c>).</summary>
    public DateTimeOffset? Date { get; }

    /// <summary>A calendar-time duration.</summary>
    public IsoDuration? Duration { get; }

    /// <summary>A working-time duration, counted on the working calendar.</summary>
    public WorkingDuration? WorkingDuration { get; }

    /// <summary>For a cycle, how many times it fires (null: not a cycle; -1: unbounded).</summary>
    public int? Repetitions { get; }

    internal DateTimeOffset DueFrom(DateTimeOffset now, IWorkingCalendar calendar, string? unit) =>
        Date ?? (WorkingDuration is { } w ? calendar.Add(now, w, unit) : Duration!.Value.AddTo(now));
}
