using System.Data.Common;
using System.Text.RegularExpressions;
using Bpm.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bpm.Persistence.Specification.Tests;

/// <summary>
/// The per-host instance cache: each <see cref="InstanceCache"/> stands for one host, and two of them on
/// one database write the same instances, so each host's kept rows go stale under the other's writes.
/// </summary>
public abstract partial class InstanceCacheTestBase<TFixture>(TFixture fixture) : PersistenceTestBase<TFixture>(fixture)
    where TFixture : class, IDatabaseFixture
{
    [SkippableFact]
    public virtual async Task Execute_AfterThisHostsOwnCommit_RunsWithoutReadingTheInstance()
    {
        SkipUnlessAvailable();
        var host = new InstanceCache(16);
        var instanceId = await StartOnAsync(host, TestModels.TwoSteps);
        var reads = new InstanceReads();

        var result = await CompleteOnAsync(host, instanceId, reads);

        Assert.True(result.Applied, result.Rejection?.Message);
        Assert.Equal(0, reads.Count);
        await using var db = Context();
        Assert.Equal(2, (await db.Instances.SingleAsync(i => i.InstanceId == instanceId)).Revision);
        Assert.Equal(2, host.Get(db, instanceId)?.Revision);
    }

    [SkippableFact]
    public virtual async Task Execute_TwoHostsAlternateOnOneInstance_EveryCommandAppliedOnceAndChainIntact()
    {
        SkipUnlessAvailable();
        const int steps = 8;
        var (one, other) = (new InstanceCache(16), new InstanceCache(16));
        var instanceId = await StartOnAsync(one, id => TestModels.Sequence(id, steps));

        for (var step = 1; step <= steps; step++)
        {
            var result = await CompleteOnAsync(step % 2 == 0 ? one : other, instanceId);
            Assert.True(result.Applied, $"step {step}: {result.Status} {result.Rejection?.Message}");
        }

        await using var db = Context();
        var instance = await db.Instances.SingleAsync(i => i.InstanceId == instanceId);
        Assert.Equal(("completed", 1L + steps), (instance.Status, instance.Revision));
        var completed = await db.Journal.Where(j => j.InstanceId == instanceId && j.Type == "task-completed").CountAsync();
        Assert.Equal(steps, completed);
        var seqs = await db.Journal.Where(j => j.InstanceId == instanceId).OrderBy(j => j.Seq).Select(j => j.Seq).ToListAsync();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        Assert.True((await new JournalVerifier(db).VerifyAsync(instanceId)).Intact);
    }

    [SkippableFact]
    public virtual async Task Execute_CommandRefusedOnStaleCachedRow_AppliesAfterTheFreshRead()
    {
        SkipUnlessAvailable();
        var (one, other) = (new InstanceCache(16), new InstanceCache(16));
        var instanceId = await StartOnAsync(one, TestModels.TwoSteps);
        Assert.True((await CompleteOnAsync(other, instanceId)).Applied);

        // Host one still keeps the row from the start, where 'review' does not exist yet: the engine refuses it there.
        var review = await OpenTaskAsync(instanceId);
        Assert.Equal("review", review.ElementId);
        Assert.Equal(1, (await CachedAsync(one, instanceId))?.Revision);
        var reads = new InstanceReads();
        var result = await CompleteOnAsync(one, instanceId, reads, "approve");

        Assert.True(result.Applied, result.Rejection?.Message);
        Assert.Equal(1, reads.Count);
        Assert.Equal(InstanceStatus.Completed, result.State!.Status);
        Assert.Equal(3, (await CachedAsync(one, instanceId))?.Revision);
    }

    [SkippableFact]
    public virtual async Task Execute_StaleCachedRowStillAcceptsTheCommand_WriteMatchesNothingAndIsRerunOnFreshRow()
    {
        SkipUnlessAvailable();
        var (one, other) = (new InstanceCache(16), new InstanceCache(16));
        var instanceId = await StartOnAsync(one, TestModels.Parallel);
        await using var setup = Context();
        var tasks = await setup.Tasks.Where(t => t.InstanceId == instanceId).OrderBy(t => t.ElementId).ToListAsync();
        Assert.True((await CompleteOnAsync(other, instanceId, taskId: tasks[0].TaskId)).Applied);

        // On host one's kept row both tasks are open, so the command applies there, on a revision that is gone.
        var result = await CompleteOnAsync(one, instanceId, taskId: tasks[1].TaskId);

        Assert.True(result.Applied, result.Rejection?.Message);
        await using var db = Context();
        var instance = await db.Instances.SingleAsync(i => i.InstanceId == instanceId);
        Assert.Equal(("completed", 3L), (instance.Status, instance.Revision));
        Assert.Equal(2, await db.Journal.CountAsync(j => j.InstanceId == instanceId && j.Type == "task-completed"));
        Assert.True((await new JournalVerifier(db).VerifyAsync(instanceId)).Intact);
    }

    [SkippableFact]
    public virtual async Task Execute_InsideCallersTransactionThatRollsBack_LeavesNoPhantomRowInTheCache()
    {
        SkipUnlessAvailable();
        var host = new InstanceCache(16);
        var instanceId = await StartOnAsync(host, TestModels.TwoSteps);
        var task = await OpenTaskAsync(instanceId);

        await using (var db = Context())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var inside = await new CommandExecutor(db, Time, instances: host).ExecuteAsync(instanceId, new CompleteTask(task.TaskId) { Actor = "alice" });
            Assert.True(inside.Applied, inside.Rejection?.Message);
            await transaction.RollbackAsync();
        }

        Assert.NotEqual(2, (await CachedAsync(host, instanceId))?.Revision);
        var again = await CompleteOnAsync(host, instanceId);
        Assert.True(again.Applied, again.Rejection?.Message);
        Assert.Equal((2L, 1), await RevisionAndCompletedAsync(instanceId));
    }

    [SkippableFact]
    public virtual async Task Execute_WriteFailsInOwnTransaction_CacheHoldsNoUncommittedRow()
    {
        SkipUnlessAvailable();
        var host = new InstanceCache(16);
        var instanceId = await StartOnAsync(host, TestModels.TwoSteps);
        var task = await OpenTaskAsync(instanceId);

        await using (var db = Context(new FailJournalWrite()))
        {
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => new CommandExecutor(db, Time, instances: host).ExecuteAsync(instanceId, new CompleteTask(task.TaskId) { Actor = "alice" }));
        }

        Assert.NotEqual(2, (await CachedAsync(host, instanceId))?.Revision);
        Assert.True((await CompleteOnAsync(host, instanceId)).Applied);
        Assert.Equal((2L, 1), await RevisionAndCompletedAsync(instanceId));
    }

    [SkippableFact]
    public virtual async Task Execute_CacheOfSizeZero_ReadsTheInstanceForEveryCommand()
    {
        SkipUnlessAvailable();
        var (one, other) = (new InstanceCache(0), new InstanceCache(0));
        var instanceId = await StartOnAsync(one, TestModels.TwoSteps);
        var reads = new InstanceReads();

        Assert.True((await CompleteOnAsync(one, instanceId, reads)).Applied);
        Assert.True((await CompleteOnAsync(other, instanceId, reads, "approve")).Applied);

        Assert.Equal(2, reads.Count);
        Assert.Equal(0, one.Count);
        Assert.Equal((3L, 2), await RevisionAndCompletedAsync(instanceId));
    }

    [SkippableFact]
    public virtual async Task Put_MoreRowsThanTheSize_DropsTheLeastRecentlyUsedAndKeepsTheLaterRevision()
    {
        SkipUnlessAvailable();
        var cache = new InstanceCache(2);
        await using var db = Context();

        cache.Put(db, Row("a", 1));
        cache.Put(db, Row("b", 1));
        _ = cache.Get(db, "a");
        cache.Put(db, Row("c", 1));
        cache.Put(db, Row("a", 3));
        cache.Put(db, Row("a", 2));

        Assert.Equal(2, cache.Count);
        Assert.Null(cache.Get(db, "b"));
        Assert.Equal(3, cache.Get(db, "a")?.Revision);
        Assert.Equal(1, cache.Get(db, "c")?.Revision);
    }

    private static InstanceRecord Row(string id, long revision) => new()
    {
        InstanceId = id, DefinitionId = "d", DefinitionVersion = 1, ProcessId = "d", Status = "running", State = "{}",
        StartedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch, Revision = revision,
    };

    private async Task<string> StartOnAsync(InstanceCache host, Func<string, string> model)
    {
        var definitionId = NewId("d");
        await PublishAsync(definitionId, model(definitionId));
        var instanceId = NewId("i");
        await using var db = Context();
        var started = await new CommandExecutor(db, Time, instances: host).StartAsync(definitionId, null, new StartInstance(instanceId, "DOSSIER-" + instanceId) { Actor = "clerk" });
        Assert.True(started.Applied, started.Rejection?.Message);
        return instanceId;
    }

    /// <summary>Completes <paramref name="taskId"/>, or the one open task, on a new context of the host.</summary>
    private async Task<ExecutionResult> CompleteOnAsync(InstanceCache host, string instanceId, InstanceReads? reads = null, string? outcome = null, string? taskId = null)
    {
        taskId ??= (await OpenTaskAsync(instanceId)).TaskId;
        await using var db = reads is null ? Context() : Context(reads);
        return await new CommandExecutor(db, Time, instances: host).ExecuteAsync(instanceId, new CompleteTask(taskId, outcome) { Actor = "alice" });
    }

    private async Task<InstanceRecord?> CachedAsync(InstanceCache host, string instanceId)
    {
        await using var db = Context();
        return host.Get(db, instanceId);
    }

    private async Task<(long Revision, int Completed)> RevisionAndCompletedAsync(string instanceId)
    {
        await using var db = Context();
        return (await db.Instances.Where(i => i.InstanceId == instanceId).Select(i => i.Revision).SingleAsync(),
            await db.Journal.CountAsync(j => j.InstanceId == instanceId && j.Type == "task-completed"));
    }

    [GeneratedRegex("""^\s*SELECT\b.*\bFROM\s+"?instances"?\s""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ReadsInstances();

    /// <summary>Counts the queries that read the instances table.</summary>
    private sealed class InstanceReads : DbCommandInterceptor
    {
        private int _count;

        public int Count => _count;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (ReadsInstances().IsMatch(command.CommandText))
            {
                Interlocked.Increment(ref _count);
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    /// <summary>The database refuses any command that writes journal rows, whichever write path sends it.</summary>
    private sealed class FailJournalWrite : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            command.CommandText.Contains("INSERT INTO", StringComparison.Ordinal) && command.CommandText.Contains("journal", StringComparison.Ordinal)
                ? throw new RefusedWrite()
                : base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    private sealed class RefusedWrite() : DbException("the test refuses the journal write");
}
