using Bpm.Persistence;
using Bpm.Persistence.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bpm.Testing;

/// <summary>
/// A migrated database on a real PostgreSQL server (see <see cref="PostgresServer.ForSuite"/>:
/// <c>BPM_POSTGRES</c> or a throwaway server; skipped with the reason when there is none).
/// </summary>
public sealed class PostgresFixture : IDatabaseFixture, IDisposable
{
    private readonly PostgresDatabase _database = new("PostgreSQL tests", "bpm_test");

    public PostgresFixture()
    {
        if (_database.ConnectionString is not null)
        {
            using var db = CreateContext();
            db.Database.Migrate();
        }
    }

    public string? SkipReason => _database.SkipReason;

    public BpmDbContext CreateContext(params IInterceptor[] interceptors) =>
        new(BpmPostgreSql.Options(_database.ConnectionString ?? throw new InvalidOperationException(SkipReason)).WithInterceptors(interceptors));

    public void Dispose() => _database.Dispose();
}
