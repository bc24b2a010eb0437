using Bpm.Persistence;
using Bpm.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Dossiers.Tests.Catalog;

/// <summary>A migrated SQLite file in the temp folder, one per test class.</summary>
public sealed class SqliteCatalogFixture : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"bpm-dossiers-test-{Guid.NewGuid():N}.db");

    public SqliteCatalogFixture()
    {
        using var db = CreateContext();
        db.Database.Migrate();
    }

    public BpmDbContext CreateContext() => BpmSqlite.CreateContext($"Data Source={_path}");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm", _path + "-journal" })
        {
            File.Delete(file);
        }
    }
}
