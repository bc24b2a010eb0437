using Bpm.Engine;
using Bpm.Persistence.Specification.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bpm.Persistence.Sqlite.Tests;

/// <summary>
/// SQLite's own write path for a command on a stored instance (one batch of statements, not EF's
/// SaveChanges): what it stores must be what the EF path stored, times as UTC ticks included.
/// </summary>
public sealed class SqliteBatchWriteTests(SqliteFixture fixture) : PersistenceTestBase<SqliteFixture>(fixture), IClassFixture<SqliteFixture>
{
    [Fact]
    public async Task Execute_CompletionOfStoredInstance_WritesEveryRowWithoutSaveChanges()
    {
        var (_, instanceId) = await StartTwoStepsAsync();
        var receive = await OpenTaskAsync(instanceId);
        var before = await CountsAsync(instanceId);
        Time.Advance(TimeSpan.FromMinutes(90));
        var saves = new CountingSaves();
        await using var db = Context(saves);

        var result = await Executor(db).ExecuteAsync(instanceId, new CompleteTask(receive.TaskId, "approve") { Actor = "alice" });

        Assert.True(result.Applied, result.Rejection?.Message);
        Assert.Equal(0, saves.Calls);
        var after = await CountsAsync(instanceId);
        Assert.Equal((before.Revision + 1, before.Journal + result.Events.Count, before.Tasks + 1, before.Outbox + result.SideEffects.Count), after);
        await using var check = Context();
        var done = await check.Tasks.AsNoTracking().SingleAsync(t => t.InstanceId == instanceId && t.TaskId == receive.TaskId);
        Assert.Equal((TaskRecord.Completed, "alice", "approve", Time.GetUtcNow()), (done.Status, done.CompletedBy, done.Outcome, done.CompletedAt));
        var next = await OpenTaskAsync(instanceId);
        Assert.Equal(("review", Time.GetUtcNow(), "DOSSIER-" + instanceId), (next.ElementId, next.CreatedAt, next.BusinessKey));
        var instance = await check.Instances.AsNoTracking().SingleAsync(i => i.InstanceId == instanceId);
        Assert.Equal(Time.GetUtcNow(), instance.UpdatedAt);
        Assert.Equal(result.State!.LastSequence, await check.Journal.Where(j => j.InstanceId == instanceId).MaxAsync(j => j.Seq));
        Assert.True((await new JournalVerifier(check).VerifyAsync(instanceId)).Intact);
    }

    private sealed class CountingSaves : SaveChangesInterceptor
    {
        public int Calls { get; private set; }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Calls++;
            return ValueTask.FromResult(result);
        }
    }
}
