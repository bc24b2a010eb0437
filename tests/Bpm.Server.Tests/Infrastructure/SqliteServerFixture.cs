namespace Bpm.Server.Tests.Infrastructure;

/// <summary>The server on its default: SQLite in the data folder.</summary>
public sealed class SqliteServerFixture : IServerFixture, IAsyncLifetime
{
    public string? SkipReason => null;

    public BpmServerFactory Factory { get; } = new("sqlite", null);

    public Task InitializeAsync()
    {
        _ = Factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SqliteServerCollection : ICollectionFixture<SqliteServerFixture>
{
    public const string Name = "server-sqlite";
}
