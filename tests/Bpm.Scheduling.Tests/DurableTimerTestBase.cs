using Bpm.Engine;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Scheduling.Tests;

/// <summary>
/// Durable timers against a real database and real Quartz schedulers on the wall clock: timers are
/// a second or two long, and the tests poll the journal with a generous deadline rather than
/// asserting any duration.
/// </summary>
public abstract class DurableTimerTestBase
{
    private const string Model = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
          <process id="timed" isExecutable="true">
            <startEvent id="start"/>
            <sequenceFlow id="f0" sourceRef="start" targetRef="review"/>
            <userTask id="review"/>
            <boundaryEvent id="deadline" attachedToRef="review"><timerEventDefinition><timeDuration>PT2S</timeDuration></timerEventDefinition></boundaryEvent>
            <sequenceFlow id="f1" sourceRef="deadline" targetRef="escalate"/>
            <userTask id="escalate"/>
            <sequenceFlow id="f2" sourceRef="escalate" targetRef="end"/>
            <sequenceFlow id="f3" sourceRef="review" targetRef="end"/>
            <endEvent id="end"/>
          </process>
        </definitions>
        """;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);

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
        var definitionId = await PublishAsync();
        await using var timers = await StartTimersAsync("host-a");
        var instanceId = await StartInstanceAsync(definitionId);

        await PumpAsync(timers);
        Assert.True(await timers.IsArmedAsync(instanceId, await TimerIdAsync(instanceId)));

        await WaitForAsync(instanceId, events => events.Any(e => e.Type == "timer-fired"));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await CountAsync(instanceId, "timer-fired"));
        Assert.True(await IsOpenAsync(instanceId, "escalate"));
    }

    [SkippableFact]
    public async Task TaskCompletedFirst_DisarmedTimer_NeverFires()
    {
        Skip.If(SkipReason is not null, SkipReason);
        var definitionId = await PublishAsync();
        await using var timers = await StartTimersAsync("host-a");
        var instanceId = await StartInstanceAsync(definitionId);
        await PumpAsync(timers);
        var timerId = await TimerIdAsync(instanceId);

        await using (var db = CreateContext())
        {
            var task = await db.Tasks.SingleAsync(t => t.InstanceId == instanceId && t.ElementId == "review");
            var done = await new CommandExecutor(db, TimeProvider.System).ExecuteAsync(instanceId, new CompleteTask(task.TaskId) { Actor = "specialist" });
            Assert.True(done.Applied, done.Rejection?.Message);
        }

        await PumpAsync(timers);
        Assert.False(await timers.IsArmedAsync(instanceId, timerId));
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(0, await CountAsync(instanceId, "timer-fired"));
    }

    [SkippableFact]
    public async Task HostDownWhenTimerFallsDue_RestartedHostFiresItOnce()
    {
        Skip.If(SkipReason is not null, SkipReason);
        var definitionId = await PublishAsync();
        string instanceId;
        await using (var timers = await StartTimersAsync("host-a"))
        {
            instanceId = await StartInstanceAsync(definitionId);
            await PumpAsync(timers);
        }

        // Nothing runs while the timer falls due.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(0, await CountAsync(instanceId, "timer-fired"));

        await using var restarted = await StartTimersAsync("host-a");
        await WaitForAsync(instanceId, events => events.Any(e => e.Type == "timer-fired"));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await CountAsync(instanceId, "timer-fired"));
    }

    [SkippableFact]
    public async Task TwoClusteredHosts_ManyTimers_EachFiresExactlyOnce()
    {
        Skip.If(SkipReason is not null, SkipReason);
        Skip.IfNot(SupportsClustering, $"{Provider}: Quartz does not cluster on this database; it is the single-host embedded default");
        var definitionId = await PublishAsync();
        await using var a = await StartTimersAsync("host-a");
        await using var b = await StartTimersAsync("host-b");
        var instances = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            instances.Add(await StartInstanceAsync(definitionId));
        }

        // Half the outbox goes through one host, half through the other; either may fire any timer.
        await PumpAsync(a);
        foreach (var instanceId in instances)
        {
            await WaitForAsync(instanceId, events => events.Any(e => e.Type == "timer-fired"));
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        foreach (var instanceId in instances)
        {
            Assert.Equal(1, await CountAsync(instanceId, "timer-fired"));
        }
    }

    private Task<BpmTimers> StartTimersAsync(string host) =>
        BpmTimers.StartAsync(new TimerStoreOptions(Provider, ConnectionString!, host) { MisfireThreshold = TimeSpan.FromSeconds(1), ClusterCheckinInterval = TimeSpan.FromSeconds(2) },
            CreateContext, TimeProvider.System, new EngineOptions());

    private async Task<string> PublishAsync()
    {
        var definitionId = "timed-" + Guid.NewGuid().ToString("N")[..8];
        await using var db = CreateContext();
        var store = new DefinitionStore(db, TimeProvider.System);
        await store.SaveDraftAsync(definitionId, Model, "designer");
        await store.PublishAsync(definitionId, "designer");
        return definitionId;
    }

    private async Task<string> StartInstanceAsync(string definitionId)
    {
        var instanceId = "i-" + Guid.NewGuid().ToString("N")[..12];
        await using var db = CreateContext();
        var started = await new CommandExecutor(db, TimeProvider.System).StartAsync(definitionId, null, new StartInstance(instanceId, "K-" + instanceId));
        Assert.True(started.Applied, started.Rejection?.Message);
        return instanceId;
    }

    private async Task PumpAsync(BpmTimers timers)
    {
        var report = await new OutboxPump(CreateContext, TimeProvider.System, [timers.DeliverAsync]).PumpAsync();
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

    private async Task WaitForAsync(string instanceId, Func<List<JournalRecord>, bool> condition)
    {
        var until = DateTimeOffset.UtcNow + Deadline;
        while (DateTimeOffset.UtcNow < until)
        {
            await using (var db = CreateContext())
            {
                if (condition(await db.Journal.Where(j => j.InstanceId == instanceId).ToListAsync()))
                {
                    return;
                }
            }

            await Task.Delay(250);
        }

        Assert.Fail($"instance {instanceId}: the awaited journal event did not arrive within {Deadline.TotalSeconds} s");
    }
}
