using Bpm.Engine;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence;

/// <summary>Copies an engine result onto the instance row and the denormalised task rows.</summary>
internal static class StateWriter
{
    public static void Apply(InstanceRecord row, InstanceState state, DateTimeOffset now)
    {
        row.State = StoreJson.State(state);
        row.Status = Status(state.Status);
        row.BusinessKey = state.BusinessKey;
        row.StartedAt = state.StartedAt.ToUniversalTime();
        row.EndedAt = state.EndedAt?.ToUniversalTime();
        row.DueAt = state.DueAt?.ToUniversalTime();
        row.LateWithoutApology = state.LateWithoutApology;
        row.UpdatedAt = now;
        row.Revision++;
    }

    public static string Status(InstanceStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>The instance's evaluation, once its completion is journaled.</summary>
    public static void ApplyEvaluation(InstanceRecord row, CommandResult result)
    {
        if (result.Events.LastOrDefault(e => e.Type == JournalEventType.InstanceCompleted) is { } completed)
        {
            row.Evaluation = completed.Evaluation;
        }
    }

    public static async Task ApplyTasksAsync(BpmDbContext db, InstanceRecord row, CommandResult result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The task rows of this instance this context holds with their real values: created here or read below.
        var tracked = new Dictionary<string, TaskRecord>(StringComparer.Ordinal);
        foreach (var effect in result.SideEffects.OfType<TaskCreated>())
        {
            var task = NewTask(row, effect, now);
            tracked[effect.TaskId] = task;
            db.Tasks.Add(task);
        }

        foreach (var warning in result.SideEffects.OfType<TaskDueSoon>())
        {
            var task = tracked.GetValueOrDefault(warning.TaskId)
                ?? await db.Tasks.FirstOrDefaultAsync(t => t.InstanceId == row.InstanceId && t.TaskId == warning.TaskId, cancellationToken);
            if (task is not null)
            {
                task.WarnedAt = now;
                tracked[task.TaskId] = task;
            }
        }

        var moves = result.SideEffects.OfType<TaskMoved>().ToList();
        if (moves.Count > 0)
        {
            // One query for every task a migration moves, not one per task.
            var movedIds = moves.Select(m => m.TaskId).ToList();
            var movedTasks = await db.Tasks.Where(t => t.InstanceId == row.InstanceId && movedIds.Contains(t.TaskId)).ToDictionaryAsync(t => t.TaskId, cancellationToken);
            foreach (var moved in moves)
            {
                if (movedTasks.TryGetValue(moved.TaskId, out var task))
                {
                    (task.ElementId, task.Name, task.Unit, task.Role) = (moved.ElementId, moved.Name, moved.Unit, moved.Role);
                    tracked[task.TaskId] = task;
                }
            }
        }

        // A task can be created and ended in one command (a loop back through the same step).
        foreach (var e in EndedTasks(result))
        {
            if (!tracked.TryGetValue(e.BookmarkId!, out var task))
            {
                task = AttachStored(db, row.InstanceId, e.BookmarkId!);
                tracked[task.TaskId] = task;
            }

            End(task, e);
        }
    }

    /// <summary>
    /// The task rows a command writes when it needs no stored task row read (no due-soon warning, no
    /// migration move): the rows it creates, with their end if they end in the same command, and the
    /// stored rows it ends, as stubs holding the key and the end columns. Null when a stored row must be read.
    /// </summary>
    public static (List<TaskRecord> Created, List<TaskRecord> Ended)? TaskRowsWithoutReads(InstanceRecord row, CommandResult result, DateTimeOffset now)
    {
        if (result.SideEffects.Any(e => e is TaskDueSoon or TaskMoved))
        {
            return null;
        }

        var created = result.SideEffects.OfType<TaskCreated>().Select(effect => NewTask(row, effect, now)).ToList();
        var ended = new List<TaskRecord>();
        foreach (var e in EndedTasks(result))
        {
            var task = created.Find(t => t.TaskId == e.BookmarkId) ?? ended.Find(t => t.TaskId == e.BookmarkId);
            if (task is null)
            {
                task = new TaskRecord { InstanceId = row.InstanceId, TaskId = e.BookmarkId!, ElementId = "", Status = "", CreatedAt = default };
                ended.Add(task);
            }

            End(task, e);
        }

        return (created, ended);
    }

    /// <summary>
    /// The task rows a command writes when its writes are deferred (<see cref="DeferredWrites"/>): the
    /// rows it creates, with their end or warning if they come in the same command, and the stored rows
    /// it ends or warns, as stubs holding the key and the columns to set. A migration's moves are not
    /// written deferred.
    /// </summary>
    public static (List<TaskRecord> Created, List<(TaskRecord Row, IReadOnlyList<string> Columns)> Changed) DeferredTaskRows(InstanceRecord row, CommandResult result, DateTimeOffset now)
    {
        if (result.SideEffects.Any(e => e is TaskMoved))
        {
            throw new NotSupportedException($"instance '{row.InstanceId}': a migration's task moves are not written deferred");
        }

        var created = result.SideEffects.OfType<TaskCreated>().Select(effect => NewTask(row, effect, now)).ToList();
        var changed = new List<(TaskRecord Row, IReadOnlyList<string> Columns)>();
        TaskRecord Stored(string taskId, IEnumerable<string> columns)
        {
            var index = changed.FindIndex(c => c.Row.TaskId == taskId);
            if (index < 0)
            {
                changed.Add((new TaskRecord { InstanceId = row.InstanceId, TaskId = taskId, ElementId = "", Status = "", CreatedAt = default }, [.. columns]));
                return changed[^1].Row;
            }

            changed[index] = (changed[index].Row, [.. changed[index].Columns.Union(columns)]);
            return changed[index].Row;
        }

        foreach (var warning in result.SideEffects.OfType<TaskDueSoon>())
        {
            (created.Find(t => t.TaskId == warning.TaskId) ?? Stored(warning.TaskId, [nameof(TaskRecord.WarnedAt)])).WarnedAt = now;
        }

        foreach (var e in EndedTasks(result))
        {
            End(created.Find(t => t.TaskId == e.BookmarkId) ?? Stored(e.BookmarkId!, EndedColumns), e);
        }

        return (created, changed);
    }

    private static TaskRecord NewTask(InstanceRecord row, TaskCreated effect, DateTimeOffset now) => new()
    {
        InstanceId = row.InstanceId,
        TaskId = effect.TaskId,
        ElementId = effect.ElementId,
        Name = effect.Name,
        Unit = effect.Unit,
        Role = effect.Role,
        Candidate = effect.Settings.GetValueOrDefault("candidate"),
        Assignee = effect.Settings.GetValueOrDefault("assignee"),
        Kind = effect.Kind,
        Status = TaskRecord.Open,
        BusinessKey = row.BusinessKey,
        CreatedAt = now,
        DueAt = effect.Due?.ToUniversalTime(),
    };

    private static IEnumerable<JournalEvent> EndedTasks(CommandResult result) =>
        result.Events.Where(e => e.Type is JournalEventType.TaskCompleted or JournalEventType.TaskCancelled && e.BookmarkId is not null);

    /// <summary>Writes the end columns (<see cref="EndedColumns"/>) from the journal event that ended the task.</summary>
    private static void End(TaskRecord task, JournalEvent e)
    {
        if (e.Type == JournalEventType.TaskCompleted)
        {
            task.Status = TaskRecord.Completed;
            task.CompletedBy = e.Actor;
            task.Outcome = e.Outcome;
            task.Evaluation = e.Evaluation;
        }
        else
        {
            task.Status = TaskRecord.Cancelled;
        }

        task.CompletedAt = e.At.ToUniversalTime();
    }

    private static readonly string[] EndedColumns =
        [nameof(TaskRecord.Status), nameof(TaskRecord.CompletedBy), nameof(TaskRecord.Outcome), nameof(TaskRecord.Evaluation), nameof(TaskRecord.CompletedAt)];

    /// <summary>
    /// A stored task row to update without reading it first: every task bookmark the engine ends had its
    /// row inserted by the command that created it. Only the columns in <see cref="EndedColumns"/> are
    /// written (whatever values they get); a missing row would match no row and fail the commit as a
    /// concurrency conflict.
    /// </summary>
    private static TaskRecord AttachStored(BpmDbContext db, string instanceId, string taskId)
    {
        var task = new TaskRecord { InstanceId = instanceId, TaskId = taskId, ElementId = "", Status = "", CreatedAt = default };
        var entry = db.Tasks.Attach(task);
        foreach (var name in EndedColumns)
        {
            entry.Property(name).IsModified = true;
        }

        return task;
    }
}
