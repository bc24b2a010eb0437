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
/// on pending rows nobody holds, of instances nobody holds a row of, so two hosts never deliver the same
/// row at the same time nor one instance's rows side by side; a host that died holding rows loses them
/// when the lease (<see cref="RetrySchedule.Lease"/>) runs out. Rows are marked dispatched only after
/// their consumer returned, all of a pass's in one statement at its end, so a crash before that leads to
/// a redelivery of the pass's rows, never to a loss. A failed row is kept with its error, and the instance's later rows wait for it, so
/// that, e.g., a timer is never disarmed before it was armed.
/// </summary>
public sealed class OutboxDispatcher(BpmDbContext db, TimeProvider time)
{
    /// <summary>How many times a take chooses again after another host's take won every row it chose.</summary>
    private const int TakeRounds = 3;

    public async Task<DispatchReport> DispatchAsync(Func<OutboxMessage, CancellationToken, Task> deliver, int batchSize = 100, CancellationToken cancellationToken = default)
    {
        db.ChangeTracker.Clear();
        var lease = NewLease();
        var taken = await TakeAsync(lease, batchSize, cancellationToken);
        var blocked = new HashSet<string>(StringComparer.Ordinal);
        var delivered = new List<long>(taken.Count);
        var failed = 0;
        try
        {
            foreach (var row in taken)
            {
                if (blocked.Contains(row.InstanceId))
                {
                    continue;
                }

                try
                {
                    await deliver(new OutboxMessage(row.Id, row.InstanceId, StoreJson.Effect(row.Payload), row.Attempts + 1), cancellationToken);
                    delivered.Add(row.Id);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Kept on the row for operators, and the row is retried on the next pass.
                    var error = $"{e.GetType().Name}: {e.Message}";
                    error = error.Length > 2000 ? error[..2000] : error;
                    blocked.Add(row.InstanceId);
                    failed++;
                    await Held(lease).Where(o => o.Id == row.Id)
                        .ExecuteUpdateAsync(u => u.SetProperty(o => o.Attempts, o => o.Attempts + 1).SetProperty(o => o.LastError, error), cancellationToken);
                }
            }
        }
        finally
        {
            // One statement for the pass, not one commit per row: what was delivered is marked even when the
            // pass is cancelled half-way. Only while the lease is still ours: a host slower than its lease must
            // not write over the attempt of the host that took the row after it.
            if (delivered.Count > 0)
            {
                var dispatchedAt = time.GetUtcNow();
                await Held(lease).Where(o => delivered.Contains(o.Id))
                    .ExecuteUpdateAsync(u => u.SetProperty(o => o.Attempts, o => o.Attempts + 1).SetProperty(o => o.DispatchedAt, dispatchedAt).SetProperty(o => o.LastError, (string?)null), CancellationToken.None);
            }
        }

        if (failed > 0)
        {
            // Held until now so that this pass did not take the failed instances' rows again; the next pass retries them.
            var ids = taken.Select(t => t.Id).ToList();
            await ReleaseAsync(Held(lease).Where(o => ids.Contains(o.Id)), cancellationToken);
        }

        return new DispatchReport(delivered.Count, failed);
    }

    /// <summary>
    /// Leases up to <paramref name="batchSize"/> rows (<see cref="ChooseAsync"/>) and returns those that may be
    /// delivered now. A row that slipped in behind another host's row of the same instance (that host's take
    /// committed while this one chose) is given back, so that no instance's rows are ever delivered by two
    /// hosts at once or out of order.
    /// </summary>
    private async Task<List<OutboxRecord>> TakeAsync(string lease, int batchSize, CancellationToken cancellationToken)
    {
        for (var round = 0; round < TakeRounds; round++)
        {
            var now = time.GetUtcNow();
            var chosen = await ChooseAsync(now, batchSize, cancellationToken);
            if (chosen.Count == 0)
            {
                return [];
            }

            var until = now + RetrySchedule.Lease;
            // The lease conditions are on the updated row itself: a concurrent take that committed first leaves it to that host.
            var took = db.Database.ProviderName == ProviderNames.Npgsql
                ? await LeaseInIdOrderAsync(lease, until, now, chosen, cancellationToken)
                : await Free(now).Where(o => chosen.Contains(o.Id))
                    .ExecuteUpdateAsync(u => u.SetProperty(o => o.LeasedBy, lease).SetProperty(o => o.LeasedUntil, until), cancellationToken);
            if (took > 0)
            {
                return await KeepInOrderAsync(lease, chosen, cancellationToken);
            }

            // Another host's take of the same moment won every row chosen. Its instances are held now, so
            // choosing again finds others, instead of leaving this host idle until its next pass.
        }

        return [];
    }

    /// <summary>
    /// Up to <paramref name="batchSize"/> free rows in id order, none of an instance another host holds a row
    /// of. Two plain statements, each at most one scan of the pending rows whatever the planner believes:
    /// the instances held, then the free rows outside them. The single statement it replaces asked, for each
    /// pending row, whether an earlier row of its instance was held; planned on statistics from an outbox
    /// that was nearly empty when they were taken, that became a loop over every pending row for every
    /// pending row, and with a backlog both hosts' takes spent seconds each on it (docs/benchmarks.md).
    /// </summary>
    private async Task<List<long>> ChooseAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        var held = await db.Outbox
            .Where(o => o.DispatchedAt == null && o.LeasedUntil > now)
            .Select(o => o.InstanceId)
            .Distinct()
            .ToListAsync(cancellationToken);
        return await Free(now)
            .Where(o => !held.Contains(o.InstanceId))
            .OrderBy(o => o.Id)
            .Take(batchSize)
            .Select(o => o.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The take's <c>UPDATE</c> on PostgreSQL: the chosen rows still free are locked in id order
    /// (<c>ORDER BY … FOR UPDATE</c>, each re-checked after any wait) and leased. Two hosts' takes
    /// usually choose the same first rows; the plain <c>UPDATE … WHERE "Id" = ANY(…)</c> locked them in
    /// whatever order its plan read them (the primary key's order, or the heap's for a bitmap or
    /// sequential scan, and each connection's prepared statement may be planned its own way), so two
    /// takes could each hold a row the other waited for: PostgreSQL's deadlock detector then failed one
    /// of them after a second (docs/benchmarks.md, "Two hosts, one mark per pass"). In one order the
    /// later take waits at the first row they share and then leaves what the earlier one took.
    /// </summary>
    private Task<int> LeaseInIdOrderAsync(string lease, DateTimeOffset until, DateTimeOffset now, List<long> chosen, CancellationToken cancellationToken)
    {
        var ids = chosen.ToArray();
        return db.Database.ExecuteSqlAsync($"""
            UPDATE outbox AS o SET "LeasedBy" = {lease}, "LeasedUntil" = {until}
            FROM (SELECT f."Id" FROM outbox AS f
                  WHERE f."Id" = ANY({ids}) AND f."DispatchedAt" IS NULL AND (f."LeasedUntil" IS NULL OR f."LeasedUntil" <= {now})
                  ORDER BY f."Id" FOR UPDATE) AS free
            WHERE o."Id" = free."Id"
            """, cancellationToken);
    }

    /// <summary>The rows this pass took out of <paramref name="chosen"/>, less those behind a pending row of their instance that it does not hold, which it gives back.</summary>
    private async Task<List<OutboxRecord>> KeepInOrderAsync(string lease, List<long> chosen, CancellationToken cancellationToken)
    {
        var held = await Held(lease).Where(o => chosen.Contains(o.Id)).AsNoTracking().OrderBy(o => o.Id).ToListAsync(cancellationToken);
        if (held.Count == 0)
        {
            return held;
        }

        var instances = held.Select(h => h.InstanceId).Distinct().ToList();
        var last = held[^1].Id;
        var firstNotHeld = await db.Outbox
            .Where(e => e.DispatchedAt == null && e.LeasedBy != lease && e.Id < last && instances.Contains(e.InstanceId))
            .GroupBy(e => e.InstanceId)
            .Select(g => new { InstanceId = g.Key, First = g.Min(e => e.Id) })
            .ToDictionaryAsync(g => g.InstanceId, g => g.First, StringComparer.Ordinal, cancellationToken);
        var behind = held.Where(h => firstNotHeld.TryGetValue(h.InstanceId, out var first) && first < h.Id).Select(h => h.Id).ToList();
        if (behind.Count > 0)
        {
            await ReleaseAsync(Held(lease).Where(o => behind.Contains(o.Id)), cancellationToken);
        }

        return held.Where(h => !behind.Contains(h.Id)).ToList();
    }

    private IQueryable<OutboxRecord> Free(DateTimeOffset now) => db.Outbox.Where(o => o.DispatchedAt == null && (o.LeasedUntil == null || o.LeasedUntil <= now));

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
