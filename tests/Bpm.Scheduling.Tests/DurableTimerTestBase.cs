using System.Diagnostics;
using Bpm.Engine;
using Bpm.Persistence;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bpm.Scheduling.Tests;

/// <summary>
/// Durable timers against a real database and real Quartz schedulers (ADO job store) on a fake
/// clock: the engine, the outbox pump and Quartz all read one <see cref="FakeTimeProvider"/>, and a
/// test moves it past a timer's due time instead of sleeping. What still takes wall-clock time is
/// Quartz's own loop (it sleeps <see cref="TimerStoreOptions.IdleWaitTime"/> between looks at the
/// store), so the tests poll the journal with a generous deadline and assert no duration. A timer
/// that must not fire is checked against a later <em>sentinel</em> timer: once the sentinel has
/// fired, Quartz has already had the earlier one in hand.
/// </summary>
public abstract class DurableTimerTestBase
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan TimerDuration = TimeSpan.FromHours(1);
    private static readonly TimeSpan SentinelDuration = TimeSpan.FromHours(2);

    // Monday 2 March 2026, 08:00 in Vietnam.
    private readonly FakeTimeProvider _time = VietnamTime.Clock(2026, 3, 2, 8);

    protected abstract DatabaseProvider Provider { get; }

    protected abstract string? ConnectionString { get; }

    protected abstract string? SkipReason { get; }

    protected abstract BpmDbContext CreateContext();

    /// <summary>Whether several hosts may share the timer store.</summary>
    protected virtual bool SupportsClustering => true;

    [SkippableFact]
    public async Task ArmedTimer_FallsDue_FiresOnceThroughTheExecutor()
    {
        Skip.If(SkipReason is not null, SkipReason);
        await using var timers = await StartTimersAsync("host-a");
        var instanceId = await StartInstanceAsync(await PublishAsync(TimerDuration));
        var sentinel = await StartInstanceAsync(await PublishAsync(SentinelDuration));
        await PumpAsync(timers);
        Assert.True(await timers.IsArmedAsync(instanceId, await TimerIdAsync(instanceId)));

        _time.Advance(TimerDuration);
        await WaitForFiredAsync(instanceId);
        Assert.True(await IsOpenAsync(instanceId, "escalate"));
        Assert.Equal(0, await CountAsync(sentinel, "timer-fired"));

        _time.Advance(SentinelDuration - TimerDuration);
        await WaitForFiredAsync(sentinel);
        Assert.Equal(1, await CountAsync(instanceId, "timer-fired"));
    }

    [SkippableFact]
    public async Task TaskCompletedFirst_DisarmedTimer_NeverFires()
    {
        Skip.If(SkipReason is not null, SkipReason);
        await using var timers = await StartTimersAsync("host-a");
        var instanceId = await StartInstanceAsync(await PublishAsync(TimerDuration));
        var sentinel = await StartInstanceAsync(await PublishAsync(SentinelDuration));
        await PumpAsync(timers);
        var timerId = await TimerIdAsync(instanceId);

        await using (var db = CreateContext())
        {
            var task = await db.Tasks.SingleAsync(t => t.InstanceId == instanceId && t.ElementId == "review");
            var done = await new CommandExecutor(db, _time).ExecuteAsync(instanceId, new CompleteTask(task.TaskId) { Actor = "specialist" });
            Assert.True(done.Applied, done.Rejection?.Message);
        }

        await PumpAsync(timers);
        Assert.False(await timers.IsArmedAsync(instanceId, timerId));
        _time.Advance(SentinelDuration);
        await WaitForFiredAsync(sentinel);
        Assert.Equal(0, await CountAsync(instanceId, "timer-fired"));
    }

    [SkippableFact]
    public async Task HostDownWhenTimerFallsDue_RestartedHostFiresItOnce()
    {
        Skip.If(SkipReason is not null, SkipReason);
        var definitionId = await PublishAsync(TimerDuration);
        string instanceId;
        await using (var timers = await StartTimersAsync("host-a"))
        {
            instanceId = await StartInstanceAsync(definitionId);
            await PumpAsync(timers);
        }

        // The timer falls due, and goes well past the misfire threshold, while no host runs.
        _time.Advance(TimerDuration + TimeSpan.FromMinutes(10));
        Assert.Equal(0, await CountAsync(instanceId, "timer-fired"));

        await using var restarted = await StartTimersAsync("host-a");
        await WaitForFiredAsync(instanceId);
        var sentinel = await StartInstanceAsync(await PublishAsync(SentinelDuration));
        await PumpAsync(restarted);
        _time.Advance(SentinelDuration);
        await WaitForFiredAsync(sentinel);
        Assert.Equal(1, await CountAsync(instanceId, "timer-fired"));
    }

    [SkippableFact]
    public async Task TwoClusteredHosts_ManyTimers_EachFiresExactlyOnce()
    {
        Skip.If(SkipReason is not null, SkipReason);
        Skip.IfNot(SupportsClustering, $"{Provider.Name()}: Quartz does not cluster on this database; it is the single-host embedded default");
        await using var a = await StartTimersAsync("host-a");
        await using var b = await StartTimersAsync("host-b");
        var definitionId = await PublishAsync(TimerDuration);
        var instances = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            instances.Add(await StartInstanceAsync(definitionId));
        }

        var sentinel = await StartInstanceAsync(await PublishAsync(SentinelDuration));

        // One host arms every timer; either may fire any of them.
        await PumpAsync(a);
        _time.Advance(TimerDuration);
        foreach (var instanceId in instances)
        {
            await WaitForFiredAsync(instanceId);
        }

        _time.Advance(SentinelDuration - TimerDuration);
        await WaitForFiredAsync(sentinel);
        foreach (var instanceId in instances)
        {
            Assert.Equal(1, await CountAsync(instanceId, "timer-fired"));
        }
    }

    private Task<BpmTimers> StartTimersAsync(string host) =>
        BpmTimers.StartAsync(
            new TimerStoreOptions(Provider, ConnectionString!, host)
            {
                MisfireThreshold = TimeSpan.FromSeconds(1),
                ClusterCheckinInterval = TimeSpan.FromSeconds(2),
                IdleWaitTime = TimeSpan.FromSeconds(1),
            },
            CreateContext,
            _time,
            new EngineOptions());

    private async Task<string> PublishAsync(TimeSpan timer)
    {
        var definitionId = "timed-" + Guid.NewGuid().ToString("N")[..8];
        var model = $"""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
              <process id="timed" isExecutable="true">
                <startEvent id="start"/>
                <sequenceFlow id="f0" sourceRef="start" targetRef="review"/>
                <userTask id="review"/>
                <boundaryEvent id="deadline" attachedToRef="review"><timerEventDefinition><timeDuration>{System.Xml.XmlConvert.ToString(timer)}</timeDuration></timerEventDefinition></boundaryEvent>
                <sequenceFlow id="f1" sourceRef="deadline" targetRef="escalate"/>
                <userTask id="escalate"/>
                <sequenceFlow id="f2" sourceRef="escalate" targetRef="end"/>
                <sequenceFlow id="f3" sourceRef="review" targetRef="end"/>
                <endEvent id="end"/>
              </process>
            </definitions>
            """;
        await using var db = CreateContext();
        var store = new DefinitionStore(db, _time);
        await store.SaveDraftAsync(definitionId, model, "designer");
        await store.PublishAsync(definitionId, "designer");
        return definitionId;
    }

    private async Task<string> StartInstanceAsync(string definitionId)
    {
        var instanceId = "i-" + Guid.NewGuid().ToString("N")[..12];
        await using var db = CreateContext();
        var started = await new CommandExecutor(db, _time).StartAsync(definitionId, null, new StartInstance(instanceId, "K-" + instanceId));
        Assert.True(started.Applied, started.Rejection?.Message);
        return instanceId;
    }

    private async Task PumpAsync(BpmTimers timers)
    {
        var report = await new OutboxPump(CreateContext, _time, [timers.DeliverAsync]).PumpAsync();
        Assert.Equal(0, report.Failed);
    }

    private async Task<string> TimerIdAsync(string instanceId)
    {
        await using var db = CreateContext();
        return (await db.Journal.Where(j => j.InstanceId == instanceId && j.Type == "timer-armed").ToListAsync())
            .Select(j => System.Text.Json.JsonDocument.Parse(j.Payload).RootElement.GetProperty("bookmarkId").GetString()!).Single();
    }

    private async Task<int> CountAsync(string instanceId, string type)
    {
        await using var db = CreateContext();
        return await db.Journal.CountAsync(j => j.InstanceId == instanceId && j.Type == type);
    }

    private async Task<bool> IsOpenAsync(string instanceId, string elementId)
    {
        await using var db = CreateContext();
        return await db.Tasks.AnyAsync(t => t.InstanceId == instanceId && t.ElementId == elementId && t.Status == "open");
    }

    /// <summary>Polls the journal until the instance's timer has fired; Quartz's loop runs on the wall clock.</summary>
    private async Task WaitForFiredAsync(string instanceId)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < Deadline)
        {
            if (await CountAsync(instanceId, "timer-fired") > 0)
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"instance {instanceId}: the timer did not fire within {Deadline.TotalSeconds} s of wall-clock time after the fake clock passed its due time");
    }
}
