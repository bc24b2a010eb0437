using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Bpm.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bpm.Persistence;

/// <summary>
/// On PostgreSQL a command on a stored instance writes everything — the instance row, the task rows it
/// ends and creates, its journal rows and its outbox rows — in one SQL statement: data-modifying
/// <c>WITH</c> clauses fed by arrays (<c>unnest</c>), every one of them joined to the instance
/// <c>UPDATE … WHERE Revision = @old</c>. The statement is its own transaction (no <c>BEGIN</c>, no
/// <c>COMMIT</c>), has one text whatever the command wrote, so Npgsql prepares it once per connection,
/// and bypasses EF's change tracking and batch building, which the profile showed on the hot path.
/// </summary>
/// <remarks>
/// The guarantees of the explicit transaction, and how they hold here:
/// <list type="bullet">
/// <item>All or nothing — a statement is atomic: a failure anywhere in it (a key, a constraint, the
/// server) rolls all of it back.</item>
/// <item>The revision check — a stale revision, or a task row to end that does not exist, makes the
/// instance <c>UPDATE</c> match no row, and then every other clause, joined to it, writes nothing. The
/// statement returns how many instance rows it updated; 0 is a conflict and the executor re-runs the
/// command. A concurrent writer holding the row makes the <c>UPDATE</c> wait for its commit and then
/// re-check the revision (read committed), so two writers never both apply.</item>
/// <item>The outbox in the same transaction, in effect order — its rows are inserted in the order of
/// the effects (<c>WITH ORDINALITY … ORDER BY</c>), so their ids keep that order.</item>
/// </list>
/// The statement goes through EF's command pipeline (logging, interceptors, the open connection), not
/// through <c>SaveChanges</c>. Commands that must read a stored task row first (a due-soon warning, a
/// migration's moves), new instances and commands inside a caller's transaction take the EF path.
/// </remarks>
internal static class OneStatementWrite
{

    // Placeholders {n} are the parameters, in the order of ParameterTypes and Values() below; they become
    // PostgreSQL's positional $1, $2, … (n + 1), so that Npgsql sends the text without parsing it.
    private const string Sql = """
        WITH instance AS (
            UPDATE instances SET "Revision" = {2}, "State" = {3}, "Status" = {4}, "BusinessKey" = {5}, "StartedAt" = {6}, "EndedAt" = {7}, "DueAt" = {8},
                "LateWithoutApology" = {9}, "UpdatedAt" = {10}, "JournalHead" = {11}, "Evaluation" = {12}, "DefinitionVersion" = {13}, "ProcessId" = {14}
            WHERE "InstanceId" = {0} AND "Revision" = {1}
                AND (SELECT count(*) FROM tasks WHERE "InstanceId" = {0} AND "TaskId" = ANY({15})) = cardinality({15})
            RETURNING "InstanceId"
        ), ended AS (
            UPDATE tasks AS t SET "Status" = e.status, "CompletedBy" = e.completed_by, "Outcome" = e.outcome, "Evaluation" = e.evaluation, "CompletedAt" = e.completed_at
            FROM instance, unnest({15}, {16}, {17}, {18}, {19}, {20}) AS e(task_id, status, completed_by, outcome, evaluation, completed_at)
            WHERE t."InstanceId" = instance."InstanceId" AND t."TaskId" = e.task_id
        ), created AS (
            INSERT INTO tasks ("InstanceId", "TaskId", "ElementId", "Name", "Unit", "Role", "Candidate", "Assignee", "Kind", "Status", "BusinessKey",
                "CreatedAt", "DueAt", "CompletedAt", "CompletedBy", "Outcome", "Evaluation")
            SELECT instance."InstanceId", c.* FROM instance, unnest({21}, {22}, {23}, {24}, {25}, {26}, {27}, {28}, {29}, {30}, {31}, {32}, {33}, {34}, {35}, {36}) AS c
        ), appended AS (
            INSERT INTO journal ("InstanceId", "Seq", "Type", "At", "Actor", "Payload", "PreviousHash", "Hash")
            SELECT instance."InstanceId", j.* FROM instance, unnest({37}, {38}, {39}, {40}, {41}, {42}, {43}) AS j
        ), queued AS (
            INSERT INTO outbox ("InstanceId", "Type", "Payload", "CreatedAt", "Attempts")
            SELECT instance."InstanceId", o.type, o.payload, {10}, 0
            FROM instance, unnest({44}, {45}) WITH ORDINALITY AS o(type, payload, n)
            ORDER BY o.n
        )
        SELECT count(*) FROM instance
        """;

    /// <summary>The task rows to write when a command on the stored instance <paramref name="row"/> can go as one statement, else null.</summary>
    public static (List<TaskRecord> Created, List<TaskRecord> Ended)? Applies(BpmDbContext db, InstanceRecord row, CommandResult result, DateTimeOffset now) =>
        db.Database.ProviderName == ProviderNames.Npgsql && db.Database.CurrentTransaction is null
            ? StateWriter.TaskRowsWithoutReads(row, result, now)
            : null;

    /// <summary>
    /// Writes the command; <paramref name="row"/> holds the new values and <paramref name="expectedRevision"/>
    /// the revision it was loaded with. Throws <see cref="DbUpdateConcurrencyException"/> when the
    /// instance changed meanwhile (nothing was written), <see cref="DbUpdateException"/> on a database error.
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
        var parameters = RawWriteCommand.Parameters(db, Values(row, expectedRevision, tasks, journal, outbox));
        long updated;
        try
        {
            await using var reader = await Command(db).ExecuteReaderAsync(parameters, cancellationToken);
            updated = await reader.ReadAsync(cancellationToken) ? reader.DbDataReader.GetInt64(0) : 0;
        }
        catch (DbException e)
        {
            throw new DbUpdateException($"the write of instance '{row.InstanceId}' failed: {e.Message}", e);
        }

        if (updated == 0)
        {
            throw new DbUpdateConcurrencyException($"instance '{row.InstanceId}' is no longer at revision {expectedRevision}, or a task row it ends is missing; nothing was written");
        }

        // The row is tracked from the read: it now holds what is stored, and a later SaveChanges must not write it again.
        db.ChangeTracker.AcceptAllChanges();
    }

    /// <summary>
    /// The CLR type of each parameter, in placeholder order: the command is built once per model with
    /// these types' mappings, so a null keeps its type and every call reuses the prepared statement.
    /// </summary>
    private static readonly Type[] ParameterTypes =
    [
        typeof(string), typeof(long), typeof(long), typeof(string), typeof(string), typeof(string), typeof(DateTimeOffset),
        typeof(DateTimeOffset), typeof(DateTimeOffset), typeof(bool), typeof(DateTimeOffset), typeof(string), typeof(string), typeof(int), typeof(string),

        // Ended tasks: id, status, by, outcome, evaluation, at.
        typeof(string[]), typeof(string[]), typeof(string[]), typeof(string[]), typeof(string[]), typeof(DateTimeOffset?[]),

        // Created tasks: id, element, name, unit, role, candidate, assignee, kind, status, business key, created, due, completed at, by, outcome, evaluation.
        typeof(string[]), typeof(string[]), typeof(string[]), typeof(string[]), typeof(string[]), typeof(string[]), typeof(string[]), typeof(string[]),
        typeof(string[]), typeof(string[]), typeof(DateTimeOffset[]), typeof(DateTimeOffset?[]), typeof(DateTimeOffset?[]), typeof(string[]), typeof(string[]), typeof(string[]),

        // Journal: seq, type, at, actor, payload, previous hash, hash.
        typeof(long[]), typeof(string[]), typeof(DateTimeOffset[]), typeof(string[]), typeof(string[]), typeof(string[]), typeof(string[]),

        // Outbox: type, payload.
        typeof(string[]), typeof(string[]),
    ];

    // The text and the parameters' mappings are worked out once per model (a process may hold several:
    // SQLite's differs). The command itself is built per call (RawWriteCommand): under 16 workers a
    // shared one mixed up their readers.
    private static readonly ConcurrentDictionary<IModel, (string Sql, RelationalTypeMapping[] Mappings)> Templates = new();

    private static IRelationalCommand Command(BpmDbContext db)
    {
        var (text, mappings) = Templates.GetOrAdd(db.Model, _ =>
        {
            var source = db.GetService<IRelationalTypeMappingSource>();
            var found = ParameterTypes
                .Select(t => source.FindMapping(t) ?? throw new InvalidOperationException($"the provider maps no type for {t}"))
                .ToArray();
            var placeholders = Enumerable.Range(1, ParameterTypes.Length).Select(n => (object)$"${n}").ToArray();
            return (string.Format(CultureInfo.InvariantCulture, Sql, placeholders), found);
        });

        return RawWriteCommand.Build(db, text, mappings, positional: true);
    }

    private static object?[] Values(
        InstanceRecord row,
        long expectedRevision,
        (List<TaskRecord> Created, List<TaskRecord> Ended) tasks,
        List<JournalRecord> journal,
        List<OutboxRecord> outbox)
    {
        var (created, ended) = tasks;
        return
        [
            row.InstanceId, expectedRevision, row.Revision, row.State, row.Status, row.BusinessKey, row.StartedAt,
            row.EndedAt, row.DueAt, row.LateWithoutApology, row.UpdatedAt, row.JournalHead, row.Evaluation, row.DefinitionVersion, row.ProcessId,

            Array(ended, t => t.TaskId), Array(ended, t => t.Status), Array(ended, t => t.CompletedBy), Array(ended, t => t.Outcome),
            Array(ended, t => t.Evaluation), Array(ended, t => t.CompletedAt),

            Array(created, t => t.TaskId), Array(created, t => t.ElementId), Array(created, t => t.Name), Array(created, t => t.Unit),
            Array(created, t => t.Role), Array(created, t => t.Candidate), Array(created, t => t.Assignee), Array(created, t => t.Kind),
            Array(created, t => t.Status), Array(created, t => t.BusinessKey), Array(created, t => t.CreatedAt), Array(created, t => t.DueAt),
            Array(created, t => t.CompletedAt), Array(created, t => t.CompletedBy), Array(created, t => t.Outcome), Array(created, t => t.Evaluation),

            Array(journal, j => j.Seq), Array(journal, j => j.Type), Array(journal, j => j.At), Array(journal, j => j.Actor),
            Array(journal, j => j.Payload), Array(journal, j => j.PreviousHash), Array(journal, j => j.Hash),

            Array(outbox, o => o.Type), Array(outbox, o => o.Payload),
        ];
    }

    private static T[] Array<TRow, T>(List<TRow> rows, Func<TRow, T> column)
    {
        var values = new T[rows.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = column(rows[i]);
        }

        return values;
    }
}
