using Bpm.Dossiers.Catalog;
using Bpm.Persistence;
using Bpm.Server.Tests.Features.Dossiers;
using Bpm.Server.Tests.Infrastructure;
using Bpm.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Features.Handoffs;

/// <summary>
/// A server whose only published definitions are the inter-connected procedures of
/// <c>workflows/handoffs</c> (the samples are not imported, so that 1.001193 is the group's
/// process), with its own clock. The land procedure 1.115320 has no receiving desk in the
/// shipped catalogue; the fixture receives it at Phương Lâm's desk, as a province would list it.
/// </summary>
public static class HandoffServer
{
    public static readonly string[] Definitions =
        ["lien-thong-khai-sinh", "lien-thong-thuong-tru", "lien-thong-the-bhyt", "lien-thong-dinh-chinh-gcn", "lien-thong-chinh-ly-vpdkdd"];

    public static BpmServerFactory Create(string provider, string? connectionString, DossierClock clock) =>
        new(provider, connectionString, configure: b =>
        {
            b.UseSetting("Bpm:ImportSamples", "false");
            DossierClock.Install(clock)(b);
        });

    public static async Task PrepareAsync(BpmServerFactory factory)
    {
        _ = factory.Server;
        DossierClock.PrepareSigning(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<DefinitionStore>();
        foreach (var id in Definitions)
        {
            await store.SaveDraftAsync(id, await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "workflows", "handoffs", id + ".bpmn")), "thietke");
            await store.PublishAsync(id, "thietke");
        }

        var catalog = scope.ServiceProvider.GetRequiredService<ProcedureCatalog>();
        var land = (await catalog.FindAsync("1.115320"))!;
        await catalog.ImportAsync([land with { Levels = [.. land.Levels.Select(l => l with { ReceivingUnits = ["XA-PHUONGLAM.MOTCUA"] })] }]);
    }
}

public sealed class SqliteHandoffServerFixture : IDossierServerFixture, IAsyncLifetime
{
    public SqliteHandoffServerFixture() => Factory = HandoffServer.Create("sqlite", null, Clock);

    public string? SkipReason => null;

    public DossierClock Clock { get; } = new();

    public BpmServerFactory Factory { get; }

    public Task InitializeAsync() => HandoffServer.PrepareAsync(Factory);

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

public sealed class PostgresHandoffServerFixture : IDossierServerFixture, IAsyncLifetime
{
    private readonly PostgresDatabase _database = new("PostgreSQL handoff tests", "bpm_handoff_test");
    private BpmServerFactory? _factory;

    public string? SkipReason => _database.SkipReason;

    public DossierClock Clock { get; } = new();

    public BpmServerFactory Factory => _factory ?? throw new InvalidOperationException(SkipReason);

    public async Task InitializeAsync()
    {
        if (_database.ConnectionString is not null)
        {
            _factory = HandoffServer.Create("postgresql", _database.ConnectionString, Clock);
            await HandoffServer.PrepareAsync(_factory);
        }
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
public sealed class SqliteHandoffCollection : ICollectionFixture<SqliteHandoffServerFixture>
{
    public const string Name = "handoffs-sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresHandoffCollection : ICollectionFixture<PostgresHandoffServerFixture>
{
    public const string Name = "handoffs-postgres";
}

[Collection(SqliteHandoffCollection.Name)]
public sealed class SqliteHandoffTests(SqliteHandoffServerFixture fixture) : HandoffTestBase<SqliteHandoffServerFixture>(fixture);

[Collection(PostgresHandoffCollection.Name)]
public sealed class PostgreSqlHandoffTests(PostgresHandoffServerFixture fixture) : HandoffTestBase<PostgresHandoffServerFixture>(fixture);
