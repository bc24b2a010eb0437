using Microsoft.Extensions.Time.Testing;

namespace Bpm.Testing;

/// <summary>Instants written as Vietnamese wall-clock time (UTC+7), the way dossiers and the law state them.</summary>
public static class VietnamTime
{
    public static TimeSpan Offset { get; } = TimeSpan.FromHours(7);

    /// <summary>The instant of a local date and time in Vietnam.</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, Offset);

    /// <summary>A fake clock set to a local date and time in Vietnam; tests move it forward themselves.</summary>
    // Held in UTC: GetUtcNow promises offset zero, and Npgsql refuses to store any other offset.
    public static FakeTimeProvider Clock(int year, int month, int day, int hour, int minute = 0) =>
        new(At(year, month, day, hour, minute).ToUniversalTime());
}
