namespace Bpm.Engine;

/// <summary>
/// Early / on time / late (trước hạn / đúng hạn / quá hạn), as dossiers and steps are evaluated
/// (Circular 01/2018/TT-VPCP art. 13): finished on an earlier day than the due date is early,
/// on the due day by the due time is on time, after the due time is late.
/// </summary>
public static class Punctuality
{
    /// <summary>Finished before the due day.</summary>
    public const string Early = "early";

    /// <summary>Finished on the due day, by the due time.</summary>
    public const string OnTime = "on-time";

    /// <summary>Finished after the due time.</summary>
    public const string Late = "late";

    /// <summary>Evaluates a finish time against a due date; null when there is no due date.</summary>
    public static string? Evaluate(DateTimeOffset finished, DateTimeOffset? due)
    {
        if (due is not { } d)
        {
            return null;
        }

        if (finished > d)
        {
            return Late;
        }

        // Days are compared in the due date's own offset (Vietnam's +07:00), not in UTC.
        return DateOnly.FromDateTime(finished.ToOffset(d.Offset).DateTime) < DateOnly.FromDateTime(d.DateTime) ? Early : OnTime;
    }
}
