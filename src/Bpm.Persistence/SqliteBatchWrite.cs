using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Bpm.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bpm.Persistence;

/// <summary>
/// On SQLite a command on a stored instance writes everything — the instance row, the task rows it ends
/// and creates, its journal rows and its outbox rows — as one batch of statements (one
/// <c>UPDATE</c> per row it changes, one multi-row <c>INSERT</c> per table) sent in one command inside an
/// explicit <c>BEGIN IMMEDIATE</c> … <c>COMMIT</c>, held in the writer queue only for those three steps.
/// It bypasses EF's change tracking and batch building, which the profile showed inside the writer lock,
/// where every microsecond is paid by all 16 callers queued behind it.
/// </summary>
/// <remarks>
/// The guarantees of the EF path, and how they hold here:
/// <list type="bullet">
/// <item>One transaction per command — the batch runs inside the command's own transaction; a failure
/// anywhere in it (a key, a constraint, the client after the write) rolls all of it back.</item>
/// <item>The revision check — the instance <c>UPDATE … WHERE Revision = @old</c> and each task
/// <c>UPDATE</c> must change exactly one row. SQLite counts the rows every statement changed; a total
/// short of one per row written (a stale revision, a task row to end that does not exist) rolls the
/// transaction back and is a conflict: the executor re-runs the command. The writer queue and
/// <c>BEGIN IMMEDIATE</c> make the check and the write one step no other writer can enter.</item>
/// <item>The outbox in the same transaction, in effect order — one multi-row <c>INSERT</c> in the order
/// of the effects, so their ids keep it.</item>
/// </list>
/// The batch goes through EF's command pipeline (logging, interceptors, the open connection). Commands
/// that must read a stored task row first (a due-soon warning, a migration's moves), new instances,
/// commands inside a caller's transaction and very large writes take the EF path.
/// </remarks>
internal static class SqliteBatchWrite
{
    /// <summary>Rows per command above which the EF path is taken: far below SQLite's 32,766 parameters.</summary>
    internal const int MaxRows = 200;

    private static readonly string[] InstanceColumns =
    [
        "Revision", "State", "Status", "BusinessKey", "StartedAt", "EndedAt", "DueAt",
        "LateWithoutApology", "UpdatedAt", "JournalHead", "Evaluation", "DefinitionVersion", "ProcessId",
    ];

    private static readonly string[] EndedColumns = ["Status", "CompletedBy", "Outcome", "Evaluation", "CompletedAt"];

    private static readonly string[] CreatedColumns =
    [
        "InstanceId", "TaskId", "ElementId", "Name", "Unit", "Role", "Candidate", "Assignee", "Kind", "Status", "BusinessKey",
        "CreatedAt", "DueAt", "CompletedAt", "CompletedBy", "Outcome", "Evaluation",
    ];

    private static readonly string[] JournalColumns = ["InstanceId", "Seq", "Type", "At", "Actor", "Payload", "PreviousHash", "Hash"];

    private static readonly string[] OutboxColumns = ["InstanceId", "Type", "Payload", "CreatedAt", "Attempts"];

    // The text depends on how many rows of each kind a command writes, and a process may hold several
    // models, hence one per (model, shape). The command itself is built per call (RawWriteCommand).
    private static readonly ConcurrentDictionary<(IModel Model, Shape Shape), (string Sql, RelationalTypeMapping[] Mappings)> Templates = new();

    /// <summary>The task rows to write when a command on the stored instance <paramref name="row"/> can go as one batch, else null.</summary>
    public static (List<TaskRecord> Created, List<TaskRecord> Ended)? Applies(BpmDbContext db, InstanceRecord row, CommandResult result, DateTimeOffset now)
    {
        if (db.Database.ProviderName != BpmDbContext.SqliteProvider || db.Database.CurrentTransaction is not null)
        {
            return null;
        }

        var tasks = StateWriter.TaskRowsWithoutReads(row, result, now);
        return tasks is { } t && t.Created.Count + t.Ended.Count + result.Events.Count + result.SideEffects.Count <= MaxRows ? tasks : null;
    }

    /// <summary>
    /// Writes the command in its own transaction; <paramref name="row"/> holds the new values and
    /// <paramref name="expectedRevision"/> the revision it was loaded with. Throws
    /// <see cref="DbUpdateConcurrencyException"/> when the instance changed meanwhile (nothing was
    /// written), <see cref="DbUpdateException"/> on a database error.
    /// </summary>
    public static async Task WriteAsync(
        BpmDbContext db,
        InstanceRecord row,
        long expectedRevision,
        (List<TaskRecord> Created, List<TaskRecord> Ended) tasks,
        List<JournalRecord> journal,
        List<OutboxRecord> outbox,
        CancellationToken cancellationToken)
    {
        var shape = new Shape(tasks.Ended.Count, tasks.Created.Count, journal.Count, outbox.Count);
        var command = Command(db, shape);
        var parameters = RawWriteCommand.Parameters(db, Values(row, expectedRevision, tasks, journal, outbox));

        // Everything that can be done before the lock is done: the state's JSON, the hashes, the text and
        // the parameter values. The queue is held for BEGIN, the batch and COMMIT (its sync) only.
        var queue = SqliteWriterQueue.For(db)!;
        await queue.WaitAsync(cancellationToken);
        int changed;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                await using (var reader = await command.ExecuteReaderAsync(parameters, cancellationToken))
                {
                    while (await reader.DbDataReader.NextResultAsync(cancellationToken))
                    {
                    }

                    changed = reader.DbDataReader.RecordsAffected;
                }
            }
            catch (DbException e)
            {
                throw new DbUpdateException($"the write of instance '{row.InstanceId}' failed: {e.Message}", e);
            }

            if (changed != shape.Rows)
            {
                await transaction.RollbackAsync(cancellationToken);
                throw new DbUpdateConcurrencyException($"instance '{row.InstanceId}' is no longer at revision {expectedRevision}, or a task row it ends is missing; nothing was written");
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            queue.Release();
        }

        // The row is tracked from the read: it now holds what is stored, and a later SaveChanges must not write it again.
        db.ChangeTracker.AcceptAllChanges();
    }

    private static IRelationalCommand Command(BpmDbContext db, Shape shape)
    {
        var (text, mappings) = Templates.GetOrAdd((db.Model, shape), key => Template(db, db.GetService<ISqlGenerationHelper>(), key.Shape));
        return RawWriteCommand.Build(db, text, mappings);
    }

    /// <summary>
    /// The batch's text, with its parameters numbered in the order <see cref="Values"/> gives them. Times
    /// are bound as UTC ticks, what the model stores on SQLite (<see cref="UtcTicksConverter"/>).
    /// </summary>
    private static (string Sql, RelationalTypeMapping[] Mappings) Template(BpmDbContext db, ISqlGenerationHelper sql, Shape shape)
    {
        var source = db.GetService<IRelationalTypeMappingSource>();
        var types = new List<Type>();
        var text = new StringBuilder();
        string Next(Type type)
        {
            types.Add(type);
            return sql.GenerateParameterNamePlaceholder(RawWriteCommand.ParameterName(types.Count - 1));
        }

        string Quoted(string name) => sql.DelimitIdentifier(name);

        // Instance: id, expected revision, then the columns in InstanceColumns' order.
        var instanceId = Next(typeof(string));
        var expected = Next(typeof(long));
        Type[] instanceTypes = [typeof(long), typeof(string), typeof(string), typeof(string), typeof(long), typeof(long), typeof(long), typeof(bool), typeof(long), typeof(string), typeof(string), typeof(int), typeof(string)];
        var assignments = InstanceColumns.Select((column, i) => $"{Quoted(column)} = {Next(instanceTypes[i])}").ToList();
        text.Append("UPDATE instances SET ").AppendJoin(", ", assignments)
            .Append(" WHERE \"InstanceId\" = ").Append(instanceId).Append(" AND \"Revision\" = ").Append(expected).AppendLine(";");

        Type[] endedTypes = [typeof(string), typeof(string), typeof(string), typeof(string), typeof(long)];
        for (var t = 0; t < shape.Ended; t++)
        {
            var taskId = Next(typeof(string));
            var ends = EndedColumns.Select((column, i) => $"{Quoted(column)} = {Next(endedTypes[i])}").ToList();
            text.Append("UPDATE tasks SET ").AppendJoin(", ", ends)
                .Append(" WHERE \"InstanceId\" = ").Append(instanceId).Append(" AND \"TaskId\" = ").Append(taskId).AppendLine(";");
        }

        // Created tasks, journal and outbox rows: the instance id is the one bound above.
        Type[] createdTypes = [typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(long), typeof(long), typeof(long), typeof(string), typeof(string), typeof(string)];
        Insert(text, "tasks", CreatedColumns, shape.Created, () => [instanceId, .. createdTypes.Select(Next)]);
        Type[] journalTypes = [typeof(long), typeof(string), typeof(long), typeof(string), typeof(string), typeof(string), typeof(string)];
        Insert(text, "journal", JournalColumns, shape.Journal, () => [instanceId, .. journalTypes.Select(Next)]);
        var createdAt = shape.Outbox > 0 ? Next(typeof(long)) : null;
        Insert(text, "outbox", OutboxColumns, shape.Outbox, () => [instanceId, Next(typeof(string)), Next(typeof(string)), createdAt!, "0"]);

        var mappings = types.Select(t => source.FindMapping(t) ?? throw new InvalidOperationException($"the provider maps no type for {t}")).ToArray();
        return (text.ToString(), mappings);

        void Insert(StringBuilder into, string table, string[] columns, int rows, Func<List<string>> row)
        {
            if (rows == 0)
            {
                return;
            }

            into.Append("INSERT INTO ").Append(Quoted(table)).Append(" (").AppendJoin(", ", columns.Select(Quoted)).Append(") VALUES ");
            for (var r = 0; r < rows; r++)
            {
                into.Append(r == 0 ? "(" : ", (").AppendJoin(", ", row()).Append(')');
            }

            into.AppendLine(";");
        }
    }

    private static List<object?> Values(
        InstanceRecord row,
        long expectedRevision,
        (List<TaskRecord> Created, List<TaskRecord> Ended) tasks,
        List<JournalRecord> journal,
        List<OutboxRecord> outbox)
    {
        var values = new List<object?>
        {
            row.InstanceId, expectedRevision,
            row.Revision, row.State, row.Status, row.BusinessKey, Ticks(row.StartedAt), Ticks(row.EndedAt), Ticks(row.DueAt),
            row.LateWithoutApology, Ticks(row.UpdatedAt), row.JournalHead, row.Evaluation, row.DefinitionVersion, row.ProcessId,
        };
        foreach (var t in tasks.Ended)
        {
            values.AddRange([t.TaskId, t.Status, t.CompletedBy, t.Outcome, t.Evaluation, Ticks(t.CompletedAt)]);
        }

        foreach (var t in tasks.Created)
        {
            values.AddRange([
                t.TaskId, t.ElementId, t.Name, t.Unit, t.Role, t.Candidate, t.Assignee, t.Kind, t.Status, t.BusinessKey,
                Ticks(t.CreatedAt), Ticks(t.DueAt), Ticks(t.CompletedAt), t.CompletedBy, t.Outcome, t.Evaluation]);
        }

        foreach (var j in journal)
        {
            values.AddRange([j.Seq, j.Type, Ticks(j.At), j.Actor, j.Payload, j.PreviousHash, j.Hash]);
        }

        if (outbox.Count > 0)
        {
            values.Add(Ticks(outbox[0].CreatedAt));
            foreach (var o in outbox)
            {
                values.AddRange([o.Type, o.Payload]);
            }
        }

        return values;
    }

    private static long? Ticks(DateTimeOffset? time) => time?.UtcTicks;

    private static long Ticks(DateTimeOffset time) => time.UtcTicks;

    /// <summary>How many rows of each kind a command writes: what the batch's text depends on.</summary>
    private readonly record struct Shape(int Ended, int Created, int Journal, int Outbox)
    {
        /// <summary>The rows the batch changes when nothing is stale: the instance row, then one per row written.</summary>
        public int Rows => 1 + Ended + Created + Journal + Outbox;
    }
}
