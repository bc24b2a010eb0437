using Bpm.Persistence;
using Bpm.Persistence.PostgreSql;
using Bpm.Persistence.Sqlite;
using Bpm.Testing;
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

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

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

/// <summary>A migrated database of the timer tests' own on a real PostgreSQL server.</summary>
public sealed class PostgresTimerFixture : IDisposable
{
    private readonly PostgresDatabase _database = new("PostgreSQL timer tests", "bpm_timers_test");

    public PostgresTimerFixture()
    {
        if (ConnectionString is not null)
        {
            using var db = BpmPostgreSql.CreateContext(ConnectionString);
            db.Database.Migrate();
        }
    }

    public string? ConnectionString => _database.ConnectionString;

    public string? SkipReason => _database.SkipReason;

    public void Dispose() => _database.Dispose();
}

/// <summary>PostgreSQL: a real server (throwaway, or BPM_POSTGRES).</summary>
public sealed class PostgreSqlDurableTimerTests(PostgresTimerFixture fixture) : DurableTimerTestBase, IClassFixture<PostgresTimerFixture>
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    protected override string? ConnectionString => fixture.ConnectionString;

    protected override string? SkipReason => fixture.SkipReason;

    protected override BpmDbContext CreateContext() => BpmPostgreSql.CreateContext(fixture.ConnectionString!);
}
