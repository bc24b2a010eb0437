using Bpm.Persistence;
using Bpm.Persistence.SqlServer;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bpm.Testing;

/// <summary>
/// A migrated database on the SQL Server named by <c>BPM_SQLSERVER</c> (a connection string);
/// without it every test skips, saying so. The fixture creates its own database and drops it.
/// </summary>
public sealed class SqlServerFixture : IDatabaseFixture, IDisposable
{
    private readonly string? _connectionString;

    public SqlServerFixture()
    {
        var given = Environment.GetEnvironmentVariable("BPM_SQLSERVER");
        if (string.IsNullOrWhiteSpace(given))
        {
            SkipReason = "SQL Server tests skipped: BPM_SQLSERVER (a connection string) is not set";
            return;
        }

        _connectionString = new SqlConnectionStringBuilder(given) { InitialCatalog = $"bpm_test_{Guid.NewGuid():N}" }.ConnectionString;
        using var db = CreateContext();
        db.Database.Migrate();
    }

    public string? SkipReason { get; }

    public BpmDbContext CreateContext(params IInterceptor[] interceptors) =>
        new(BpmSqlServer.Options(_connectionString ?? throw new InvalidOperationException(SkipReason)).WithInterceptors(interceptors));

    public void Dispose()
    {
        if (_connectionString is not null)
        {
            SqlConnection.ClearAllPools();
            using var db = CreateContext();
            db.Database.EnsureDeleted();
        }
    }
}
