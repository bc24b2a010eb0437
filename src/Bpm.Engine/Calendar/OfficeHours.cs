namespace Bpm.Engine.Calendar;

/// <summary>One opening session of an office, e.g. the morning 07:30–11:30 (local time, UTC+7).</summary>
internal sealed record OfficeSession(TimeOnly Start, TimeOnly End)
{
    public TimeSpan Length => End - Start;
}

/// <summary>
/// A unit's opening sessions for each day of the week, and the hour after which a dossier received
/// counts as received on the next working day (Decree 61/2018 art. 18).
/// </summary>
internal sealed class OfficeHours(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OfficeSession>> week, TimeOnly cutOff)
{
    public TimeOnly CutOff { get; } = cutOff;

    public IReadOnlyList<OfficeSession> On(DayOfWeek day) => week.TryGetValue(day, out var sessions) ? sessions : [];

    /// <summary>A day worked in exchange for a day off counts as a full weekday: it gets Monday's sessions.</summary>
    public IReadOnlyList<OfficeSession> OnExchangeDay => On(DayOfWeek.Monday);
}
