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

        // Down to the schema without the column (the chain exists only in the journal), then up again.
        await ReapplyFromAsync(db, "ChainHeadOnInstance");

        var last = await db.Journal.Where(j => j.InstanceId == instanceId).OrderByDescending(j => j.Seq).Select(j => j.Hash).FirstAsync();
        Assert.Equal(last, await db.Instances.Where(i => i.InstanceId == instanceId).Select(i => i.JournalHead).SingleAsync());
        Assert.True((await new JournalVerifier(db).VerifyAsync(instanceId)).Intact);
        Assert.True((await CompleteOpenTaskAsync(instanceId, "bob", "approve")).Applied);
        Assert.True((await new JournalVerifier(db).VerifyAsync(instanceId)).Intact);
    }

    [SkippableFact]
    public virtual async Task DefinitionProcedureColumns_OverPublishedRowsStoredBefore_FillsThemFromTheXmlWhenMigrating()
    {
        SkipUnlessAvailable();
        var (withCode, plain) = (NewId("d"), NewId("d"));
        await PublishAsync(withCode, ProcedureModels.ForProcedure(withCode, "1.000004", "SO-TN"));
        await PublishAsync(plain, TestModels.TwoSteps(plain));
        await using var db = Context();

        // Down to the schema without the columns (the rows are as an older Bpm stored them), then up again.
        await ReapplyFromAsync(db, "DefinitionProcedureColumns");

        var rows = await Context().Definitions.AsNoTracking().Where(d => d.DefinitionId == withCode || d.DefinitionId == plain).ToDictionaryAsync(d => d.DefinitionId);
        Assert.Equal(("1.000004", "SO-TN"), (rows[withCode].ProcedureCode, rows[withCode].DecidingUnit));
        Assert.Equal((null, null), (rows[plain].ProcedureCode, rows[plain].DecidingUnit));
    }

    [SkippableFact]
    public virtual async Task BackfillAsync_PublishedRowWithoutColumns_FillsItAndLeavesDraftsAlone()
    {
        SkipUnlessAvailable();
        var (published, drafted) = (NewId("d"), NewId("d"));
        await PublishAsync(published, ProcedureModels.ForProcedure(published, "1.000005", "SO-XD"));
        await using (var setup = Context())
        {
            await new DefinitionStore(setup, Time).SaveDraftAsync(drafted, ProcedureModels.ForProcedure(drafted, "1.000005", "SO-XD"), "alice");
            await setup.Definitions.Where(d => d.DefinitionId == published).ExecuteUpdateAsync(u => u.SetProperty(d => d.ProcedureCode, (string?)null).SetProperty(d => d.DecidingUnit, (string?)null));
        }

        await using var db = Context();
        Assert.True(await DefinitionProcedureColumns.BackfillAsync(db) >= 1);

        var rows = await Context().Definitions.AsNoTracking().Where(d => d.DefinitionId == published || d.DefinitionId == drafted).ToDictionaryAsync(d => d.DefinitionId);
        Assert.Equal(("1.000005", "SO-XD"), (rows[published].ProcedureCode, rows[published].DecidingUnit));
        Assert.Equal((null, null), (rows[drafted].ProcedureCode, rows[drafted].DecidingUnit));
    }

    /// <summary>Migrates down to the migration before <paramref name="migration"/>, then up to the latest, as upgrading a database of that age does.</summary>
    private static async Task ReapplyFromAsync(BpmDbContext db, string migration)
    {
        var migrations = db.Database.GetMigrations().ToList();
        var index = migrations.FindIndex(m => m.EndsWith("_" + migration, StringComparison.Ordinal));
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[index - 1]);
        await migrator.MigrateAsync();
    }
}
