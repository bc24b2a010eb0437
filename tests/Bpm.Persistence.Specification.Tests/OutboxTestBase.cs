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
    public virtual async Task Dispatch_CrashAfterDeliveryBeforeMarking_RedeliversWithTheSameIdOnceTheLeaseRunsOut()
    {
        SkipUnlessAvailable();
        var (_, instanceId) = await StartTwoStepsAsync();
        var first = new List<OutboxMessage>();

        await using (var crashing = Context(new CrashBeforeMarking()))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => DrainAsync(crashing, first));
        }

        // The dead host's lease still holds the row: no one else delivers it yet.
        var tooEarly = new List<OutboxMessage>();
        await using (var other = Context())
        {
            Time.Advance(RetrySchedule.Lease - TimeSpan.FromSeconds(1));
            await DrainAsync(other, tooEarly);
        }

        Time.Advance(TimeSpan.FromSeconds(1));
        var second = new List<OutboxMessage>();
        await using var db = Context();
        await DrainAsync(db, second);

        // The pass's rows are marked together after the last one was delivered: the crash left all of them to redeliver.
        Assert.NotEmpty(first);
        Assert.DoesNotContain(tooEarly, m => m.InstanceId == instanceId);
        Assert.All(first, delivered => Assert.Contains(second, m => m.Id == delivered.Id && m.InstanceId == delivered.InstanceId));
        Assert.Empty(await Context().Outbox.Where(o => o.InstanceId == instanceId && o.DispatchedAt == null).ToListAsync());
    }

    [SkippableFact]
    public virtual async Task Dispatch_HostDiesWhileDelivering_LaterRowsWaitAndTheOtherHostDeliversAllInOrderAfterTheLease()
    {
        SkipUnlessAvailable();
        var instanceId = NewId("i");
        var ids = await AddPendingAsync(instanceId, 3);
        using var dying = new CancellationTokenSource();

        // The host dies inside its consumer: nothing after the take reaches the database.
        await using (var crashed = Context())
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new OutboxDispatcher(crashed, Time).DispatchAsync(
                (m, token) =>
                {
                    dying.Cancel();
                    token.ThrowIfCancellationRequested();
                    return Task.CompletedTask;
                },
                cancellationToken: dying.Token));
        }

        var held = await Context().Outbox.AsNoTracking().SingleAsync(o => o.Id == ids[0]);
        var (whileHeld, after) = await DrainNowAndAfterTheLeaseAsync();

        Assert.DoesNotContain(whileHeld, m => m.InstanceId == instanceId);
        Assert.Equal(ids, after.Where(m => m.InstanceId == instanceId).Select(m => m.Id));
        var rows = await Context().Outbox.AsNoTracking().Where(o => o.InstanceId == instanceId).OrderBy(o => o.Id).ToListAsync();
        Assert.All(rows, r => Assert.Equal((1, true), (r.Attempts, r.DispatchedAt is not null)));
        Assert.NotEqual(held.LeasedBy, rows[0].LeasedBy);
    }

    [SkippableFact]
    public virtual async Task Dispatch_TwoHostsRaceOverManyRows_EachRowDeliveredOnceInOrderPerInstance()
    {
        SkipUnlessAvailable();
        var rows = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        for (var i = 0; i < 40; i++)
        {
            var instanceId = NewId("i");
            rows[instanceId] = await AddPendingAsync(instanceId, 6);
        }

        var deliveries = new System.Collections.Concurrent.ConcurrentQueue<(string Host, OutboxMessage Message)>();
        var instanceIds = rows.Keys.ToList();
        // Both hosts ready (context open, first query run) before either dispatches: otherwise one
        // may take every row before the other has started, and the race proves nothing.
        var ready = new System.Threading.Barrier(2);
        async Task HostAsync(string host)
        {
            await using var db = Context();
            var dispatcher = new OutboxDispatcher(db, Time);
            _ = await db.Outbox.AnyAsync(o => o.InstanceId == host);
            ready.SignalAndWait(TimeSpan.FromSeconds(30));
            while (await db.Outbox.AnyAsync(o => instanceIds.Contains(o.InstanceId) && o.DispatchedAt == null))
            {
                await dispatcher.DispatchAsync(
                    async (m, _) =>
                    {
                        deliveries.Enqueue((host, m));
                        await Task.Delay(1);
                    },
                    batchSize: 25);
            }
        }

        await Task.WhenAll(Task.Run(() => HostAsync("a")), Task.Run(() => HostAsync("b")));

        var mine = deliveries.Where(d => rows.ContainsKey(d.Message.InstanceId)).ToList();
        Assert.Equal(rows.Values.SelectMany(r => r).Order(), mine.Select(d => d.Message.Id).Order());
        Assert.All(mine, d => Assert.Equal(1, d.Message.Attempt));
        foreach (var (instanceId, ids) in rows)
        {
            Assert.Equal(ids, mine.Where(d => d.Message.InstanceId == instanceId).Select(d => d.Message.Id));
        }

        // Both took part, or the race proved nothing.
        Assert.Equal(2, mine.Select(d => d.Host).Distinct().Count());
        var stored = await Context().Outbox.AsNoTracking().Where(o => instanceIds.Contains(o.InstanceId)).ToListAsync();
        Assert.All(stored, r => Assert.Equal((1, true, (string?)null), (r.Attempts, r.DispatchedAt is not null, r.LastError)));
    }

    [SkippableFact]
    public virtual async Task Dispatch_AnotherHostTakesTheChosenRowsFirst_ChoosesAgainAndDeliversAnotherInstancesRows()
    {
        SkipUnlessAvailable();
        await DrainEverythingAsync();
        var x = await AddPendingAsync(NewId("i"), 2);
        var y = await AddPendingAsync(NewId("i"), 2);

        // Between this host's choice (x's two rows) and its take, the other host takes the same two rows.
        var (report, delivered, other) = await PassMeetingAnotherHostAsync(batchSize: 2, otherBatchSize: 2);
        await using (other)
        {
            Assert.Equal(2, report.Delivered);
            Assert.Equal(y, delivered);
            Assert.Equal(x, await other.FinishAsync());
        }
    }

    [SkippableFact]
    public virtual async Task Dispatch_AnotherHostTakesAnEarlierRowOfTheInstanceMeanwhile_GivesTheLaterRowBackAndKeepsOrder()
    {
        SkipUnlessAvailable();
        await DrainEverythingAsync();
        var x = await AddPendingAsync(NewId("i"), 2);
        var y = await AddPendingAsync(NewId("i"), 1);

        // This host chooses x's two rows and y's; before its take the other host takes x's first.
        var (_, delivered, other) = await PassMeetingAnotherHostAsync(batchSize: 3, otherBatchSize: 1);
        var second = await Context().Outbox.AsNoTracking().SingleAsync(o => o.Id == x[1]);
        await using (other)
        {
            Assert.Equal(y, delivered);
            Assert.Equal(((string?)null, (DateTimeOffset?)null, (DateTimeOffset?)null), (second.LeasedBy, second.LeasedUntil, second.DispatchedAt));
            Assert.Equal(x.Take(1), await other.FinishAsync());
        }

        var rest = await DrainOnNewContextAsync();
        Assert.Equal(x.Skip(1), rest.Where(m => m.InstanceId == second.InstanceId).Select(m => m.Id));
    }

    [SkippableFact]
    public virtual async Task Dispatch_AnotherHostHoldsALaterRowOfAnInstance_TakesNoneOfThatInstanceUntilTheLeaseRunsOut()
    {
        SkipUnlessAvailable();
        await DrainEverythingAsync();
        string xi = NewId("i"), yi = NewId("i");
        var x = await AddPendingAsync(xi, 2);
        var y = await AddPendingAsync(yi, 1);
        // A lease on the instance's later row only: left by a take that met another and has not given the row back yet.
        await using (var db = Context())
        {
            await db.Outbox.Where(o => o.Id == x[1]).ExecuteUpdateAsync(u => u.SetProperty(o => o.LeasedBy, "other").SetProperty(o => o.LeasedUntil, Time.GetUtcNow() + RetrySchedule.Lease));
        }

        var (whileHeld, after) = await DrainNowAndAfterTheLeaseAsync();

        Assert.Equal(y, whileHeld.Where(m => m.InstanceId == xi || m.InstanceId == yi).Select(m => m.Id));
        Assert.Equal(x, after.Where(m => m.InstanceId == xi).Select(m => m.Id));
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

    [SkippableFact]
    public virtual async Task Dispatch_PassCancelledHalfWay_MarksWhatItDeliveredInOneStatementAndLeavesTheRest()
    {
        SkipUnlessAvailable();
        await DrainEverythingAsync();
        var (x, y, z) = (NewId("x"), NewId("y"), NewId("z"));
        var ids = new List<long>();
        foreach (var instance in new[] { x, y, z })
        {
            ids.AddRange(await AddPendingAsync(instance, 1));
        }

        using var stopping = new CancellationTokenSource();
        var marks = new CountMarks();
        var delivered = new List<long>();
        await using (var db = Context(marks))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new OutboxDispatcher(db, Time).DispatchAsync(
                (m, token) =>
                {
                    if (m.InstanceId == z)
                    {
                        stopping.Cancel();
                        token.ThrowIfCancellationRequested();
                    }

                    delivered.Add(m.Id);
                    return Task.CompletedTask;
                },
                cancellationToken: stopping.Token));
        }

        var rows = await Context().Outbox.AsNoTracking().Where(o => ids.Contains(o.Id)).OrderBy(o => o.Id).ToListAsync();
        Assert.Equal(1, marks.Count);
        Assert.Equal(ids[..2], delivered.Where(ids.Contains));
        Assert.Equal([(1, true), (1, true), (0, false)], rows.Select(r => (r.Attempts, r.DispatchedAt is not null)));
    }

    private async Task DrainAsync(BpmDbContext db, List<OutboxMessage> delivered)
    {
        var dispatcher = new OutboxDispatcher(db, Time);
        while ((await dispatcher.DispatchAsync((m, _) => { delivered.Add(m); return Task.CompletedTask; })).Delivered > 0)
        {
        }
    }

    /// <summary>
    /// One pass of this host; between its choice and its take, another host's pass takes its own batch and
    /// stays inside the delivery of that batch's first row (until <see cref="HostInsideDelivery.FinishAsync"/>).
    /// </summary>
    private async Task<(DispatchReport Report, List<long> Delivered, HostInsideDelivery Other)> PassMeetingAnotherHostAsync(int batchSize, int otherBatchSize)
    {
        var other = new HostInsideDelivery(Context(), Time, otherBatchSize);
        try
        {
            var delivered = new List<long>();
            await using var db = Context(new BeforeFirstTake(other.StartAsync));
            var report = await new OutboxDispatcher(db, Time).DispatchAsync((m, _) => { delivered.Add(m.Id); return Task.CompletedTask; }, batchSize);
            return (report, delivered, other);
        }
        catch
        {
            await other.DisposeAsync();
            throw;
        }
    }

    /// <summary>Delivers whatever earlier tests on the shared database left pending, so that a test's own rows are the first a take chooses.</summary>
    private Task DrainEverythingAsync() => DrainOnNewContextAsync();

    /// <summary>What another host delivers now, and what it delivers once <see cref="RetrySchedule.Lease"/> has passed.</summary>
    private async Task<(List<OutboxMessage> WhileHeld, List<OutboxMessage> After)> DrainNowAndAfterTheLeaseAsync()
    {
        var whileHeld = await DrainOnNewContextAsync();
        Time.Advance(RetrySchedule.Lease);
        return (whileHeld, await DrainOnNewContextAsync());
    }

    private async Task<List<OutboxMessage>> DrainOnNewContextAsync()
    {
        var delivered = new List<OutboxMessage>();
        await using var db = Context();
        await DrainAsync(db, delivered);
        return delivered;
    }

    /// <summary>Pending rows for an instance that has none yet (ids in order), without running the engine: what the race needs is many rows.</summary>
    private async Task<List<long>> AddPendingAsync(string instanceId, int count)
    {
        await using var db = Context();
        var rows = Enumerable.Range(0, count).Select(n =>
        {
            var effect = new Bpm.Engine.TimerArmed($"t{n}", "sla", Time.GetUtcNow().AddHours(n));
            return new OutboxRecord { InstanceId = instanceId, Type = StoreJson.EffectType(effect), Payload = StoreJson.Effect(effect), CreatedAt = Time.GetUtcNow() };
        }).ToList();
        // One at a time: each insert's id is then greater than the previous one's on every provider.
        foreach (var row in rows)
        {
            db.Outbox.Add(row);
            await db.SaveChangesAsync();
        }

        return rows.Select(r => r.Id).ToList();
    }

    /// <summary>
    /// Another host's pass, started on demand: it takes its batch and then waits inside the delivery of its
    /// first row, holding the batch's lease, until <see cref="FinishAsync"/>.
    /// </summary>
    private sealed class HostInsideDelivery(BpmDbContext db, TimeProvider time, int batchSize) : IAsyncDisposable
    {
        private readonly TaskCompletionSource _inside = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _finish = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<long> _delivered = [];
        private Task? _pass;

        public Task StartAsync()
        {
            _pass = new OutboxDispatcher(db, time).DispatchAsync(
                async (m, _) =>
                {
                    _delivered.Add(m.Id);
                    _inside.TrySetResult();
                    await _finish.Task;
                },
                batchSize);
            return Task.WhenAny(_inside.Task, _pass).Unwrap();
        }

        /// <summary>Lets the pass deliver the rest of its batch and returns what it delivered, in order.</summary>
        public async Task<List<long>> FinishAsync()
        {
            _finish.TrySetResult();
            await (_pass ?? throw new InvalidOperationException("the other host's pass never started"));
            return _delivered;
        }

        public async ValueTask DisposeAsync()
        {
            _finish.TrySetResult();
            if (_pass is not null)
            {
                await _pass;
            }

            await db.DisposeAsync();
        }
    }

    /// <summary>Runs <paramref name="meanwhile"/> once, just before this context's first take (the UPDATE that writes a lease), after its choice.</summary>
    private sealed class BeforeFirstTake(Func<Task> meanwhile) : DbCommandInterceptor
    {
        private bool _done;

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!_done && command.CommandText.TrimStart().StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) && command.CommandText.Contains("LeasedUntil", StringComparison.Ordinal))
            {
                _done = true;
                await meanwhile();
            }

            return result;
        }
    }

    /// <summary>Counts the statements that write an attempt (marking rows dispatched or failed).</summary>
    private sealed class CountMarks : DbCommandInterceptor
    {
        public int Count { get; private set; }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.TrimStart().StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) && command.CommandText.Contains("Attempts", StringComparison.Ordinal))
            {
                Count++;
            }

            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    /// <summary>The consumer has the message; the process dies before the row is marked (the UPDATE that writes the attempt).</summary>
    private sealed class CrashBeforeMarking : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            command.CommandText.TrimStart().StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) && command.CommandText.Contains("Attempts", StringComparison.Ordinal)
                ? throw new InvalidOperationException("simulated crash before marking the row dispatched")
                : base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}
