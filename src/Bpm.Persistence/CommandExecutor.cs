using System.Collections.Concurrent;
using Bpm.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Bpm.Persistence;

/// <summary>
/// Runs engine commands against stored instances: load, execute, then write the state, task rows,
/// journal rows and outbox rows in one transaction. A concurrent writer is detected by the
/// instance's revision; the command is then re-run on the fresh state, and if it no longer applies
/// the caller gets a conflict.
/// </summary>
public sealed class CommandExecutor
{
    // Compiled: an ad-hoc LINQ query pays for parameter extraction and a cache look-up on every call,
    // which the profile showed on the hot path (one read per command). A compiled query serves one
    // model only, and a process may hold several (SQLite's differs: times as ticks), hence one per model.
    private static readonly ConcurrentDictionary<IModel, Func<BpmDbContext, string, CancellationToken, Task<InstanceRecord?>>> InstanceById = new();

    private readonly BpmDbContext _db;
    private readonly TimeProvider _time;
    private readonly DefinitionCache _definitions;
    private readonly ProcessEngine _engine;
    private readonly int _maxAttempts;
    private readonly InstanceCache? _instances;

    /// <param name="instances">The host's cache of the instance rows it committed; null reads every instance before its command.</param>
    public CommandExecutor(BpmDbContext db, TimeProvider time, DefinitionCache? definitions = null, EngineOptions? engineOptions = null, int maxAttempts = 5, InstanceCache? instances = null)
    {
        _db = db;
        _time = time;
        _definitions = definitions ?? new DefinitionCache();
        _engine = new ProcessEngine(engineOptions);
        _maxAttempts = maxAttempts;
        _instances = instances;
    }

    /// <summary>The engine's settings: its working calendar counts what the executor's commands schedule.</summary>
    public EngineOptions EngineOptions => _engine.Options;

    /// <summary>Test seam: runs after the engine has executed and before the transaction begins.</summary>
    internal Func<CancellationToken, Task>? BeforeTransaction { get; set; }

    /// <summary>Starts an instance on <paramref name="version"/>, or on the latest published version when null.</summary>
    public async Task<ExecutionResult> StartAsync(string definitionId, int? version, StartInstance command, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            _db.ChangeTracker.Clear();
            var deferred = _db.DeferredWrites;

            // Deferred, a new id that is not new fails the flush on the instances' key, and the caller rolls back.
            if (deferred is null && await _db.Instances.AsNoTracking().AnyAsync(i => i.InstanceId == command.InstanceId, cancellationToken))
            {
                return ExecutionResult.Refused(command.InstanceId, null, "already-started", $"instance '{command.InstanceId}' already exists");
            }

            var record = deferred is not null && version is null
                ? await deferred.PublishedAsync(definitionId, () => PinnedVersionAsync(definitionId, null, cancellationToken))
                : await PinnedVersionAsync(definitionId, version, cancellationToken);
            if (record is null)
            {
                var which = version is null ? "has no published version" : $"v{version} is not published";
                return ExecutionResult.Refused(command.InstanceId, null, "definition-not-found", $"definition '{definitionId}' {which}");
            }

            var definition = await _definitions.GetAsync(_db, definitionId, record.Version, cancellationToken);
            var result = _engine.Execute(definition!.Main, null, command, new CommandContext(_time.GetUtcNow()));
            if (!result.Applied)
            {
                return ExecutionResult.Refused(command.InstanceId, null, result.Rejection!.Code, result.Rejection.Message);
            }

            var row = new InstanceRecord
            {
                InstanceId = command.InstanceId,
                DefinitionId = definitionId,
                DefinitionVersion = record.Version,
                ProcessId = definition.Main.Id,
                Status = "",
                State = "",
                StartedAt = result.State.StartedAt,
                UpdatedAt = result.State.StartedAt,
            };
            if (deferred is null)
            {
                _db.Instances.Add(row);
            }

            if (await TryCommitAsync(row, stored: false, fromCache: false, command, result, attempt, cancellationToken) is { } done)
            {
                return done;
            }
        }
    }

    /// <summary>Runs a command against a stored instance.</summary>
    public async Task<ExecutionResult> ExecuteAsync(string instanceId, EngineCommand command, CancellationToken cancellationToken = default)
    {
        if (command is StartInstance)
        {
            throw new ArgumentException("use StartAsync to start an instance", nameof(command));
        }

        await using var connection = await OpenConnectionAsync(cancellationToken);

        // Inside a caller's transaction the cache is neither read nor filled: a stale row's failed write
        // would abort the caller's transaction, and what it writes is not committed until the caller says so.
        var tryCache = _instances is not null && _db.Database.CurrentTransaction is null;

        // Counts the fresh reads only: a stale cached row costs one write that matched nothing, not an attempt.
        for (var attempt = 1; ; attempt++)
        {
            _db.ChangeTracker.Clear();
            var row = tryCache ? _instances!.Get(_db, instanceId) : null;
            var fromCache = row is not null;
            tryCache = false;
            if (fromCache)
            {
                _db.Instances.Attach(row!);
                attempt--;
            }
            else if (_db.DeferredWrites is { } deferred)
            {
                // What is held is newer than what is stored; a row read is not tracked, its writes are held.
                row = deferred.Instance(instanceId) ?? await InstanceByIdQuery(_db)(_db, instanceId, cancellationToken);
                if (row is not null)
                {
                    _db.Entry(row).State = EntityState.Detached;
                }
            }
            else
            {
                row = await InstanceByIdQuery(_db)(_db, instanceId, cancellationToken);
            }

            if (row is null)
            {
                return ExecutionResult.Refused(instanceId, null, "not-found", $"instance '{instanceId}' does not exist");
            }

            var definition = await _definitions.GetAsync(_db, row.DefinitionId, row.DefinitionVersion, cancellationToken)
                ?? throw new InvalidDataException($"instance '{instanceId}' is pinned to definition '{row.DefinitionId}' v{row.DefinitionVersion}, which is missing");
            var process = definition.Processes.FirstOrDefault(p => p.Id == row.ProcessId)
                ?? throw new InvalidDataException($"definition '{row.DefinitionId}' v{row.DefinitionVersion} has no process '{row.ProcessId}'");
            var state = StoreJson.State(row.State);
            var result = _engine.Execute(process, state, command, new CommandContext(_time.GetUtcNow()));
            if (!result.Applied)
            {
                // A refusal is answered from what is stored, never from this host's memory of it.
                if (fromCache)
                {
                    _instances!.Evict(_db, instanceId);
                    continue;
                }

                return await ExplainRejectionAsync(instanceId, state, command, result.Rejection!, cancellationToken);
            }

            if (await TryCommitAsync(row, stored: true, fromCache, command, result, attempt, cancellationToken) is { } done)
            {
                return done;
            }
        }
    }

    /// <summary>
    /// Moves a stored instance to another version through the engine (<see cref="ProcessEngine.Migrate"/>):
    /// the state, the journal's <c>instance-migrated</c> row, the moved task rows and the instance's
    /// pinned version are written in one transaction, like any other command.
    /// </summary>
    public async Task<ExecutionResult> MigrateAsync(string instanceId, MigrateInstance command, CancellationToken cancellationToken = default)
    {
        if (_db.DeferredWrites is not null)
        {
            throw new NotSupportedException("a migration reads stored task rows, and is not run with deferred writes");
        }

        await using var connection = await OpenConnectionAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            _db.ChangeTracker.Clear();
            var row = await InstanceByIdQuery(_db)(_db, instanceId, cancellationToken);
            if (row is null)
            {
                return ExecutionResult.Refused(instanceId, null, "not-found", $"instance '{instanceId}' does not exist");
            }

            var state = StoreJson.State(row.State);
            if (row.DefinitionVersion != command.FromVersion)
            {
                return ExecutionResult.Refused(instanceId, state, "version-changed", $"instance '{instanceId}' runs v{row.DefinitionVersion}, not v{command.FromVersion}");
            }

            var source = await _definitions.GetAsync(_db, row.DefinitionId, row.DefinitionVersion, cancellationToken)
                ?? throw new InvalidDataException($"instance '{instanceId}' is pinned to definition '{row.DefinitionId}' v{row.DefinitionVersion}, which is missing");
            var target = await _definitions.GetAsync(_db, row.DefinitionId, command.ToVersion, cancellationToken);
            if (target is null)
            {
                return ExecutionResult.Refused(instanceId, state, "definition-not-found", $"definition '{row.DefinitionId}' v{command.ToVersion} does not exist");
            }

            var process = source.Processes.FirstOrDefault(p => p.Id == row.ProcessId) ?? source.Main;
            var result = _engine.Migrate(process, target.Main, state, command, new CommandContext(_time.GetUtcNow()));
            if (!result.Applied)
            {
                return new ExecutionResult(ExecutionStatus.Rejected, instanceId, state, [], [], result.Rejection);
            }

            row.DefinitionVersion = command.ToVersion;
            row.ProcessId = target.Main.Id;
            if (await TryCommitAsync(row, stored: true, fromCache: false, command, result, attempt, cancellationToken) is { } done)
            {
                return done;
            }
        }
    }

    private async Task CommitOwnTransactionAsync(int events, bool fromCache, CancellationToken cancellationToken)
    {
        // The one-message commit's revision guard is the journal key, which holds for two writers that
        // read the same revision, not for a cached row that may be several commands old.
        if (!fromCache && OneMessageCommit.Applies(_db, events))
        {
            await OneMessageCommit.SaveAsync(_db, cancellationToken);
            return;
        }

        var queue = SqliteWriterQueue.For(_db);
        if (queue is not null)
        {
            await queue.WaitAsync(cancellationToken);
        }

        // A failed command rolls back the whole transaction, so the savepoint EF would set before
        // SaveChanges is one more round trip for nothing.
        var savepoints = _db.Database.AutoSavepointsEnabled;
        _db.Database.AutoSavepointsEnabled = false;
        try
        {
            await using var transaction = await _db.Database.BeginTransactionAsync(cancellationToken);
            await _db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            _db.Database.AutoSavepointsEnabled = savepoints;
            queue?.Release();
        }
    }

    private static Func<BpmDbContext, string, CancellationToken, Task<InstanceRecord?>> InstanceByIdQuery(BpmDbContext db) =>
        InstanceById.GetOrAdd(db.Model, _ => EF.CompileAsyncQuery((BpmDbContext c, string instanceId, CancellationToken _) => c.Instances.FirstOrDefault(i => i.InstanceId == instanceId)));

    /// <summary>
    /// One connection for the whole command (reads, write, commit) instead of one per query: each
    /// return to the pool costs a session reset on the server. A caller's open connection stays open.
    /// </summary>
    private async Task<OpenConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        await _db.Database.OpenConnectionAsync(cancellationToken);
        return new OpenConnection(_db);
    }

    private readonly struct OpenConnection(BpmDbContext db) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => new(db.Database.CloseConnectionAsync());
    }

    /// <summary>True when another writer created or updated the instance since it was loaded.</summary>
    private async Task<bool> ChangedMeanwhileAsync(InstanceRecord row, CancellationToken cancellationToken)
    {
        var isNew = _db.Entry(row).State == EntityState.Added;
        var current = await _db.Instances.AsNoTracking().Where(i => i.InstanceId == row.InstanceId).Select(i => (long?)i.Revision).FirstOrDefaultAsync(cancellationToken);
        return isNew ? current is not null : current != row.Revision - 1;
    }

    private Task<DefinitionRecord?> PinnedVersionAsync(string definitionId, int? version, CancellationToken cancellationToken)
    {
        var published = _db.Definitions.AsNoTracking().Where(d => d.DefinitionId == definitionId && d.Status == DefinitionStatus.Published);
        return version is { } v
            ? published.FirstOrDefaultAsync(d => d.Version == v, cancellationToken)
            : published.OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The engine says "no such task" for a task already completed; the task row says by whom.</summary>
    private async Task<ExecutionResult> ExplainRejectionAsync(string instanceId, InstanceState state, EngineCommand command, CommandRejection rejection, CancellationToken cancellationToken)
    {
        if (command is CompleteTask complete && rejection.Code == "not-found")
        {
            var task = await _db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.InstanceId == instanceId && t.TaskId == complete.TaskId, cancellationToken);
            if (task is { Status: TaskRecord.Completed })
            {
                return new ExecutionResult(
                    ExecutionStatus.Conflict,
                    instanceId,
                    state,
                    [],
                    [],
                    new CommandRejection("already-completed", $"task '{complete.TaskId}' ({task.ElementId}) was already completed by {task.CompletedBy} at {task.CompletedAt:O}"),
                    task.CompletedBy);
            }
        }

        return new ExecutionResult(ExecutionStatus.Rejected, instanceId, state, [], [], rejection);
    }

    /// <summary>
    /// Returns null when a concurrent writer won and the command must be re-run. <paramref name="stored"/>
    /// is false for a new instance's row (added to the context, to be inserted); <paramref name="fromCache"/>
    /// is true for a row taken from the instance cache, which a failed write drops and re-reads.
    /// </summary>
    private async Task<ExecutionResult?> TryCommitAsync(InstanceRecord row, bool stored, bool fromCache, EngineCommand command, CommandResult result, int attempt, CancellationToken cancellationToken)
    {
        if (BeforeTransaction is { } hook)
        {
            await hook(cancellationToken);
        }

        var now = _time.GetUtcNow();
        var loadedRevision = row.Revision;
        StateWriter.Apply(row, result.State, now);
        StateWriter.ApplyEvaluation(row, result);

        // The chain continues from the head kept on the instance row; the revision check on that
        // row's update makes a stale head a concurrency conflict like any stale state.
        var journal = new List<JournalRecord>(result.Events.Count);
        var previousHash = row.JournalHead;
        foreach (var e in result.Events)
        {
            var appended = JournalHash.Append(row.InstanceId, e.Seq, e.Type.ToKebabCase(), e.At, e.Actor ?? command.Actor, StoreJson.Event(e), previousHash);
            journal.Add(appended);
            previousHash = appended.Hash;
        }

        row.JournalHead = previousHash;
        var outbox = result.SideEffects
            .Select(effect => new OutboxRecord { InstanceId = row.InstanceId, Type = StoreJson.EffectType(effect), Payload = StoreJson.Effect(effect), CreatedAt = now })
            .ToList();

        if (_db.DeferredWrites is { } deferred)
        {
            deferred.Write(_db, row, stored ? loadedRevision : null, StateWriter.DeferredTaskRows(row, result, now), journal, outbox);
            return new ExecutionResult(ExecutionStatus.Applied, row.InstanceId, result.State, result.Events, result.SideEffects);
        }

        try
        {
            if ((stored ? OneStatementWrite.Applies(_db, row, result, now) : null) is { } tasks)
            {
                await OneStatementWrite.WriteAsync(_db, row, loadedRevision, tasks, journal, outbox, cancellationToken);
            }
            else if ((stored ? SqliteBatchWrite.Applies(_db, row, result, now) : null) is { } sqliteTasks)
            {
                await SqliteBatchWrite.WriteAsync(_db, row, loadedRevision, sqliteTasks, journal, outbox, cancellationToken);
            }
            else
            {
                await StateWriter.ApplyTasksAsync(_db, row, result, now, cancellationToken);
                _db.Journal.AddRange(journal);
                _db.Outbox.AddRange(outbox);

                // A caller's open transaction (a dossier reception: code, dossier row, instance) is joined, not nested; the caller commits.
                if (_db.Database.CurrentTransaction is not null)
                {
                    await _db.SaveChangesAsync(cancellationToken);
                }
                else
                {
                    await CommitOwnTransactionAsync(result.Events.Count, fromCache, cancellationToken);
                }
            }
        }
        catch (DbUpdateException e)
        {
            _instances?.Evict(_db, row.InstanceId);

            // Only a concurrent writer is worth a retry: a constraint broken by this command alone is an error.
            if (e is not DbUpdateConcurrencyException && !await ChangedMeanwhileAsync(row, cancellationToken))
            {
                throw;
            }

            // Inside the caller's transaction a retry cannot help (PostgreSQL has aborted it): the caller rolls back.
            if (fromCache || (attempt < _maxAttempts && _db.Database.CurrentTransaction is null))
            {
                return null;
            }

            return new ExecutionResult(ExecutionStatus.Conflict, row.InstanceId, null, [], [], new CommandRejection("concurrency", $"instance '{row.InstanceId}' kept changing underneath the command ({attempt} attempts)"));
        }

        // Only a committed row is kept: inside a caller's transaction the caller may still roll back.
        if (_db.Database.CurrentTransaction is null)
        {
            _instances?.Put(_db, row);
        }
        else
        {
            _instances?.Evict(_db, row.InstanceId);
        }

        return new ExecutionResult(ExecutionStatus.Applied, row.InstanceId, result.State, result.Events, result.SideEffects);
    }
}
