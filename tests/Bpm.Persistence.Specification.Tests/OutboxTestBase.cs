using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bpm.Persistence.Specification.Tests;

public abstract class OutboxTestBase<TFixture>(TFixture fixture) : PersistenceTestBase<TFixture>(fixture)
    where TFixture : class, IDatabaseFixture
{
    [SkippableFact]
    public virtual async Task Dispatch_AfterCrashBetweenCommitAndDispatch_DeliversCommittedEffects()
    {
        SkipUnlessAvailable();

        // The command commits and its process dies before any dispatch: nothing but the database survives.
        var (_, instanceId) = await StartTwoStepsAsync();
        var delivered = new List<OutboxMessage>();

        await using var db = Context();
        await DrainAsync(db, delivered);

        var mine = delivered.Where(m => m.InstanceId == instanceId).ToList();
        var created = Assert.IsType<Bpm.Engine.TaskCreated>(Assert.Single(mine).Effect);
        Assert.Equal("receive", created.ElementId);
        Assert.Empty(await Context().Outbox.Where(o => o.InstanceId == instanceId && o.DispatchedAt == null).ToListAsync());
    }

    [SkippableFact]
    public virtual async Task Dispatch_CrashAfterDeliveryBeforeMarking_RedeliversWithTheSameId()
    {
        SkipUnlessAvailable();
        var (_, instanceId) = await StartTwoStepsAsync();
        var first = new List<OutboxMessage>();

        await using (var crashing = Context(new CrashOnSave()))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => DrainAsync(crashing, first));
        }

        var second = new List<OutboxMessage>();
        await using var db = Context();
        await DrainAsync(db, second);

        var delivered = Assert.Single(first);
        Assert.Contains(second, m => m.Id == delivered.Id && m.InstanceId == delivered.InstanceId);
        Assert.Empty(await Context().Outbox.Where(o => o.InstanceId == instanceId && o.DispatchedAt == null).ToListAsync());
    }

    [SkippableFact]
    public virtual async Task Dispatch_ConsumerFails_KeepsRowWithErrorAndHoldsBackLaterRowsOfThatInstance()
    {
        SkipUnlessAvailable();
        var (_, instanceId) = await StartTwoStepsAsync();
        await CompleteOpenTaskAsync(instanceId, "alice");
        var seen = new List<OutboxMessage>();
        await using var db = Context();

        // One pass over everything pending: the instance's first row fails, its second must not be tried.
        await new OutboxDispatcher(db, Time).DispatchAsync(
            (m, _) =>
            {
                if (m.InstanceId == instanceId)
                {
                    seen.Add(m);
                    throw new IOException("channel down");
                }

                return Task.CompletedTask;
            },
            batchSize: 100_000);

        Assert.Single(seen);
        var rows = await Context().Outbox.Where(o => o.InstanceId == instanceId).OrderBy(o => o.Id).ToListAsync();
        Assert.All(rows, r => Assert.Null(r.DispatchedAt));
        Assert.Equal(("IOException: channel down", 1), (rows[0].LastError, rows[0].Attempts));
        Assert.Equal(0, rows[1].Attempts);
    }

    private async Task DrainAsync(BpmDbContext db, List<OutboxMessage> delivered)
    {
        var dispatcher = new OutboxDispatcher(db, Time);
        while ((await dispatcher.DispatchAsync((m, _) => { delivered.Add(m); return Task.CompletedTask; })).Delivered > 0)
        {
        }
    }

    /// <summary>The consumer has the message; the process dies before the row is marked.</summary>
    private sealed class CrashOnSave : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("simulated crash before marking the row dispatched");
    }
}
