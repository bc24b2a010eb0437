using Bpm.Persistence;
using Bpm.Persistence.PostgreSql;
using Bpm.Persistence.PostgreSql.Tests;
using Bpm.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Scheduling.Tests;

/// <summary>SQLite: a database file of its own, migrated, deleted afterwards.</summary>
public sealed class SqliteDurableTimerTests : DurableTimerTestBase, IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bpm-timers-{Guid.NewGuid():N}.db");

    public SqliteDurableTimerTests()
    {
        using var db = CreateContext();
        db.Database.Migrate();
    }

    protected override string Provider => "sqlite";

    protected override string ConnectionString => $"Data Source={_file}";

    protected override string? SkipReason => null;

    protected override bool SupportsClustering => false;

    protected override BpmDbContext CreateContext() => BpmSqlite.CreateContext(ConnectionString);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }
}

[CollectionDefinition(PostgresCollection.Name)]
public sealed class PostgresTimerCollection : ICollectionFixture<PostgresFixture>;

/// <summary>PostgreSQL: the persistence suite's real server (throwaway, or BPM_POSTGRES).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlDurableTimerTests(PostgresFixture fixture) : DurableTimerTestBase
{
    protected override string Provider => "postgresql";

    protected override string? ConnectionString => fixture.ConnectionString;

    protected override string? SkipReason => fixture.SkipReason;

    protected override BpmDbContext CreateContext() => BpmPostgreSql.CreateContext(fixture.ConnectionString!);
}
