using System.Globalization;
using Bpm.Dossiers.Catalog;
using Bpm.Engine;

namespace Bpm.Dossiers.Dossiers;

/// <summary>
/// The catalogue's legal time limit governs a dossier's due date (docs/dossiers.md): a definition's
/// <c>bpm:timeLimit</c> is how the agency plans its steps within it, and counts only for a procedure
/// whose limit the dossier's working clock cannot count.
/// </summary>
public static class LegalTimeLimit
{
    /// <summary>
    /// The catalogue's limit as working time, for <see cref="StartInstance.TimeLimit"/>; null when the catalogue
    /// gives none, or gives calendar days, which the working clock (pauses, restart, apology) does not count.
    /// </summary>
    public static WorkingDuration? Of(TimeLimit? limit) => limit switch
    {
        { Unit: TimeLimitUnit.WorkingDays } => new WorkingDuration(limit.Value, TimeSpan.Zero),
        { Unit: TimeLimitUnit.WorkingHours } => new WorkingDuration(0, TimeSpan.FromHours((double)limit.Value)),
        _ => null,
    };

    /// <summary>
    /// The due date of a dossier received at <paramref name="receivedAt"/>: the rule the engine applies on
    /// <see cref="StartInstance"/> (the given limit, else the process's), so a preview shows what reception will set.
    /// </summary>
    public static DateTimeOffset? DueAt(TimeLimit? catalogue, ExecutableProcess process, IWorkingCalendar calendar, DateTimeOffset receivedAt) =>
        (Of(catalogue) ?? process.TimeLimit) is { } limit ? calendar.Add(receivedAt, limit) : null;

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
        var consequence = counted is null
            ? "danh mục tính theo ngày lịch, đồng hồ hồ sơ chưa đếm được nên hạn trả kết quả vẫn tính theo quy trình"
            : "hạn trả kết quả của hồ sơ sẽ tính theo danh mục";
        return $"Quy trình {process.Id} ({planned}) khác thời hạn giải quyết của thủ tục {procedure.Code} trong danh mục ({Words(legal)}); {consequence}.";
    }
}
