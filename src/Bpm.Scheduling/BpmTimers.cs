using Bpm.Engine;
using Bpm.Persistence;
using Quartz;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Scheduling;

/// <summary>
/// Durable timers: the engine's <see cref="TimerArmed"/> and <see cref="TimerDisarmed"/> side
/// effects, delivered from the outbox, become Quartz triggers in Quartz's persistent ADO job store
/// in Bpm's own database (tables provisioned by Quartz on first start). Clustered hosts share the
/// store and each trigger fires on exactly one of them; a trigger that fell due while every host was
/// down misfires and fires once, as soon as a host is up (misfire instruction "fire now").
/// </summary>
public sealed class BpmTimers : IAsyncDisposable
{
    private const string Group = "bpm-timers";
    private readonly IScheduler _scheduler;

    private readonly ServiceProvider _services;

    private BpmTimers(ServiceProvider services, IScheduler scheduler)
    {
        _services = services;
        _scheduler = scheduler;
    }

    /// <summary>The Quartz scheduler (for health checks and tests).</summary>
    public IScheduler Scheduler => _scheduler;

    /// <summary>Builds and starts a scheduler on the job store described by <paramref name="store"/>.</summary>
    public static async Task<BpmTimers> StartAsync(TimerStoreOptions store, Func<BpmDbContext> createContext, TimeProvider time, EngineOptions engineOptions, DefinitionCache? definitions = null, CancellationToken cancellationToken = default)
    {
        var services = new ServiceCollection();
        services.AddSingleton(createContext);
        services.AddSingleton(time);
        services.AddSingleton(definitions ?? new DefinitionCache());
        services.AddSingleton(engineOptions);
        services.AddTransient<TimerJob>();
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = TimerStoreOptions.SchedulerName;
                o.InstanceId = store.InstanceId;
                o.IdleWaitTime = store.IdleWaitTime;
            });
            q.UseTimeProvider(time);
            q.UsePersistentStore(s =>
            {
                s.ProvisionSchema();
                s.ConfigureStore(o => o.MisfireThreshold = store.MisfireThreshold);
                QuartzStoreDialect.Use(s, store.Provider, store.ConnectionString);
                if (store.Clustered)
                {
                    s.UseClustering(c => c.CheckinInterval = store.ClusterCheckinInterval);
                }
            });
        });
        var provider = services.BuildServiceProvider();
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken);
        await scheduler.Start(cancellationToken);
        return new BpmTimers(provider, scheduler);
    }

    /// <summary>Routes an outbox message: timers are armed or disarmed; other side effects are not ours.</summary>
    public Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken = default) => message.Effect switch
    {
        TimerArmed armed => ArmAsync(message.InstanceId, armed, cancellationToken),
        TimerDisarmed disarmed => DisarmAsync(message.InstanceId, disarmed.TimerId, cancellationToken),
        _ => Task.CompletedTask,
    };

    /// <summary>Schedules (or reschedules, on a redelivery) the trigger of one engine timer.</summary>
    public async Task ArmAsync(string instanceId, TimerArmed timer, CancellationToken cancellationToken = default)
    {
        var key = Key(instanceId, timer.TimerId);
        var job = JobBuilder.Create<TimerJob>()
            .WithIdentity(key)
            .UsingJobData(TimerJob.InstanceKey, instanceId)
            .UsingJobData(TimerJob.TimerKey, timer.TimerId)
            .WithDescription($"{instanceId} {timer.ElementId}")
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(new TriggerKey(key.Name, Group))
            .ForJob(key)
            .StartAt(timer.Due)
            .WithSimpleSchedule(x => x.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await _scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
    }

    /// <summary>Removes the trigger of one engine timer; nothing happens if it already fired or never existed.</summary>
    public async Task DisarmAsync(string instanceId, string timerId, CancellationToken cancellationToken = default) =>
        await _scheduler.DeleteJob(Key(instanceId, timerId), cancellationToken);

    /// <summary>Whether a trigger is scheduled for the timer.</summary>
    public async Task<bool> IsArmedAsync(string instanceId, string timerId, CancellationToken cancellationToken = default) =>
        await _scheduler.Exists(Key(instanceId, timerId), cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _scheduler.Shutdown(waitForJobsToComplete: true);
        await _services.DisposeAsync();
    }

    private static JobKey Key(string instanceId, string timerId) => new($"{instanceId}/{timerId}", Group);
}
