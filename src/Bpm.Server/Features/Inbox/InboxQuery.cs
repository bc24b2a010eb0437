using System.Globalization;
using Bpm.Engine.Calendar;
using Bpm.Persistence;
using Bpm.Server.Features.Instances;
using Bpm.Server.Security;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Inbox;

/// <summary>
/// The open tasks an inbox or the leader's view lists, with the dossier each belongs to: which
/// ones (<see cref="Scope"/>), filtered, by due date (earliest first; the working calendar is
/// monotonic, so the order of due instants is the order of working time left).
/// </summary>
public static class InboxQuery
{
    /// <summary>
    /// Rows on one page of the grid. 200 rows rendered in about 300 ms for a unit with 10,000 open
    /// tasks (docs/benchmarks.md); a page of 50 is what an officer reads before acting anyway.
    /// </summary>
    public const int PageSize = 50;

    public enum Scope
    {
        /// <summary>Every open task of the caller's units and roles.</summary>
        All,

        /// <summary>Those the caller has claimed.</summary>
        Mine,

        /// <summary>Those nobody has claimed yet.</summary>
        Unclaimed,

        /// <summary>Every open task of the caller's units and the units they supervise, whatever the role (leaders).</summary>
        Unit,
    }

    /// <param name="DueBefore">A local date (dd/MM/yyyy or yyyy-MM-dd): tasks due on or before it.</param>
    public sealed record Filter(string? Procedure, string? Status, string? DueBefore, string? DossierCode, string? Applicant);

    public sealed record Row(TaskRecord Task, DossierRecord? Dossier);

    public sealed record Result(IReadOnlyList<Row> Rows, int Total, string? FilterError);

    /// <param name="page">1-based; a page past the last gives no rows.</param>
    public static async Task<Result> RunAsync(BpmDbContext db, Caller caller, Scope scope, Filter filter, CancellationToken cancellationToken, int page = 1)
    {
        var tasks = OpenTasks(db, caller, scope);
        string? error = null;
        if (!string.IsNullOrWhiteSpace(filter.DueBefore))
        {
            if (TryLocalDate(filter.DueBefore.Trim(), out var date))
            {
                var end = new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), VietnameseWorkingCalendar.UtcOffset).ToUniversalTime();
                tasks = tasks.Where(t => t.DueAt != null && t.DueAt < end);
            }
            else
            {
                error = $"Hạn trước ngày '{filter.DueBefore}' không phải ngày dạng dd/MM/yyyy; bộ lọc này chưa được áp dụng.";
            }
        }

        if (!string.IsNullOrWhiteSpace(filter.DossierCode))
        {
            var code = filter.DossierCode.Trim();
            tasks = tasks.Where(t => t.BusinessKey != null && t.BusinessKey.Contains(code));
        }

        var rows = from t in tasks
                   join d in db.Dossiers.AsNoTracking() on t.BusinessKey equals d.Code into dossiers
                   from d in dossiers.DefaultIfEmpty()
                   select new { Task = t, Dossier = d };
        if (!string.IsNullOrWhiteSpace(filter.Procedure))
        {
            var procedure = filter.Procedure.Trim();
            rows = rows.Where(r => r.Dossier != null && r.Dossier.ProcedureCode == procedure);
        }

        if (!string.IsNullOrWhiteSpace(filter.Status))
        {
            rows = rows.Where(r => r.Dossier != null && r.Dossier.Status == filter.Status);
        }

        if (!string.IsNullOrWhiteSpace(filter.Applicant))
        {
            var applicant = filter.Applicant.Trim();
            rows = rows.Where(r => r.Dossier != null && (r.Dossier.ApplicantName.Contains(applicant) || r.Dossier.IdentityNumber == applicant));
        }

        var byDossier = !string.IsNullOrWhiteSpace(filter.Procedure) || !string.IsNullOrWhiteSpace(filter.Status) || !string.IsNullOrWhiteSpace(filter.Applicant);
        // Without a filter on the dossier the outer join cannot change the count: counted on the tasks alone.
        var total = byDossier ? await rows.CountAsync(cancellationToken) : await tasks.CountAsync(cancellationToken);
        var taken = await rows
            .OrderBy(r => r.Task.DueAt == null)
            .ThenBy(r => r.Task.DueAt)
            .ThenBy(r => r.Task.CreatedAt)
            .ThenBy(r => r.Task.InstanceId)
            .ThenBy(r => r.Task.TaskId)
            .Skip((Math.Max(page, 1) - 1) * PageSize)
            .Take(PageSize)
            .ToListAsync(cancellationToken);
        return new Result([.. taken.Select(r => new Row(r.Task, r.Dossier))], total, error);
    }

    /// <summary>
    /// When every open task of <paramref name="scope"/> is due, for counts over all of them (the
    /// leader's counters) rather than over the page <see cref="RunAsync"/> returns.
    /// </summary>
    public static async Task<IReadOnlyList<(DateTimeOffset? DueAt, bool Warned, string? Unit)>> DueDatesAsync(BpmDbContext db, Caller caller, Scope scope, CancellationToken cancellationToken)
    {
        var due = await OpenTasks(db, caller, scope).Select(t => new { t.DueAt, Warned = t.WarnedAt != null, t.Unit }).ToListAsync(cancellationToken);
        return [.. due.Select(d => (d.DueAt, d.Warned, d.Unit))];
    }

    private static IQueryable<TaskRecord> OpenTasks(BpmDbContext db, Caller caller, Scope scope)
    {
        var tasks = db.Tasks.AsNoTracking().Where(t => t.Status == TaskRecord.Open);
        if (scope == Scope.Unit)
        {
            var units = caller.Units.Concat(caller.SupervisedUnits).Distinct().ToList();
            tasks = tasks.Where(t => t.Unit != null && units.Contains(t.Unit));
        }
        else
        {
            // The unit test first: implied by VisibleTasks, but an index range (tasks by unit, status,
            // due) where the unit-and-role key alone is a computed value on every open task of the province.
            var units = caller.Units.ToList();
            tasks = tasks.Where(t => t.Unit != null && units.Contains(t.Unit)).VisibleTasks(caller);
        }

        if (scope == Scope.Mine)
        {
            tasks = tasks.Where(t => t.Assignee == caller.UserName);
        }
        else if (scope == Scope.Unclaimed)
        {
            tasks = tasks.Where(t => t.Assignee == null);
        }

        return tasks;
    }

    /// <summary>The scope a view's name asks for (<c>?xem=</c>): the whole unit only for leaders, otherwise every task of the caller.</summary>
    public static Scope ScopeOf(string? view, Caller caller) => view switch
    {
        "cua-toi" => Scope.Mine,
        "chua-nhan" => Scope.Unclaimed,
        "don-vi" when caller.IsInRole(Bpm.Organisation.BpmRoles.Leader) => Scope.Unit,
        _ => Scope.All,
    };

    public static string NameOf(Scope scope) => scope switch
    {
        Scope.Mine => "cua-toi",
        Scope.Unclaimed => "chua-nhan",
        Scope.Unit => "don-vi",
        _ => "tat-ca",
    };

    private static bool TryLocalDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
