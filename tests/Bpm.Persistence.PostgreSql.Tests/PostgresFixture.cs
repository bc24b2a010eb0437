using Bpm.Persistence.Specification.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Bpm.Persistence.PostgreSql.Tests;

/// <summary>
/// A migrated database on a real PostgreSQL server: <c>BPM_POSTGRES</c> (a connection string) if
/// set, else a throwaway server (see <see cref="PostgresServer"/>). Without a server the tests skip
/// with the reason, unless <c>BPM_REQUIRE_POSTGRES=1</c>, which turns that into a failure.
/// </summary>
public sealed class PostgresFixture : IDatabaseFixture, IDisposable
{
    private readonly PostgresServer? _server;
    private readonly string? _connectionString;

    public PostgresFixture()
    {
        var given = Environment.GetEnvironmentVariable("BPM_POSTGRES");
        string? server;
        if (!string.IsNullOrWhiteSpace(given))
        {
            server = given;
        }
        else
        {
            (_server, var problem) = PostgresServer.TryStart();
            server = _server?.ConnectionString;
            SkipReason = problem is null ? null : $"PostgreSQL tests skipped: {problem}";
        }

        if (server is null)
        {
            if (Environment.GetEnvironmentVariable("BPM_REQUIRE_POSTGRES") == "1")
            {
                throw new InvalidOperationException($"BPM_REQUIRE_POSTGRES=1 but no server: {SkipReason}");
            }

            return;
        }

        // A database of our own, so that a shared server given by BPM_POSTGRES is left as it was found.
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = $"bpm_test_{Guid.NewGuid():N}" };
        _connectionString = builder.ConnectionString;
        using var db = CreateContext();
        db.Database.Migrate();
    }

    public string? SkipReason { get; }

    /// <summary>The migrated test database (null when skipped); other suites (durable timers) reuse it.</summary>
    public string? ConnectionString => _connectionString;

    public BpmDbContext CreateContext(params IInterceptor[] interceptors) =>
        new(BpmPostgreSql.Options(_connectionString ?? throw new InvalidOperationException(SkipReason)).WithInterceptors(interceptors));

    public void Dispose()
    {
        if (_connectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var db = CreateContext();
            db.Database.EnsureDeleted();
        }

        _server?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
