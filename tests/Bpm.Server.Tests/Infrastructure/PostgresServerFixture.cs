using Bpm.Testing;

namespace Bpm.Server.Tests.Infrastructure;

/// <summary>
/// The server on a real PostgreSQL (see <see cref="PostgresDatabase"/>): a database of its own,
/// created by the server's start-up migrations and dropped afterwards; skipped with the reason
/// when there is no server.
/// </summary>
public sealed class PostgresServerFixture : IServerFixture, IAsyncLifetime
{
    private readonly PostgresDatabase _database = new("PostgreSQL server tests", "bpm_server_test");
    private BpmServerFactory? _factory;

    public string? SkipReason => _database.SkipReason;

    public BpmServerFactory Factory => _factory ?? throw new InvalidOperationException(SkipReason);

    public Task InitializeAsync()
    {
        if (_database.ConnectionString is not null)
        {
            _factory = new BpmServerFactory("postgresql", _database.ConnectionString);
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

        _database.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresServerCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "server-postgres";
}
