using Bpm.Engine;
using Bpm.Persistence.Specification.Tests;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.PostgreSql.Tests;

/// <summary>
/// Deferred writes (decision 0010) against a real PostgreSQL: what is held is written at the flush with the
/// values the live path writes, nothing before it, and a flush that finds a row moved by another writer fails whole.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DeferredWritesTests(PostgresFixture fixture) : PersistenceTestBase<PostgresFixture>(fixture)
{
    [SkippableFact]
    public async Task Flush_StartAndCompleteInOneUnit_StoresWhatTheLivePathStores()
    {
        SkipUnlessAvailable();
        var definitionId = NewId("d");
        await PublishAsync(definitionId, TestModels.TwoSteps(definitionId));
        var live = await StartAsync(definitionId);
        Assert.True((await CompleteOpenTaskAsync(live, "clerk")).Applied);

        var deferredId = NewId("i");
        await using (var db = Context())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var writes = new DeferredWrites();
            db.DeferredWrites = writes;
            var executor = Executor(db);
            var started = await executor.StartAsync(definitionId, null, new StartInstance(deferredId, "DOSSIER-" + deferredId) { Actor = "clerk" });
            var task = started.SideEffects.OfType<TaskCreated>().Single();
            var completed = await executor.ExecuteAsync(deferredId, new CompleteTask(task.TaskId) { Actor = "clerk" });
            Assert.True(completed.Applied, completed.Rejection?.Message);

            await using (var other = Context())
            {
                Assert.False(await other.Instances.AnyAsync(i => i.InstanceId == deferredId));
            }

            await writes.FlushAsync(db);
            await transaction.CommitAsync();
        }

        await using var check = Context();
        var (expected, actual) = (await StoredAsync(check, live), await StoredAsync(check, deferredId));
        Assert.Equal(string.Join("\n", expected), string.Join("\n", actual));
        Assert.True((await new JournalVerifier(check).VerifyAsync(deferredId)).Intact);
    }

    [SkippableFact]
    public async Task Flush_InstanceMovedByAnotherWriterMeanwhile_FailsAndWritesNothing()
    {
        SkipUnlessAvailable();
        var (_, instanceId) = await StartTwoStepsAsync();
        var task = await OpenTaskAsync(instanceId);

        await using var db = Context();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var writes = new DeferredWrites();
        db.DeferredWrites = writes;
        Assert.True((await Executor(db).ExecuteAsync(instanceId, new CompleteTask(task.TaskId) { Actor = "deferred" })).Applied);

        // Another host completes the same task first: the held update was read at revision 1.
        Assert.True((await CompleteOpenTaskAsync(instanceId, "other")).Applied);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => writes.FlushAsync(db));
        await transaction.RollbackAsync();
        await using var check = Context();
        Assert.Equal("other", (await check.Tasks.SingleAsync(t => t.InstanceId == instanceId && t.TaskId == task.TaskId)).CompletedBy);
        Assert.Equal(1, await check.Journal.CountAsync(j => j.InstanceId == instanceId && j.Type == "task-completed"));
        Assert.True((await new JournalVerifier(check).VerifyAsync(instanceId)).Intact);
    }

    [SkippableFact]
    public async Task SaveChanges_RowAddedThenChanged_IsWrittenOnceWithItsLastValuesAtTheFlush()
    {
        SkipUnlessAvailable();
        var unit = NewId("u");
        await using var db = Context();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var writes = new DeferredWrites();
        db.DeferredWrites = writes;
        var counter = new DossierCodeCounterRecord { UnitIdentifier = unit, ReceiptDay = "2026-03-02", LastSequence = 1 };
        db.DossierCodeCounters.Add(counter);
        await db.SaveChangesAsync();
        counter.LastSequence = 5;
        await db.SaveChangesAsync();

        Assert.Equal(0, await db.DossierCodeCounters.CountAsync(c => c.UnitIdentifier == unit));
        Assert.Equal(1, writes.Pending);
        await writes.FlushAsync(db);

        // Stored now: a change is an update of that row.
        counter.LastSequence = 7;
        await db.SaveChangesAsync();
        await writes.FlushAsync(db);
        await transaction.CommitAsync();

        await using var check = Context();
        Assert.Equal(7, (await check.DossierCodeCounters.SingleAsync(c => c.UnitIdentifier == unit)).LastSequence);
        Assert.Equal(0, writes.Pending);
    }

    [SkippableFact]
    public async Task SaveChanges_DeferredDelete_IsRefused()
    {
        SkipUnlessAvailable();
        await using var db = Context();
        db.DeferredWrites = new DeferredWrites();
        db.DossierCodeCounters.Remove(new DossierCodeCounterRecord { UnitIdentifier = NewId("u"), ReceiptDay = "2026-03-02" });

        var refused = await Assert.ThrowsAsync<NotSupportedException>(() => db.SaveChangesAsync());
        Assert.Contains("does not delete", refused.Message);
    }

    [SkippableFact]
    public async Task Flush_WithoutTheCallersTransaction_IsRefused()
    {
        SkipUnlessAvailable();
        await using var db = Context();
        var writes = new DeferredWrites();

        await Assert.ThrowsAsync<InvalidOperationException>(() => writes.FlushAsync(db));
    }

    [SkippableFact]
    public async Task NextCodeSequence_CounterMovedByAnotherWriter_FlushFails()
    {
        SkipUnlessAvailable();
        var unit = NewId("u");
        await using (var setup = Context())
        {
            setup.DossierCodeCounters.Add(new DossierCodeCounterRecord { UnitIdentifier = unit, ReceiptDay = "2026-03-02", LastSequence = 3 });
            await setup.SaveChangesAsync();
        }

        await using var db = Context();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var writes = new DeferredWrites();
        db.DeferredWrites = writes;
        Assert.Equal(4, await writes.NextCodeSequenceAsync(db, unit, "2026-03-02", default));
        Assert.Equal(5, await writes.NextCodeSequenceAsync(db, unit, "2026-03-02", default));
        await using (var other = Context())
        {
            var row = await other.DossierCodeCounters.SingleAsync(c => c.UnitIdentifier == unit);
            row.LastSequence = 4;
            await other.SaveChangesAsync();
        }

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => writes.FlushAsync(db));
        await transaction.RollbackAsync();
        await using var check = Context();
        Assert.Equal(4, (await check.DossierCodeCounters.SingleAsync(c => c.UnitIdentifier == unit)).LastSequence);
    }

    [SkippableFact]
    public async Task TakeUndelivered_StartsEffects_AreMarkedDeliveredOnceInOrder()
    {
        SkipUnlessAvailable();
        var definitionId = NewId("d");
        await PublishAsync(definitionId, TestModels.TwoSteps(definitionId));
        var instanceId = NewId("i");
        await using var db = Context();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var writes = new DeferredWrites();
        db.DeferredWrites = writes;
        var started = await Executor(db).StartAsync(definitionId, null, new StartInstance(instanceId, "DOSSIER-" + instanceId) { Actor = "clerk" });

        var effects = writes.TakeUndelivered(db, instanceId, Time.GetUtcNow());
        Assert.Equal(started.SideEffects.Select(e => e.GetType()), effects.Select(e => e.GetType()));
        Assert.Empty(writes.TakeUndelivered(db, instanceId, Time.GetUtcNow()));
        await writes.FlushAsync(db);
        await transaction.CommitAsync();

        await using var check = Context();
        var rows = await check.Outbox.Where(o => o.InstanceId == instanceId).OrderBy(o => o.Id).ToListAsync();
        Assert.Equal(started.SideEffects.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal((Time.GetUtcNow(), 1), (r.DispatchedAt, r.Attempts)));
    }

    /// <summary>The instance row, its tasks, journal and outbox, with the instance id taken out and without the hashes, which differ by it.</summary>
    private static async Task<List<string>> StoredAsync(BpmDbContext db, string instanceId)
    {
        var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.InstanceId == instanceId);
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == instanceId).OrderBy(t => t.CreatedAt).ThenBy(t => t.ElementId)
            .Select(t => new { t.ElementId, t.Status, t.Unit, t.Role, t.CreatedAt, t.DueAt, t.CompletedAt, t.CompletedBy, t.Outcome, t.Evaluation, t.BusinessKey }).ToListAsync();
        var journal = await db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Seq)
            .Select(j => new { j.Seq, j.Type, j.At, j.Actor }).ToListAsync();
        var outbox = await db.Outbox.AsNoTracking().Where(o => o.InstanceId == instanceId).OrderBy(o => o.Id)
            .Select(o => new { o.Type, o.CreatedAt, o.DispatchedAt, o.Attempts }).ToListAsync();
        List<string> rows =
        [
            $"{instance.Status} {instance.Revision} {instance.StartedAt:O} {instance.EndedAt:O} {instance.DueAt:O} {instance.UpdatedAt:O} {instance.Evaluation} {instance.State.Replace(instanceId, "ID", StringComparison.Ordinal).Length}",
            .. tasks.Select(t => $"{t}"), .. journal.Select(j => $"{j}"), .. outbox.Select(o => $"{o}"),
        ];
        return [.. rows.Select(r => r.Replace(instanceId, "ID", StringComparison.Ordinal))];
    }
}
