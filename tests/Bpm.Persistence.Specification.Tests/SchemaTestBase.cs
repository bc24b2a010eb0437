using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Bpm.Persistence.Specification.Tests;

public abstract class SchemaTestBase<TFixture>(TFixture fixture) : PersistenceTestBase<TFixture>(fixture)
    where TFixture : class, IDatabaseFixture
{
    [SkippableFact]
    public virtual void Model_ComparedWithMigrations_HasNoPendingChanges()
    {
        SkipUnlessAvailable();
        using var db = Context();

        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration: run dotnet ef migrations add");
    }

    [SkippableFact]
    public virtual async Task Database_AfterFixtureSetup_HasEveryMigrationApplied()
    {
        SkipUnlessAvailable();
        await using var db = Context();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }

    [SkippableFact]
    public virtual async Task ChainHeadOnInstance_OverStoredChains_FillsEachHeadFromTheLastRow()
    {
        SkipUnlessAvailable();
        var (_, instanceId) = await StartTwoStepsAsync();
        await CompleteOpenTaskAsync(instanceId, "alice");
        await using var db = Context();
        var migrations = db.Database.GetMigrations().ToList();
        var chainHead = migrations.FindIndex(m => m.EndsWith("_ChainHeadOnInstance", StringComparison.Ordinal));
        var migrator = db.GetService<IMigrator>();

        // Down to the schema without the column (the chain exists only in the journal), then up again.
        await migrator.MigrateAsync(migrations[chainHead - 1]);
        await migrator.MigrateAsync();

        var last = await db.Journal.Where(j => j.InstanceId == instanceId).OrderByDescending(j => j.Seq).Select(j => j.Hash).FirstAsync();
        Assert.Equal(last, await db.Instances.Where(i => i.InstanceId == instanceId).Select(i => i.JournalHead).SingleAsync());
        Assert.True((await new JournalVerifier(db).VerifyAsync(instanceId)).Intact);
        Assert.True((await CompleteOpenTaskAsync(instanceId, "bob", "approve")).Applied);
        Assert.True((await new JournalVerifier(db).VerifyAsync(instanceId)).Intact);
    }
}
