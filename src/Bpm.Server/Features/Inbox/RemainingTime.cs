using Bpm.Engine;
using Bpm.Engine.Calendar;

namespace Bpm.Server.Features.Inbox;

/// <summary>Where a task stands against its due date, as the inbox colours it.</summary>
public enum Punctuality
{
    /// <summary>No due date.</summary>
    None,

    /// <summary>Due on a later day: finishing today is early (Circular 01/2018/TT-VPCP art. 13).</summary>
    Early,

    /// <summary>Due today, with more than half a working day left.</summary>
    OnTime,

    /// <summary>Warned by the SLA timer, or half a working day or less left.</summary>
    DueSoon,

    /// <summary>Past the due date.</summary>
    Late,
}

/// <summary>
/// The remaining working time of a task as an officer reads it: "còn 1 ngày 3 giờ làm việc",
/// "quá hạn 2 giờ". The working time itself is the calendar's (office hours, holidays); a day in
/// the text is the legal working day of 8 hours (Labour Code 2019 art. 105), so a count says how
/// much work is left, not how many dates.
/// </summary>
public sealed record RemainingTime(Punctuality Punctuality, string Text)
{
    public static TimeSpan WorkingDay { get; } = TimeSpan.FromHours(8);

    public static RemainingTime None { get; } = new(Punctuality.None, "chưa có hạn");

    /// <param name="left">The office time from <paramref name="now"/> to <paramref name="due"/> (negative once late), from the working calendar.</param>
    /// <param name="warned">The SLA timer has warned that the task falls due soon.</param>
    public static RemainingTime Of(DateTimeOffset? due, DateTimeOffset now, TimeSpan left, bool warned)
    {
        if (due is not { } at)
        {
            return None;
        }

        if (now > at)
        {
            return new(Punctuality.Late, -left >= TimeSpan.FromMinutes(1) ? $"quá hạn {Duration(-left)}" : "đã quá hạn");
        }

        var text = left >= TimeSpan.FromMinutes(1) ? $"còn {Duration(left)} làm việc" : "đến hạn";
        if (warned || left <= VietnameseWorkingCalendar.HalfDay)
        {
            return new(Punctuality.DueSoon, text);
        }

        var today = DateOnly.FromDateTime(now.ToOffset(VietnameseWorkingCalendar.UtcOffset).DateTime);
        var dueDay = DateOnly.FromDateTime(at.ToOffset(VietnameseWorkingCalendar.UtcOffset).DateTime);
        return new(dueDay > today ? Punctuality.Early : Punctuality.OnTime, text);
    }

    /// <summary>Like <see cref="Of(DateTimeOffset?, DateTimeOffset, TimeSpan, bool)"/>, counting the working time on <paramref name="calendar"/> for <paramref name="unit"/>.</summary>
    public static RemainingTime Of(DateTimeOffset? due, DateTimeOffset now, bool warned, IWorkingCalendar calendar, string? unit)
    {
        if (due is not { } at)
        {
            return None;
        }

        try
        {
            return Of(at, now, calendar.CountWorkingTime(now, at, unit), warned);
        }
        catch (CalendarCoverageException)
        {
            // A due date beyond the years the holiday rules cover: no working-time count, only the side of the date.
            return now > at ? new(Punctuality.Late, "đã quá hạn") : new(warned ? Punctuality.DueSoon : Punctuality.Early, "còn trong hạn");
        }
    }

    /// <summary>
    /// The punctuality of many tasks at <paramref name="now"/>, as <see cref="Of(DateTimeOffset?, DateTimeOffset, bool, IWorkingCalendar, string?)"/>
    /// gives it, with one calendar count per unit instead of one per task (the leader's counters over
    /// every open task of a unit). "Half a working day or less left" is a due date no later than the
    /// instant half a working day from now is used up — or the day-off gap right after it, where no
    /// working time passes.
    /// </summary>
    public static Func<DateTimeOffset?, bool, string?, Punctuality> PunctualityAt(DateTimeOffset now, IWorkingCalendar calendar)
    {
        var soonUntil = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        return (due, warned, unit) =>
        {
            var key = unit ?? "";
            if (!soonUntil.TryGetValue(key, out var until))
            {
                until = SoonUntil(now, calendar, unit);
                soonUntil[key] = until;
            }

            // The one rule of Of: only which side of half a working day is left matters, not how much.
            return until is { } soon && due is { } at
                ? Of(at, now, at <= soon ? VietnameseWorkingCalendar.HalfDay : VietnameseWorkingCalendar.HalfDay + TimeSpan.FromMinutes(1), warned).Punctuality
                : Of(due, now, warned, calendar, unit).Punctuality;
        };
    }

    /// <summary>The last instant at which half a working day or less is left; null beyond the calendar's coverage.</summary>
    private static DateTimeOffset? SoonUntil(DateTimeOffset now, IWorkingCalendar calendar, string? unit)
    {
        try
        {
            var minute = TimeSpan.FromMinutes(1);
            var usedUp = calendar.Add(now, new WorkingDuration(0, VietnameseWorkingCalendar.HalfDay), unit);
            return calendar.Add(usedUp, new WorkingDuration(0, minute), unit) - minute;
        }
        catch (CalendarCoverageException)
        {
            return null;
        }
    }

    /// <summary>The Vietnamese label of a punctuality, for the colour's meaning in text.</summary>
    public static string Label(Punctuality punctuality) => punctuality switch
    {
        Punctuality.Early => "Sớm hạn",
        Punctuality.OnTime => "Trong hạn",
        Punctuality.DueSoon => "Sắp đến hạn",
        Punctuality.Late => "Quá hạn",
        _ => "Không có hạn",
    };

    private static string Duration(TimeSpan time)
    {
        var days = (int)(time.Ticks / WorkingDay.Ticks);
        var rest = time - (WorkingDay * days);
        var hours = (int)rest.TotalHours;
        var minutes = rest.Minutes;
        var parts = new List<string>(3);
        if (days > 0)
        {
            parts.Add($"{days} ngày");
        }

        if (hours > 0)
        {
            parts.Add($"{hours} giờ");
        }

        if (days == 0 && minutes > 0)
        {
            parts.Add($"{minutes} phút");
        }

        return string.Join(" ", parts);
    }
}
