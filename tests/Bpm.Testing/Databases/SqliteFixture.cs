using Bpm.Persistence;
using Bpm.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bpm.Testing;

/// <summary>A migrated SQLite file in the temp folder, one per test class; SQLite always runs.</summary>
public sealed class SqliteFixture : IDatabaseFixture, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"bpm-test-{Guid.NewGuid():N}.db");

    public SqliteFixture()
    {
        using var db = CreateContext();
        db.Database.Migrate();
    }

    public string? SkipReason => null;

    public string ConnectionString => $"Data Source={_path}";

    public BpmDbContext CreateContext(params IInterceptor[] interceptors) =>
        new(BpmSqlite.Options(ConnectionString).WithInterceptors(interceptors));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm", _path + "-journal" })
        {
            File.Delete(file);
        }
    }
}
