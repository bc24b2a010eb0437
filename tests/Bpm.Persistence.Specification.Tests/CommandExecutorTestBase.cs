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

    [SkippableFact]
    public virtual async Task Execute_FailureAfterJournalWrite_PersistsNothingOfTheCommand()
    {
        SkipUnlessAvailable();
        var (_, instanceId) = await StartTwoStepsAsync();
        var task = await OpenTaskAsync(instanceId);
        var before = await CountsAsync(instanceId);
        var crash = new CrashAfterJournalWrite();
        await using var db = Context(crash);

        await Assert.ThrowsAsync<SimulatedCrashException>(() => Executor(db).ExecuteAsync(instanceId, new CompleteTask(task.TaskId) { Actor = "alice" }));

        Assert.True(crash.JournalRowsWritten > 0, "the failure must come after the journal rows were written");
        Assert.Equal(before, await CountsAsync(instanceId));
        Assert.Equal(TaskRecord.Open, (await OpenTaskAsync(instanceId)).Status);
        var retried = await CompleteOpenTaskAsync(instanceId, "alice");
        Assert.True(retried.Applied, "the instance must still be usable");
    }

    [SkippableFact]
    public virtual async Task Execute_TwoContextsCompleteSameTaskAtOnce_ExactlyOneWinsAndTheOtherLearnsWho()
    {
        SkipUnlessAvailable();
        var (_, instanceId) = await StartTwoStepsAsync();
        var task = await OpenTaskAsync(instanceId);

        // Both executors load and run the engine before either opens its transaction: a real race.
        using var bothLoaded = new Barrier(2);
        async Task<ExecutionResult> CompleteAs(string actor)
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
            return await executor.ExecuteAsync(instanceId, new CompleteTask(task.TaskId, "approve") { Actor = actor });
        }

        var results = await Task.WhenAll(Task.Run(() => CompleteAs("alice")), Task.Run(() => CompleteAs("bob")));

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

    private sealed class SimulatedCrashException() : Exception("simulated crash after the journal write");

    /// <summary>Lets SaveChanges write every row inside the transaction, then fails before the commit.</summary>
    private sealed class CrashAfterJournalWrite : SaveChangesInterceptor
    {
        public int JournalRowsWritten { get; private set; }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            JournalRowsWritten = eventData.Context!.ChangeTracker.Entries<JournalRecord>().Count();
            throw new SimulatedCrashException();
        }
    }
}
