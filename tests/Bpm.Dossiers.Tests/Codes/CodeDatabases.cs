using Bpm.Dossiers.Tests.Catalog;
using Bpm.Persistence;
using Bpm.Persistence.PostgreSql;
using Bpm.Persistence.PostgreSql.Tests;
using Bpm.Persistence.SqlServer;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bpm.Dossiers.Tests.Codes;

public sealed class SqliteCodeDatabase : ICodeDatabase, IDisposable
{
    private readonly SqliteCatalogFixture _sqlite = new();

    public string? SkipReason => null;

    public BpmDbContext CreateContext() => _sqlite.CreateContext();

    public void Dispose() => _sqlite.Dispose();
}

/// <summary>
/// A throwaway PostgreSQL server (or <c>BPM_POSTGRES</c>), migrated. Without one the tests skip
/// and say so, unless <c>BPM_REQUIRE_POSTGRES=1</c>.
/// </summary>
public sealed class PostgresCodeDatabase : ICodeDatabase, IDisposable
{
    private readonly PostgresServer? _server;
    private readonly string? _connectionString;

    public PostgresCodeDatabase()
    {
        var given = Environment.GetEnvironmentVariable("BPM_POSTGRES");
        string? server = given is { Length: > 0 } ? given : null;
        if (server is null)
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

        _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = $"bpm_dossiers_test_{Guid.NewGuid():N}" }.ConnectionString;
        using var db = CreateContext();
        db.Database.Migrate();
    }

    public string? SkipReason { get; }

    public BpmDbContext CreateContext() =>
        BpmPostgreSql.CreateContext(_connectionString ?? throw new InvalidOperationException(SkipReason));

    public void Dispose()
    {
        if (_connectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            var admin = new NpgsqlConnectionStringBuilder(_connectionString);
            var database = admin.Database;
            admin.Database = "postgres";
            using var connection = new NpgsqlConnection(admin.ConnectionString);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }

        _server?.Dispose();
    }
}

/// <summary>A database of its own on the SQL Server named by <c>BPM_SQLSERVER</c>; without it the tests skip, saying so.</summary>
public sealed class SqlServerCodeDatabase : ICodeDatabase, IDisposable
{
    private readonly string? _connectionString;

    public SqlServerCodeDatabase()
    {
        var given = Environment.GetEnvironmentVariable("BPM_SQLSERVER");
        if (string.IsNullOrWhiteSpace(given))
        {
            SkipReason = "SQL Server tests skipped: BPM_SQLSERVER (a connection string) is not set";
            return;
        }

        _connectionString = new SqlConnectionStringBuilder(given) { InitialCatalog = $"bpm_dossiers_test_{Guid.NewGuid():N}" }.ConnectionString;
        using var db = CreateContext();
        db.Database.Migrate();
    }

    public string? SkipReason { get; }

    public BpmDbContext CreateContext() =>
        BpmSqlServer.CreateContext(_connectionString ?? throw new InvalidOperationException(SkipReason));

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

public sealed class SqliteDossierCodeGeneratorTests(SqliteCodeDatabase database)
    : DossierCodeGeneratorTestBase<SqliteCodeDatabase>(database), IClassFixture<SqliteCodeDatabase>
{
    // Microsoft.Data.Sqlite begins transactions IMMEDIATE: a second writer waits at BEGIN, so they cannot all be open at once.
    protected override bool TransactionsOverlap => false;
}

public sealed class PostgreSqlDossierCodeGeneratorTests(PostgresCodeDatabase database)
    : DossierCodeGeneratorTestBase<PostgresCodeDatabase>(database), IClassFixture<PostgresCodeDatabase>;

public sealed class SqlServerDossierCodeGeneratorTests(SqlServerCodeDatabase database)
    : DossierCodeGeneratorTestBase<SqlServerCodeDatabase>(database), IClassFixture<SqlServerCodeDatabase>;
