using Bpm.Persistence;

namespace Bpm.Scheduling;

/// <summary>
/// Moves outbox rows to their consumers: the durable timers, and any other consumer the host
/// registers. Delivery is at least once (<see cref="OutboxDispatcher"/>); consumers are idempotent.
/// </summary>
public sealed class OutboxPump(Func<BpmDbContext> createContext, TimeProvider time, IReadOnlyList<Func<OutboxMessage, CancellationToken, Task>> consumers)
{
    /// <summary>Delivers what is pending, in batches, until nothing is left or a delivery fails.</summary>
    public async Task<DispatchReport> PumpAsync(CancellationToken cancellationToken = default)
    {
        int delivered = 0, failed = 0;
        while (true)
        {
            await using var db = createContext();
            var report = await new OutboxDispatcher(db, time).DispatchAsync(DeliverAsync, cancellationToken: cancellationToken);
            delivered += report.Delivered;
            failed += report.Failed;
            if (report.Delivered == 0 || report.Failed > 0)
            {
                return new DispatchReport(delivered, failed);
            }
        }
    }

    private async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        foreach (var consumer in consumers)
        {
            await consumer(message, cancellationToken);
        }
    }
}
