using System.Globalization;
using System.Text.RegularExpressions;

namespace Bpm.Engine;

/// <summary>An ISO 8601 duration (<c>PnYnMnWnDTnHnMnS</c>); fractions are allowed on days and below.</summary>
public readonly partial record struct IsoDuration(int Years, int Months, decimal Weeks, decimal Days, TimeSpan Time)
{
    [GeneratedRegex(@"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? text, out IsoDuration duration, out string? error)
    {
        duration = default;
        error = null;
        var trimmed = text?.Trim() ?? "";
        var m = Pattern().Match(trimmed);
        if (!m.Success || trimmed == "P" || trimmed.EndsWith('T'))
        {
            error = $"'{text}' is not an ISO 8601 duration such as P3D, PT4H or P1DT30M";
            return false;
        }

        static decimal Num(Group g) => g.Success ? decimal.Parse(g.Value.Replace(',', '.'), CultureInfo.InvariantCulture) : 0m;
        try
        {
            var time = TimeSpan.FromHours((double)Num(m.Groups[5]))
                + TimeSpan.FromMinutes((double)Num(m.Groups[6]))
                + TimeSpan.FromSeconds((double)Num(m.Groups[7]));
            duration = new IsoDuration((int)Num(m.Groups[1]), (int)Num(m.Groups[2]), Num(m.Groups[3]), Num(m.Groups[4]), time);
            return true;
        }
        catch (OverflowException)
        {
            error = $"'{text}' is too long a duration";
            return false;
        }
    }

    /// <summary>Adds the duration to <paramref name="start"/> in calendar time.</summary>
    public DateTimeOffset AddTo(DateTimeOffset start) =>
        start.AddYears(Years).AddMonths(Months).AddDays((double)(Weeks * 7 + Days)).Add(Time);

    internal static string FormatTime(TimeSpan time)
    {
        if (time == TimeSpan.Zero)
        {
            return "";
        }

        var s = "T";
        var hours = (int)time.TotalHours;
        if (hours != 0)
        {
            s += hours.ToString(CultureInfo.InvariantCulture) + "H";
        }

        if (time.Minutes != 0)
        {
            s += time.Minutes.ToString(CultureInfo.InvariantCulture) + "M";
        }

        if (time.Seconds != 0)
        {
            s += time.Seconds.ToString(CultureInfo.InvariantCulture) + "S";
        }

        return s;
    }
}
