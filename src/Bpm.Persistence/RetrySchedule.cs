namespace Bpm.Persistence;

/// <summary>
/// When the outbound outboxes (the applicant's notifications, the national portal's status syncs,
/// partners' handoff messages) try a failed row again, and how long a host holds a row it took before another may try it.
/// One schedule, so an operator reads one rule for every partner system.
/// </summary>
public static class RetrySchedule
{
    /// <summary>Pauses before the 2nd, 3rd… attempt; the last one repeats.</summary>
    public static readonly IReadOnlyList<TimeSpan> Backoff =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(3), TimeSpan.FromHours(6)];

    /// <summary>How long a taken row is left to its host (the host died mid-send).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>The pause after the <paramref name="attempt"/>-th failure (1-based).</summary>
    public static TimeSpan After(int attempt) => Backoff[Math.Min(attempt - 1, Backoff.Count - 1)];
}
