using Bpm.Engine;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence;

/// <summary>A side effect handed to a consumer. <see cref="Id"/> is stable across redeliveries: consumers use it to stay idempotent.</summary>
public sealed record OutboxMessage(long Id, string InstanceId, SideEffect Effect, int Attempt);

/// <summary>What one dispatch pass did.</summary>
public sealed record DispatchReport(int Delivered, int Failed);

/// <summary>
/// Delivers outbox rows at least once, in id order per instance, with several hosts on one database.
/// A pass first takes a batch: one conditional UPDATE writes its lease (<c>LeasedBy</c>, <c>LeasedUntil</c>)
/// on pending rows nobody holds, so two hosts never deliver the same row at the same time; a host that
/// died holding rows loses them when the lease (<see cref="RetrySchedule.Lease"/>) runs out. A row is
/// marked dispatched only after its consumer returned, so a crash in between leads to a redelivery,
/// never to a loss. A failed row is kept with its error, and the instance's later rows wait for it, so
/// that, e.g., a timer is never disarmed before it was armed.
/// </summary>
public sealed class OutboxDispatcher(BpmDbContext db, TimeProvider time)
{
    public async Task<DispatchReport> DispatchAsync(Func<OutboxMessage, CancellationToken, Task> deliver, int batchSize = 100, CancellationToken cancellationToken = default)
    {
        db.ChangeTracker.Clear();
        var lease = NewLease();
        var taken = await TakeAsync(lease, batchSize, cancellationToken);
        var blocked = new HashSet<string>(StringComparer.Ordinal);
        int delivered = 0, failed = 0;
        foreach (var row in taken)
        {
            if (blocked.Contains(row.InstanceId))
            {
                continue;
            }

            var attempt = row.Attempts + 1;
            string? error = null;
            try
            {
                await deliver(new OutboxMessage(row.Id, row.InstanceId, StoreJson.Effect(row.Payload), attempt), cancellationToken);
                delivered++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Kept on the row for operators, and the row is retried on the next pass.
                error = $"{e.GetType().Name}: {e.Message}";
                error = error.Length > 2000 ? error[..2000] : error;
                blocked.Add(row.InstanceId);
                failed++;
            }

            DateTimeOffset? dispatchedAt = error is null ? time.GetUtcNow() : null;
            // Only while the lease is still ours: a host slower than its lease must not write over the attempt of the host that took the row after it.
            await Held(lease).Where(o => o.Id == row.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(o => o.Attempts, attempt).SetProperty(o => o.DispatchedAt, dispatchedAt).SetProperty(o => o.LastError, error), cancellationToken);
        }

        if (failed > 0)
        {
            // Held until now so that this pass did not take the failed instances' rows again; the next pass retries them.
            await ReleaseAsync(Held(lease), cancellationToken);
        }

        return new DispatchReport(delivered, failed);
    }

    /// <summary>
    /// Leases up to <paramref name="batchSize"/> pending rows in id order and returns those that may be
    /// delivered now. A row whose instance has an earlier row held by another host is not taken; a row
    /// that slipped in anyway (the other host's take committed while this one ran) is given back, so
    /// that no instance's rows are ever delivered by two hosts at once or out of order.
    /// </summary>
    private async Task<List<OutboxRecord>> TakeAsync(string lease, int batchSize, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + RetrySchedule.Lease;
        var free = db.Outbox
            .Where(o => o.DispatchedAt == null && (o.LeasedUntil == null || o.LeasedUntil <= now))
            .Where(o => !db.Outbox.Any(e => e.InstanceId == o.InstanceId && e.Id < o.Id && e.DispatchedAt == null && e.LeasedUntil > now))
            .OrderBy(o => o.Id)
            .Take(batchSize)
            .Select(o => o.Id);
        // The lease conditions are repeated on the updated row: a concurrent take that committed first leaves it to that host.
        var took = await db.Outbox
            .Where(o => free.Contains(o.Id) && o.DispatchedAt == null && (o.LeasedUntil == null || o.LeasedUntil <= now))
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.LeasedBy, lease).SetProperty(o => o.LeasedUntil, until), cancellationToken);
        if (took == 0)
        {
            return [];
        }

        var held = await Held(lease).AsNoTracking()
            .OrderBy(o => o.Id)
            .Select(o => new { Row = o, Behind = db.Outbox.Any(e => e.InstanceId == o.InstanceId && e.Id < o.Id && e.DispatchedAt == null && e.LeasedBy != lease) })
            .ToListAsync(cancellationToken);
        if (held.Any(h => h.Behind))
        {
            var giveBack = held.Where(h => h.Behind).Select(h => h.Row.Id).ToList();
            await ReleaseAsync(Held(lease).Where(o => giveBack.Contains(o.Id)), cancellationToken);
        }

        return held.Where(h => !h.Behind).Select(h => h.Row).ToList();
    }

    private IQueryable<OutboxRecord> Held(string lease) => db.Outbox.Where(o => o.LeasedBy == lease && o.DispatchedAt == null);

    private static Task<int> ReleaseAsync(IQueryable<OutboxRecord> rows, CancellationToken cancellationToken) =>
        rows.ExecuteUpdateAsync(u => u.SetProperty(o => o.LeasedBy, (string?)null).SetProperty(o => o.LeasedUntil, (DateTimeOffset?)null), cancellationToken);

    /// <summary>Names the host for operators (machine and process), and is new for each pass so that a pass reads back only what it took.</summary>
    private static string NewLease()
    {
        var lease = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        return lease.Length > OutboxRecord.LeasedByLength ? lease[^OutboxRecord.LeasedByLength..] : lease;
    }
}
