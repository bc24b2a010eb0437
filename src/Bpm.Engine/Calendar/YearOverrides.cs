namespace Bpm.Engine.Calendar;

/// <summary>
/// The government's announcement for one year: days off beyond the rules (or instead of them) and
/// days worked in exchange. Announcements win over the rules: a day worked is not a day off whatever the
/// rules say, and a holiday named in ReplacesRules (e.g. <c>Tết Nguyên đán</c>) takes its days from the
/// announcement alone in that year, with no compensatory days computed for it.
/// </summary>
internal sealed record YearOverrides(int Year, IReadOnlySet<string> ReplacesRules, IReadOnlyList<DayOff> DaysOff, IReadOnlyList<DayOff> WorkingDays);
