using System.Globalization;
using Bpm.Dossiers.Catalog;
using Bpm.Engine;

namespace Bpm.Dossiers.Dossiers;

/// <summary>
/// The catalogue's legal time limit governs a dossier's due date (docs/dossiers.md): a definition's
/// <c>bpm:timeLimit</c> is how the agency plans its steps within it, and counts only for a procedure
/// without a limit in the catalogue.
/// </summary>
public static class LegalTimeLimit
{
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>
    /// The catalogue's limit as working time, for <see cref="StartInstance.TimeLimit"/>; null when the catalogue
    /// gives none, or gives calendar days, which need the receipt date and the calendar (the overload below).
    /// </summary>
    public static WorkingDuration? Of(TimeLimit? limit) => limit switch
    {
        { Unit: TimeLimitUnit.WorkingDays } => new WorkingDuration(limit.Value, TimeSpan.Zero),
        { Unit: TimeLimitUnit.WorkingHours } => new WorkingDuration(0, TimeSpan.FromHours((double)limit.Value)),
        _ => null,
    };

    /// <summary>
    /// The catalogue's limit as working time for a dossier received at <paramref name="receivedAt"/>.
    /// Calendar days are turned into the working days they span on <paramref name="calendar"/>, counted
    /// as the Civil Code counts a limit in days (Bộ luật Dân sự 2015, art. 147–148): from the day after
    /// the receipt, ending on the N-th calendar day, or on the next working day when that is a day off.
    /// The dossier's clock then counts those working days, so a pause (supplement, art. 19(4) of Decree
    /// 61/2018) holds the rest in working days, not in calendar days — the one approximation.
    /// </summary>
    public static WorkingDuration? Of(TimeLimit? limit, IWorkingCalendar calendar, DateTimeOffset receivedAt) =>
        limit is { Unit: TimeLimitUnit.Days } ? WorkingDaysSpanned(limit.Value, calendar, receivedAt) : Of(limit);

    /// <summary>
    /// The due date of a dossier received at <paramref name="receivedAt"/>: the rule the engine applies on
    /// <see cref="StartInstance"/> (the given limit, else the process's), so a preview shows what reception will set.
    /// </summary>
    public static DateTimeOffset? DueAt(TimeLimit? catalogue, ExecutableProcess process, IWorkingCalendar calendar, DateTimeOffset receivedAt) =>
        (Of(catalogue, calendar, receivedAt) ?? process.TimeLimit) is { } limit ? calendar.Add(receivedAt, limit) : null;

    private static WorkingDuration WorkingDaysSpanned(decimal days, IWorkingCalendar calendar, DateTimeOffset receivedAt)
    {
        var lastDay = DateOnly.FromDateTime(receivedAt.ToOffset(VietnamOffset).DateTime).AddDays((int)Math.Ceiling(days));

        // Each working day counted lands one working day later; the first on or after the last calendar day is
        // that day, or the working day after it when it is a day off. A year of days off in a row cannot happen.
        for (var workingDays = 1; workingDays <= (int)Math.Ceiling(days) + 366; workingDays++)
        {
            var duration = new WorkingDuration(workingDays, TimeSpan.Zero);
            if (DateOnly.FromDateTime(calendar.Add(receivedAt, duration).ToOffset(VietnamOffset).DateTime) >= lastDay)
            {
                return duration;
            }
        }

        throw new InvalidOperationException($"the calendar has no working day within a year after {lastDay:dd/MM/yyyy}");
    }

    /// <summary>"5 ngày làm việc", "4 giờ làm việc", "30 ngày": the catalogue's limit as the law writes it.</summary>
    public static string Words(TimeLimit limit) =>
        limit.Value.ToString("0.##", CultureInfo.InvariantCulture) + limit.Unit switch
        {
            TimeLimitUnit.WorkingDays => " ngày làm việc",
            TimeLimitUnit.WorkingHours => " giờ làm việc",
            _ => " ngày",
        };

    /// <summary>
    /// The warning a definition gets when its <c>bpm:timeLimit</c> is not its procedure's legal limit, naming both;
    /// null when they agree or there is nothing to compare.
    /// </summary>
    public static string? Mismatch(ExecutableProcess process, Procedure procedure)
    {
        if (procedure.TimeLimit is not { } legal)
        {
            return null;
        }

        var counted = Of(legal);
        if (counted is not null && counted == process.TimeLimit)
        {
            return null;
        }

        var planned = process.TimeLimit is { } own ? $"bpm:timeLimit \"{own}\"" : "không có bpm:timeLimit";
        var consequence = legal.Unit == TimeLimitUnit.Days
            ? "hạn trả kết quả của hồ sơ sẽ tính theo danh mục: số ngày lịch quy ra ngày làm việc khi tiếp nhận"
            : "hạn trả kết quả của hồ sơ sẽ tính theo danh mục";
        return $"Quy trình {process.Id} ({planned}) khác thời hạn giải quyết của thủ tục {procedure.Code} trong danh mục ({Words(legal)}); {consequence}.";
    }
}
