using Bpm.Engine;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Specification.Tests;

public abstract class InstanceMigrationTestBase<TFixture>(TFixture fixture) : PersistenceTestBase<TFixture>(fixture)
    where TFixture : class, IDatabaseFixture
{
    [SkippableFact]
    public virtual async Task Plan_WithoutMapping_ReportsMovableAndStuckAndChangesNothing()
    {
        SkipUnlessAvailable();
        var (definitionId, atReceive, atReview) = await TwoInstancesAsync();
        var before = (await CountsAsync(atReceive), await CountsAsync(atReview));
        await using var db = Context();

        var plan = await new InstanceMigrator(db, Time).PlanAsync(definitionId, 1, 2);

        Assert.Equal([atReceive], plan.Movable.Select(m => m.InstanceId));
        var stuck = Assert.Single(plan.Stuck);
        Assert.Equal(atReview, stuck.InstanceId);
        Assert.Contains("'review'", stuck.Reason, StringComparison.Ordinal);
        Assert.Equal(before, (await CountsAsync(atReceive), await CountsAsync(atReview)));
    }

    [SkippableFact]
    public virtual async Task Migrate_WithMapping_MovesBothJournalsTheMoveAndRunsOnTheNewVersion()
    {
        SkipUnlessAvailable();
        var (definitionId, atReceive, atReview) = await TwoInstancesAsync();
        await using var db = Context();

        var done = await new InstanceMigrator(db, Time).MigrateAsync(definitionId, 1, 2, new Dictionary<string, string> { ["review"] = "check" }, "designer");

        Assert.Equal(new[] { atReceive, atReview }.Order(StringComparer.Ordinal), done.Movable.Select(m => m.InstanceId).Order(StringComparer.Ordinal));
        Assert.Empty(done.Stuck);
        var task = await OpenTaskAsync(atReview);
        Assert.Equal(("check", "U3", "leader"), (task.ElementId, task.Unit, task.Role));
        await using var check = Context();
        Assert.Equal(2, (await check.Instances.SingleAsync(i => i.InstanceId == atReview)).DefinitionVersion);
        var migrated = await check.Journal.SingleAsync(j => j.InstanceId == atReview && j.Type == InstanceMigrator.JournalType);
        Assert.Equal("designer", migrated.Actor);
        Assert.Contains("\"review\":\"check\"", migrated.Payload, StringComparison.Ordinal);

        var completed = await CompleteOpenTaskAsync(atReview, "carol");
        Assert.Equal(InstanceStatus.Completed, completed.State!.Status);
        Assert.True((await new JournalVerifier(check).VerifyAsync(atReview)).Intact);
        Assert.True((await new JournalVerifier(check).VerifyAsync(atReceive)).Intact);
    }

    [SkippableFact]
    public virtual async Task Migrate_UnmappableInstance_IsLeftUntouchedAndReported()
    {
        SkipUnlessAvailable();
        var (definitionId, atReceive, atReview) = await TwoInstancesAsync();
        var before = await CountsAsync(atReview);
        await using var db = Context();

        var done = await new InstanceMigrator(db, Time).MigrateAsync(definitionId, 1, 2, null, "designer");

        Assert.Equal([atReceive], done.Movable.Select(m => m.InstanceId));
        Assert.Equal(atReview, Assert.Single(done.Stuck).InstanceId);
        Assert.Equal(before, await CountsAsync(atReview));
        Assert.Equal("review", (await OpenTaskAsync(atReview)).ElementId);
    }

    [SkippableFact]
    public virtual async Task Migrate_MappedToMissingElement_IsStuckWithReason()
    {
        SkipUnlessAvailable();
        var (definitionId, _, atReview) = await TwoInstancesAsync();
        await using var db = Context();

        var plan = await new InstanceMigrator(db, Time).PlanAsync(definitionId, 1, 2, new Dictionary<string, string> { ["review"] = "nowhere" });

        Assert.Contains("'nowhere'", plan.Stuck.Single(s => s.InstanceId == atReview).Reason, StringComparison.Ordinal);
    }

    [SkippableFact]
    public virtual async Task Migrate_ToTheSameVersion_IsRefusedAndJournalsNothing()
    {
        SkipUnlessAvailable();
        var (definitionId, atReceive, atReview) = await TwoInstancesAsync();
        var before = (await CountsAsync(atReceive), await CountsAsync(atReview));
        await using var db = Context();

        var refused = await Assert.ThrowsAsync<DefinitionException>(() => new InstanceMigrator(db, Time).MigrateAsync(definitionId, 2, 2, null, "designer"));

        Assert.Equal("same-version", refused.Code);
        Assert.Equal(before, (await CountsAsync(atReceive), await CountsAsync(atReview)));
        await using var check = Context();
        Assert.False(await check.Journal.AnyAsync(j => (j.InstanceId == atReceive || j.InstanceId == atReview) && j.Type == InstanceMigrator.JournalType));
    }

    [SkippableFact]
    public virtual async Task Migrate_MovedTask_RowFollowsThroughTheExecutorsTaskMovedEffect()
    {
        SkipUnlessAvailable();
        var (definitionId, _, atReview) = await TwoInstancesAsync();
        await using var db = Context();

        await new InstanceMigrator(db, Time).MigrateAsync(definitionId, 1, 2, new Dictionary<string, string> { ["review"] = "check" }, "designer");

        await using var check = Context();
        Assert.Contains(await check.Outbox.Where(o => o.InstanceId == atReview).Select(o => o.Type).ToListAsync(), t => t == "task-moved");
        var migrated = await check.Journal.SingleAsync(j => j.InstanceId == atReview && j.Type == InstanceMigrator.JournalType);
        var last = await check.Journal.Where(j => j.InstanceId == atReview).MaxAsync(j => j.Seq);
        Assert.Equal(last, migrated.Seq);
        Assert.Equal(last, StoreJson.State((await check.Instances.SingleAsync(i => i.InstanceId == atReview)).State).LastSequence);
    }

    /// <summary>Version 1 published with one instance at 'receive' and one at 'review'; version 2 published.</summary>
    private async Task<(string DefinitionId, string AtReceive, string AtReview)> TwoInstancesAsync()
    {
        var (definitionId, atReceive) = await StartTwoStepsAsync();
        var atReview = await StartAsync(definitionId);
        await CompleteOpenTaskAsync(atReview, "alice");
        await PublishAsync(definitionId, TestModels.TwoStepsV2(definitionId));
        return (definitionId, atReceive, atReview);
    }
}
