using Bpm.Persistence.PostgreSql.Tests;
using Npgsql;

namespace Bpm.Server.Tests.Infrastructure;

/// <summary>
/// The server on a real PostgreSQL: <c>BPM_POSTGRES</c> if set, else the persistence suite's
/// throwaway server. A database of its own, created by the server's start-up migrations and
/// dropped afterwards. Without a server the tests skip with the reason, unless
/// <c>BPM_REQUIRE_POSTGRES=1</c>.
/// </summary>
public sealed class PostgresServerFixture : IServerFixture, IAsyncLifetime
{
    private readonly PostgresServer? _server;
    private readonly string? _connectionString;
    private BpmServerFactory? _factory;

    public PostgresServerFixture()
    {
        var given = Environment.GetEnvironmentVariable("BPM_POSTGRES");
        string? server = null;
        if (!string.IsNullOrWhiteSpace(given))
        {
            server = given;
        }
        else
        {
            (_server, var problem) = PostgresServer.TryStart();
            server = _server?.ConnectionString;
            SkipReason = problem is null ? null : $"PostgreSQL server tests skipped: {problem}";
        }

        if (server is null)
        {
            if (Environment.GetEnvironmentVariable("BPM_REQUIRE_POSTGRES") == "1")
            {
                throw new InvalidOperationException($"BPM_REQUIRE_POSTGRES=1 but no server: {SkipReason}");
            }

            return;
        }

        _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = $"bpm_server_test_{Guid.NewGuid():N}" }.ConnectionString;
    }

    public string? SkipReason { get; }

    public BpmServerFactory Factory => _factory ?? throw new InvalidOperationException(SkipReason);

    public Task InitializeAsync()
    {
        if (_connectionString is not null)
        {
            _factory = new BpmServerFactory("postgresql", _connectionString);
            _ = _factory.Server;
        }

        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_connectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            var admin = new NpgsqlConnectionStringBuilder(_connectionString);
            var database = admin.Database;
            admin.Database = "postgres";
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        _server?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresServerCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "server-postgres";
}
