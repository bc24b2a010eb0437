namespace Bpm.Engine.Calendar;

/// <summary>A day on which offices are closed beyond the weekly rest days: a public holiday, a
/// compensatory day off, or a day off announced by the government.</summary>
/// <param name="Date">The solar date.</param>
/// <param name="Name">The Vietnamese name shown to staff and citizens, e.g. <c>Tết Nguyên đán</c>.</param>
/// <param name="Source">The legal rule or the announcement the day comes from.</param>
public sealed record DayOff(DateOnly Date, string Name, string Source);
