using Microsoft.EntityFrameworkCore;

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
}
