using Bpm.Engine;
using Bpm.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bpm.Scheduling;

/// <summary>
/// The host's background work: starts the durable timers and pumps the outbox to them (and to the
/// other consumers given) every <see cref="Interval"/>. One per host; several hosts on one database
/// share the work through Quartz clustering and the outbox's at-least-once delivery.
/// </summary>
public sealed class SchedulingWorker(
    TimerStoreOptions store,
    Func<BpmDbContext> createContext,
    TimeProvider time,
    EngineOptions engineOptions,
    DefinitionCache definitions,
    IEnumerable<Func<OutboxMessage, CancellationToken, Task>> otherConsumers,
    ILogger<SchedulingWorker> logger) : BackgroundService
{
    /// <summary>How often the outbox is pumped.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var timers = await BpmTimers.StartAsync(store, createContext, time, engineOptions, definitions, stoppingToken);
        var pump = new OutboxPump(createContext, time, [timers.DeliverAsync, .. otherConsumers]);
        logger.LogInformation("Durable timers started on {Provider} as {Host} (clustered: {Clustered})", store.Provider.Name(), store.InstanceId, store.Clustered);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var report = await pump.PumpAsync(stoppingToken);
                if (report.Failed > 0)
                {
                    logger.LogWarning("Outbox: {Failed} deliveries failed and will be retried", report.Failed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The outbox keeps what was not delivered; the next round retries it.
                logger.LogError(e, "Outbox pump failed");
            }

            try
            {
                await Task.Delay(Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
