using System.Globalization;

namespace Bpm.Engine;

/// <summary>
/// A span of working time: whole or half working days, then working hours and minutes.
/// Written in ISO 8601 as <c>P3D</c>, <c>P0.5D</c>, <c>PT4H</c>, <c>P1DT2H30M</c>.
/// </summary>
/// <param name="Days">Working days; a multiple of 0.5.</param>
/// <param name="Time">Working hours and minutes beyond the days.</param>
public readonly record struct WorkingDuration(decimal Days, TimeSpan Time)
{
    /// <summary>Parses an ISO 8601 duration made of days, hours, minutes and seconds only.</summary>
    public static bool TryParse(string? text, out WorkingDuration duration, out string? error)
    {
        duration = default;
        if (!IsoDuration.TryParse(text, out var iso, out error))
        {
            return false;
        }

        if (iso.Years != 0 || iso.Months != 0)
        {
            error = $"'{text}': working time is counted in days, hours and minutes, not years or months";
            return false;
        }

        var days = iso.Weeks * 5 + iso.Days;
        if (days * 2 != decimal.Truncate(days * 2))
        {
            error = $"'{text}': working days must be whole or half days";
            return false;
        }

        duration = new WorkingDuration(days, iso.Time);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/>.</summary>
    public static WorkingDuration Parse(string text) =>
        TryParse(text, out var d, out var error) ? d : throw new FormatException(error);

    /// <summary>The ISO 8601 form.</summary>
    public override string ToString()
    {
        var days = Days == 0 ? "" : Days.ToString(CultureInfo.InvariantCulture) + "D";
        var time = IsoDuration.FormatTime(Time);
        return days.Length == 0 && time.Length == 0 ? "PT0S" : "P" + days + time;
    }
}
