using Bpm.Engine;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence;

/// <summary>A side effect handed to a consumer. <see cref="Id"/> is stable across redeliveries: consumers use it to stay idempotent.</summary>
public sealed record OutboxMessage(long Id, string InstanceId, SideEffect Effect, int Attempt);

/// <summary>What one dispatch pass did.</summary>
public sealed record DispatchReport(int Delivered, int Failed);

/// <summary>
/// Delivers outbox rows at least once, in id order. A row is marked dispatched only after its
/// consumer returned, so a crash in between leads to a redelivery, never to a loss. A failed row is
/// kept with its error, and the instance's later rows wait for it, so that, e.g., a timer is never
/// disarmed before it was armed.
/// </summary>
public sealed class OutboxDispatcher(BpmDbContext db, TimeProvider time)
{
    public async Task<DispatchReport> DispatchAsync(Func<OutboxMessage, CancellationToken, Task> deliver, int batchSize = 100, CancellationToken cancellationToken = default)
    {
        db.ChangeTracker.Clear();
        var pending = await db.Outbox.Where(o => o.DispatchedAt == null).OrderBy(o => o.Id).Take(batchSize).ToListAsync(cancellationToken);
        var blocked = new HashSet<string>(StringComparer.Ordinal);
        int delivered = 0, failed = 0;
        foreach (var row in pending)
        {
            if (blocked.Contains(row.InstanceId))
            {
                continue;
            }

            row.Attempts++;
            try
            {
                await deliver(new OutboxMessage(row.Id, row.InstanceId, StoreJson.Effect(row.Payload), row.Attempts), cancellationToken);
                row.DispatchedAt = time.GetUtcNow();
                row.LastError = null;
                delivered++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Kept on the row for operators, and the row is retried on the next pass.
                var error = $"{e.GetType().Name}: {e.Message}";
                row.LastError = error.Length > 2000 ? error[..2000] : error;
                blocked.Add(row.InstanceId);
                failed++;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return new DispatchReport(delivered, failed);
    }
}
