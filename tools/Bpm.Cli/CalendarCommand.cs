using System.Globalization;
using Bpm.Engine;
using Bpm.Engine.Calendar;

namespace Bpm.Cli;

/// <summary><c>bpm calendar holidays --year YYYY</c> and <c>bpm calendar due --from … (--working-days N | --working-hours N) [--unit UNIT]</c>.</summary>
internal static class CalendarCommand
{
    private const string Help = """
        usage: bpm calendar holidays --year YYYY
               bpm calendar due --from ISO_DATETIME (--working-days N | --working-hours N) [--unit UNIT]
          --year           a year from 1900 to 2100
          --from           the moment of receipt, e.g. 2026-03-02T10:00 (read as UTC+7) or 2026-03-02T10:00:00+07:00
          --working-days   whole or half working days, e.g. 3 or 0.5
          --working-hours  working hours, e.g. 4 or 1.5
          --unit           the unit code whose office hours apply (default office hours when omitted or unknown)
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string repositoryRoot)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(Help);
            return args.Length == 0 ? Cli.Usage : Cli.Ok;
        }

        if (!TryParseOptions(args.AsSpan(1), out var options, out var error))
        {
            return Fail(stderr, error);
        }

        return args[0] switch
        {
            "holidays" => Holidays(options, stdout, stderr, repositoryRoot),
            "due" => Due(options, stdout, stderr, repositoryRoot),
            _ => Fail(stderr, $"unknown calendar command '{args[0]}'"),
        };
    }

    private static int Holidays(Dictionary<string, string> options, TextWriter stdout, TextWriter stderr, string repositoryRoot)
    {
        if (!Allow(options, stderr, "--year"))
        {
            return Cli.Usage;
        }

        if (!options.TryGetValue("--year", out var yearText))
        {
            return Fail(stderr, "holidays needs --year YYYY");
        }

        if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || year < LunarDate.MinSolarDate.Year || year > LunarDate.MaxSolarDate.Year)
        {
            return Fail(stderr, $"--year '{yearText}' must be a year from {LunarDate.MinSolarDate.Year} to {LunarDate.MaxSolarDate.Year}");
        }

        return WithCalendar(repositoryRoot, stderr, calendar =>
        {
            foreach (var day in calendar.DaysOff(year))
            {
                stdout.WriteLine(FormattableString.Invariant($"{day.Date:yyyy-MM-dd} {day.Name}"));
            }
        });
    }

    private static int Due(Dictionary<string, string> options, TextWriter stdout, TextWriter stderr, string repositoryRoot)
    {
        if (!Allow(options, stderr, "--from", "--working-days", "--working-hours", "--unit"))
        {
            return Cli.Usage;
        }

        if (!options.TryGetValue("--from", out var fromText))
        {
            return Fail(stderr, "due needs --from ISO_DATETIME");
        }

        if (!TryParseInstant(fromText, out var from))
        {
            return Fail(stderr, $"--from '{fromText}' is not an ISO 8601 date-time such as 2026-03-02T10:00:00+07:00");
        }

        var hasDays = options.TryGetValue("--working-days", out var daysText);
        var hasHours = options.TryGetValue("--working-hours", out var hoursText);
        if (hasDays == hasHours)
        {
            return Fail(stderr, "due needs exactly one of --working-days N and --working-hours N");
        }

        WorkingDuration duration;
        if (hasDays)
        {
            if (!decimal.TryParse(daysText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var days) || days * 2 != decimal.Truncate(days * 2))
            {
                return Fail(stderr, $"--working-days '{daysText}' must be a non-negative number of whole or half days, e.g. 3 or 0.5");
            }

            duration = new WorkingDuration(days, TimeSpan.Zero);
        }
        else
        {
            if (!decimal.TryParse(hoursText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var hours) || hours > 100_000)
            {
                return Fail(stderr, $"--working-hours '{hoursText}' must be a non-negative number of hours, e.g. 4 or 1.5");
            }

            duration = new WorkingDuration(0, TimeSpan.FromMinutes((double)(hours * 60)));
        }

        options.TryGetValue("--unit", out var unit);
        return WithCalendar(repositoryRoot, stderr, calendar =>
        {
            var due = calendar.Add(from, duration, unit);
            stdout.WriteLine(due.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        });
    }

    private static int WithCalendar(string repositoryRoot, TextWriter stderr, Action<VietnameseWorkingCalendar> action)
    {
        try
        {
            action(VietnameseWorkingCalendar.Load(repositoryRoot));
            return Cli.Ok;
        }
        catch (CalendarDataException e)
        {
            stderr.WriteLine($"bpm: {e.Message}");
            return Cli.Failed;
        }
        catch (CalendarCoverageException e)
        {
            // Not a usage error: the data has no holiday rules for the date, and an answer without them would be wrong.
            stderr.WriteLine($"bpm: {e.Message}");
            return Cli.Failed;
        }
    }

    /// <summary>A date-time without an offset is local Vietnamese time (UTC+7).</summary>
    private static bool TryParseInstant(string text, out DateTimeOffset instant)
    {
        instant = default;
        if (text.Length < 16 || text[10] != 'T')
        {
            return false;
        }

        var hasOffset = text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10;
        if (hasOffset)
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
        }

        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        instant = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), VietnameseWorkingCalendar.UtcOffset);
        return true;
    }

    private static bool TryParseOptions(ReadOnlySpan<string> args, out Dictionary<string, string> options, out string error)
    {
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        error = "";
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                error = $"unexpected argument '{args[i]}'";
                return false;
            }

            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                error = $"{args[i]} needs a value";
                return false;
            }

            if (!options.TryAdd(args[i], args[i + 1]))
            {
                error = $"{args[i]} is given twice";
                return false;
            }
        }

        return true;
    }

    private static bool Allow(Dictionary<string, string> options, TextWriter stderr, params string[] allowed)
    {
        var unknown = options.Keys.FirstOrDefault(k => !allowed.Contains(k));
        if (unknown is null)
        {
            return true;
        }

        Fail(stderr, $"unknown option {unknown}");
        return false;
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"bpm: {message}");
        stderr.WriteLine(Help);
        return Cli.Usage;
    }
}
