using System.Data.Common;
using Bpm.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bpm.Persistence.Specification.Tests;

public abstract class CommandExecutorTestBase<TFixture>(TFixture fixture) : PersistenceTestBase<TFixture>(fixture)
    where TFixture : class, IDatabaseFixture
{
    [SkippableFact]
    public virtual async Task Start_PublishedDefinition_WritesInstanceTaskJournalAndOutbox()
    {
        SkipUnlessAvailable();
        var (definitionId, instanceId) = await StartTwoStepsAsync();

        await using var db = Context();
        var instance = await db.Instances.SingleAsync(i => i.InstanceId == instanceId);
        Assert.Equal((definitionId, 1, "running", "DOSSIER-" + instanceId), (instance.DefinitionId, instance.DefinitionVersion, instance.Status, instance.BusinessKey));
        var task = await OpenTaskAsync(instanceId);
        Assert.Equal(("receive", "U1", "reception", "DOSSIER-" + instanceId), (task.ElementId, task.Unit, task.Role, task.BusinessKey));
        Assert.Equal(Time.GetUtcNow().AddHours(4), task.DueAt);
        var journal = await db.Journal.Where(j => j.InstanceId == instanceId).OrderBy(j => j.Seq).ToListAsync();
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), journal.Select(j => j.Seq));
        Assert.Equal("instance-started", journal[0].Type);
        Assert.Contains(journal, j => j.Type == "task-created");
        Assert.Contains(await db.Outbox.Where(o => o.InstanceId == instanceId).ToListAsync(), o => o.Type == "task-created" && o.DispatchedAt == null);
    }

    [SkippableFact]
    public virtual async Task Start_SameInstanceIdTwice_IsRejected()
    {
        SkipUnlessAvailable();
        var (definitionId, instanceId) = await StartTwoStepsAsync();
        await using var db = Context();

        var again = await Executor(db).StartAsync(definitionId, null, new StartInstance(instanceId, null));

        Assert.Equal("already-started", again.Rejection?.Code);
    }

    [SkippableFact]
    public virtual async Task CompleteTask_OpenTask_CompletesRowAndCreatesNextTask()
    {
        SkipUnlessAvailable();
        var (_, instanceId) = await StartTwoStepsAsync();
        var receive = await OpenTaskAsync(instanceId);

        var result = await CompleteOpenTaskAsync(instanceId, "alice");

        Assert.True(result.Applied);
        await using var db = Context();
        var done = await db.Tasks.SingleAsync(t => t.InstanceId == instanceId && t.TaskId == receive.TaskId);
        Assert.Equal((TaskRecord.Completed, "alice"), (done.Status, done.CompletedBy));
        Assert.Equal("review", (await OpenTaskAsync(instanceId)).ElementId);
        Assert.Equal(2, (await db.Instances.SingleAsync(i => i.InstanceId == instanceId)).Revision);
    }

    [SkippableFact]
    public virtual async Task CompleteTask_LastTask_CompletesInstance()
    {
        SkipUnlessAvailable();
        var (_, instanceId) = await StartTwoStepsAsync();
        await CompleteOpenTaskAsync(instanceId, "alice");

        var result = await CompleteOpenTaskAsync(instanceId, "bob", "approve");

        Assert.Equal(InstanceStatus.Completed, result.State!.Status);
        await using var db = Context();
        var instance = await db.Instances.SingleAsync(i => i.InstanceId == instanceId);
        Assert.Equal(("completed", Time.GetUtcNow()), (instance.Status, instance.EndedAt));
        Assert.Contains(await db.Outbox.Where(o => o.InstanceId == instanceId).ToListAsync(), o => o.Type == "instance-ended");
    }

    [SkippableFact]
    public virtual async Task CompleteTask_UnknownTask_IsRejectedAndWritesNothing()
    {
        SkipUnlessAvailable();
        var (_, instanceId) = await StartTwoStepsAsync();
        var before = await CountsAsync(instanceId);
        await using var db = Context();

        var result = await Executor(db).ExecuteAsync(instanceId, new CompleteTask("no-such-task") { Actor = "alice" });

        Assert.Equal((ExecutionStatus.Rejected, "not-found"), (result.Status, result.Rejection?.Code));
        Assert.Equal(before, await CountsAsync(instanceId));
    }

    [SkippableFact]
    public virtual async Task Execute_VersionTwoPublishedAfterStart_InstanceKeepsRunningVersionOne()
    {
        SkipUnlessAvailable();
        var (definitionId, pinned) = await StartTwoStepsAsync();
        await PublishAsync(definitionId, TestModels.TwoStepsV2(definitionId));
        var fresh = await StartAsync(definitionId);

        await CompleteOpenTaskAsync(pinned, "alice");
        await CompleteOpenTaskAsync(fresh, "alice");

        Assert.Equal("review", (await OpenTaskAsync(pinned)).ElementId);
        Assert.Equal("check", (await OpenTaskAsync(fresh)).ElementId);
        await using var db = Context();
        Assert.Equal(1, (await db.Instances.SingleAsync(i => i.InstanceId == pinned)).DefinitionVersion);
        Assert.Equal(2, (await db.Instances.SingleAsync(i => i.InstanceId == fresh)).DefinitionVersion);
    }

    /// <summary>
    /// True where a command's writes reach the server as one batch that is its own transaction
    /// (PostgreSQL: no <c>BEGIN</c>, no <c>COMMIT</c>), so there is no moment between the write and the commit.
    /// </summary>
    protected virtual bool CommitsInOneMessage => false;

    [SkippableFact]
    public virtual async Task Execute_FailureAfterJournalWrite_PersistsNothingOfTheCommand()
    {
        SkipUnlessAvailable();
        Skip.If(CommitsInOneMessage, "the write is the commit here: Execute_FailureAfterTheWrite_CommandIsDurableAndNotAppliedTwice covers this provider");
        var (_, instanceId) = await StartTwoStepsAsync();
        var task = await OpenTaskAsync(instanceId);
        var before = await CountsAsync(instanceId);
        var crash = new CrashAfterJournalWrite();
        await using var db = Context(crash);

        await AssertCrashesAsync(() => Executor(db).ExecuteAsync(instanceId, new CompleteTask(task.TaskId) { Actor = "alice" }));

        Assert.True(crash.JournalWritten, "the failure must come after the journal rows were written");
        Assert.Equal(before, await CountsAsync(instanceId));
        Assert.Equal(TaskRecord.Open, (await OpenTaskAsync(instanceId)).Status);
        var retried = await CompleteOpenTaskAsync(instanceId, "alice");
        Assert.True(retried.Applied, "the instance must still be usable");
    }

    /// <summary>Where the write is the commit, a crash after it is a crash after the commit: the caller retries and learns it was done.</summary>
    [SkippableFact]
    public virtual async Task Execute_FailureAfterTheWrite_CommandIsDurableAndNotAppliedTwice()
    {
        SkipUnlessAvailable();
        Skip.IfNot(CommitsInOneMessage, "this provider commits after the write: Execute_FailureAfterJournalWrite_PersistsNothingOfTheCommand covers it");
        var (_, instanceId) = await StartTwoStepsAsync();
        var task = await OpenTaskAsync(instanceId);
        var before = await CountsAsync(instanceId);
        var crash = new CrashAfterJournalWrite();
        await using var db = Context(crash);

        await AssertCrashesAsync(() => Executor(db).ExecuteAsync(instanceId, new CompleteTask(task.TaskId) { Actor = "alice" }));

        Assert.True(crash.JournalWritten, "the failure must come after the journal rows were written");

        var after = await CountsAsync(instanceId);
        Assert.Equal(before.Revision + 1, after.Revision);
        Assert.True(after.Journal > before.Journal, "the command's journal rows were committed with it");
        await using var again = Context();
        var retried = await Executor(again).ExecuteAsync(instanceId, new CompleteTask(task.TaskId) { Actor = "alice" });
        Assert.Equal(ExecutionStatus.Conflict, retried.Status);
        Assert.Equal("alice", retried.CompletedBy);
    }

    [SkippableFact]
    public virtual async Task Execute_StatementFailsInsideTheWriteBatch_PersistsNothingOfTheCommand()
    {
        SkipUnlessAvailable();
        var (_, instanceId) = await StartTwoStepsAsync();
        var task = await OpenTaskAsync(instanceId);
        var before = await CountsAsync(instanceId);
        var failing = new FailingStatementAfterJournalInsert();
        await using var db = Context(failing);

        await Assert.ThrowsAnyAsync<Exception>(() => Executor(db).ExecuteAsync(instanceId, new CompleteTask(task.TaskId) { Actor = "alice" }));

        Assert.True(failing.Appended, "the failing statement must follow the journal inserts in the batch");
        Assert.Equal(before, await CountsAsync(instanceId));
        Assert.Equal(TaskRecord.Open, (await OpenTaskAsync(instanceId)).Status);
        var retried = await CompleteOpenTaskAsync(instanceId, "alice");
        Assert.True(retried.Applied, "the instance must still be usable");
    }

    /// <summary>An ended task row is written without being read: a missing one must stop the whole command, not be skipped.</summary>
    [SkippableFact]
    public virtual async Task Execute_TaskRowToEndIsMissing_ConflictAndNothingWritten()
    {
        SkipUnlessAvailable();
        var (_, instanceId) = await StartTwoStepsAsync();
        var task = await OpenTaskAsync(instanceId);
        await using (var setup = Context())
        {
            await setup.Tasks.Where(t => t.InstanceId == instanceId && t.TaskId == task.TaskId).ExecuteDeleteAsync();
        }

        var before = await CountsAsync(instanceId);
        await using var db = Context();

        var result = await Executor(db).ExecuteAsync(instanceId, new CompleteTask(task.TaskId) { Actor = "alice" });

        Assert.Equal((ExecutionStatus.Conflict, "concurrency"), (result.Status, result.Rejection?.Code));
        Assert.Equal(before, await CountsAsync(instanceId));
    }

    [SkippableFact]
    public virtual async Task Execute_TwoContextsCompleteSameTaskAtOnce_ExactlyOneWinsAndTheOtherLearnsWho()
    {
        SkipUnlessAvailable();
        var (_, instanceId) = await StartTwoStepsAsync();
        var task = await OpenTaskAsync(instanceId);

        var results = await RaceAsync(instanceId, (task.TaskId, "alice"), (task.TaskId, "bob"));

        var winner = Assert.Single(results, r => r.Status == ExecutionStatus.Applied);
        var loser = Assert.Single(results, r => r.Status == ExecutionStatus.Conflict);
        var winnerName = winner.Events.Single(e => e.Type == JournalEventType.TaskCompleted).Actor;
        Assert.Equal("already-completed", loser.Rejection?.Code);
        Assert.Equal(winnerName, loser.CompletedBy);
        Assert.Contains(winnerName!, loser.Rejection!.Message, StringComparison.Ordinal);
        await using var check = Context();
        Assert.Single(await check.Journal.Where(j => j.InstanceId == instanceId && j.Type == "task-completed").ToListAsync());
        Assert.True((await new JournalVerifier(check).VerifyAsync(instanceId)).Intact);
    }

    [SkippableFact]
    public virtual async Task Execute_TaskCompletedEarlier_ConflictNamesWhoCompletedIt()
    {
        SkipUnlessAvailable();
        var (_, instanceId) = await StartTwoStepsAsync();
        var task = await OpenTaskAsync(instanceId);
        await CompleteOpenTaskAsync(instanceId, "alice");
        await using var db = Context();

        var late = await Executor(db).ExecuteAsync(instanceId, new CompleteTask(task.TaskId) { Actor = "bob" });

        Assert.Equal((ExecutionStatus.Conflict, "alice"), (late.Status, late.CompletedBy));
    }

    [SkippableFact]
    public virtual async Task Execute_TwoContextsCompleteDifferentTasksAtOnce_LoserRetriesAndBothApply()
    {
        SkipUnlessAvailable();
        var definitionId = NewId("d");
        await PublishAsync(definitionId, TestModels.Parallel(definitionId));
        var instanceId = await StartAsync(definitionId);
        await using var db = Context();
        var tasks = await db.Tasks.Where(t => t.InstanceId == instanceId).OrderBy(t => t.ElementId).ToListAsync();

        var results = await RaceAsync(instanceId, (tasks[0].TaskId, "alice"), (tasks[1].TaskId, "bob"));

        Assert.All(results, r => Assert.True(r.Applied, r.Rejection?.Message));
        Assert.Equal("completed", (await db.Instances.AsNoTracking().SingleAsync(i => i.InstanceId == instanceId)).Status);
        var seqs = await db.Journal.Where(j => j.InstanceId == instanceId).OrderBy(j => j.Seq).Select(j => j.Seq).ToListAsync();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        Assert.True((await new JournalVerifier(db).VerifyAsync(instanceId)).Intact);
    }

    [SkippableFact]
    public virtual async Task Execute_DatabaseErrorWithoutConcurrentWriter_IsThrownNotRetriedAsConflict()
    {
        SkipUnlessAvailable();
        var (_, instanceId) = await StartTwoStepsAsync();
        var task = await OpenTaskAsync(instanceId);
        var failing = new FailOnSave();
        await using var db = Context(failing);

        await Assert.ThrowsAsync<DbUpdateException>(() => Executor(db).ExecuteAsync(instanceId, new CompleteTask(task.TaskId) { Actor = "alice" }));

        Assert.Equal(1, failing.Calls);
    }

    /// <summary>Both executors load and run the engine before either opens its transaction: a real race.</summary>
    private async Task<ExecutionResult[]> RaceAsync(string instanceId, (string TaskId, string Actor) one, (string TaskId, string Actor) other)
    {
        using var bothLoaded = new Barrier(2);
        async Task<ExecutionResult> Complete((string TaskId, string Actor) who)
        {
            await using var db = Context();
            var executor = Executor(db);
            var first = true;
            executor.BeforeTransaction = _ =>
            {
                if (first)
                {
                    first = false;
                    Assert.True(bothLoaded.SignalAndWait(TimeSpan.FromSeconds(20)), "both writers must reach the commit");
                }

                return Task.CompletedTask;
            };
            return await executor.ExecuteAsync(instanceId, new CompleteTask(who.TaskId, "approve") { Actor = who.Actor });
        }

        return await Task.WhenAll(Task.Run(() => Complete(one)), Task.Run(() => Complete(other)));
    }

    /// <summary>
    /// The database refuses the command's write (as a broken constraint would): at the command level, so
    /// that it meets every write path — EF's SaveChanges and PostgreSQL's one statement.
    /// </summary>
    private sealed class FailOnSave : DbCommandInterceptor
    {
        public int Calls { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (!WritesJournal(command))
            {
                return ValueTask.FromResult(result);
            }

            Calls++;
            throw new SimulatedConstraintViolation();
        }
    }

    private sealed class SimulatedConstraintViolation() : DbException("simulated constraint violation");

    private static bool WritesJournal(DbCommand command) =>
        command.CommandText.Contains("INSERT INTO", StringComparison.Ordinal) && command.CommandText.Contains("journal", StringComparison.Ordinal);

    /// <summary>
    /// Appends to the write batch, after its journal inserts, a statement the server refuses
    /// (SQLite: malformed JSON; PostgreSQL and SQL Server: division by zero), so the failure happens
    /// on the server inside the batch, not in the client before or after it.
    /// </summary>
    private sealed class FailingStatementAfterJournalInsert : DbCommandInterceptor
    {
        public bool Appended { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (!Appended && WritesJournal(command))
            {
                var refused = eventData.Context!.Database.ProviderName!.Contains("Sqlite", StringComparison.Ordinal) ? "SELECT json('not json');" : "SELECT 1/0;";
                command.CommandText = command.CommandText.TrimEnd().TrimEnd(';') + ";\n" + refused;
                Appended = true;
            }

            return ValueTask.FromResult(result);
        }
    }

    private sealed class SimulatedCrashException() : Exception("simulated crash after the journal write");

    /// <summary>
    /// Lets the command that writes the journal rows run on the server, then fails in the client: before
    /// the commit where there is one, after it where the write is the commit.
    /// </summary>
    private sealed class CrashAfterJournalWrite : DbCommandInterceptor
    {
        public bool JournalWritten { get; private set; }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (!WritesJournal(command))
            {
                return ValueTask.FromResult(result);
            }

            JournalWritten = true;
            throw new SimulatedCrashException();
        }
    }

    /// <summary>The crash, as the caller sees it: itself, or inside the DbUpdateException that EF's SaveChanges wraps it in.</summary>
    private static async Task AssertCrashesAsync(Func<Task> action)
    {
        var thrown = await Assert.ThrowsAnyAsync<Exception>(action);
        Assert.IsType<SimulatedCrashException>(thrown is DbUpdateException { InnerException: { } inner } ? inner : thrown);
    }
}
