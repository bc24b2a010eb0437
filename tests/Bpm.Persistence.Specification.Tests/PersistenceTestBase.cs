using Bpm.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Bpm.Persistence.Specification.Tests;

/// <summary>Shared helpers. Every test uses fresh definition and instance ids, so tests share one database.</summary>
public abstract class PersistenceTestBase<TFixture>(TFixture fixture)
    where TFixture : class, IDatabaseFixture
{
    protected TFixture Fixture { get; } = fixture;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    protected static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    protected void SkipUnlessAvailable() => Skip.If(Fixture.SkipReason is not null, Fixture.SkipReason);

    protected BpmDbContext Context(params IInterceptor[] interceptors) => Fixture.CreateContext(interceptors);

    protected CommandExecutor Executor(BpmDbContext db) => new(db, Time);

    /// <summary>Saves and publishes a version; returns the definition id.</summary>
    protected async Task<int> PublishAsync(string definitionId, string xml)
    {
        await using var db = Context();
        var store = new DefinitionStore(db, Time);
        await store.SaveDraftAsync(definitionId, xml, "designer");
        return (await store.PublishAsync(definitionId, "designer")).Version;
    }

    /// <summary>Publishes <see cref="TestModels.TwoSteps"/> and starts an instance on it.</summary>
    protected async Task<(string DefinitionId, string InstanceId)> StartTwoStepsAsync()
    {
        var definitionId = NewId("d");
        await PublishAsync(definitionId, TestModels.TwoSteps(definitionId));
        var instanceId = await StartAsync(definitionId);
        return (definitionId, instanceId);
    }

    protected async Task<string> StartAsync(string definitionId, int? version = null)
    {
        var instanceId = NewId("i");
        await using var db = Context();
        var result = await Executor(db).StartAsync(definitionId, version, new StartInstance(instanceId, "DOSSIER-" + instanceId) { Actor = "clerk" });
        Assert.True(result.Applied, result.Rejection?.Message);
        return instanceId;
    }

    protected async Task<TaskRecord> OpenTaskAsync(string instanceId)
    {
        await using var db = Context();
        return await db.Tasks.AsNoTracking().SingleAsync(t => t.InstanceId == instanceId && t.Status == TaskRecord.Open);
    }

    protected async Task<ExecutionResult> CompleteOpenTaskAsync(string instanceId, string actor, string? outcome = null)
    {
        var task = await OpenTaskAsync(instanceId);
        await using var db = Context();
        return await Executor(db).ExecuteAsync(instanceId, new CompleteTask(task.TaskId, outcome) { Actor = actor });
    }

    protected async Task<(long Revision, int Journal, int Tasks, int Outbox)> CountsAsync(string instanceId)
    {
        await using var db = Context();
        var revision = await db.Instances.Where(i => i.InstanceId == instanceId).Select(i => i.Revision).SingleAsync();
        return (revision,
            await db.Journal.CountAsync(j => j.InstanceId == instanceId),
            await db.Tasks.CountAsync(t => t.InstanceId == instanceId),
            await db.Outbox.CountAsync(o => o.InstanceId == instanceId));
    }
}
